using System.Globalization;

namespace WsLoad.Analysis.Failures;

/// <summary>
/// Maps the error classes the engine writes (<c>connect-{failure}</c>, <c>connect-unfinished</c>,
/// <c>upgrade-rejected-{status}</c>, <c>close-{code}</c>, <c>close-{code}-{failure}</c>, <c>send-failed</c>,
/// <c>integrity-corrupted</c>, <c>message-lost</c>, <c>observer-error</c>, <c>client-fault-drop</c>) to one <see cref="FailureKind"/> each.
/// The <c>{failure}</c> names are those of <c>WsFailureNames.ToName</c>.
/// </summary>
internal static class FailureTaxonomy
{
    /// <summary>The classification of <paramref name="failureClass"/>; <see cref="FailureKind.Unknown"/> when no rule knows it.</summary>
    public static FailureClassification Classify(string failureClass) =>
        TryClassify(failureClass, out var classification)
            ? classification
            : new FailureClassification { Class = failureClass, Kind = FailureKind.Unknown };

    /// <summary>False when no rule knows <paramref name="failureClass"/> (a class the engine added without a mapping).</summary>
    public static bool TryClassify(string failureClass, out FailureClassification classification)
    {
        ArgumentNullException.ThrowIfNull(failureClass);
        classification = new FailureClassification { Class = failureClass };
        switch (failureClass)
        {
            case "message-lost":
                classification = classification with { Kind = FailureKind.Loss };
                return true;
            case "integrity-corrupted":
                classification = classification with { Kind = FailureKind.Integrity };
                return true;
            case "send-failed":
                classification = classification with { Kind = FailureKind.SendFailed };
                return true;
            case "client-fault-drop":
                classification = classification with { Kind = FailureKind.InjectedClientFault };
                return true;
            case "observer-error":
                classification = classification with { Kind = FailureKind.GeneratorError };
                return true;
            case "connect-unfinished":
                // Still connecting when the plan ended: the target did not answer in time.
                classification = classification with { Kind = FailureKind.ConnectTimeout };
                return true;
            default:
                break;
        }

        if (failureClass.StartsWith("connect-", StringComparison.Ordinal))
        {
            return TryFromFailureName(failureClass["connect-".Length..], FailureKind.ConnectTimeout, FailureKind.Unknown, ref classification);
        }

        if (failureClass.StartsWith("upgrade-rejected-", StringComparison.Ordinal)
            && TryParseCode(failureClass["upgrade-rejected-".Length..], out var status))
        {
            classification = classification with { Kind = FailureKind.UpgradeRejected, HttpStatus = status };
            return true;
        }

        if (failureClass.StartsWith("close-", StringComparison.Ordinal))
        {
            return TryClassifyClose(failureClass["close-".Length..], ref classification);
        }

        return false;
    }

    /// <summary><c>close-{code}</c> by its code; <c>close-{code}-{failure}</c> by the failure, or the code when the failure is <c>other</c>.</summary>
    private static bool TryClassifyClose(string rest, ref FailureClassification classification)
    {
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        if (!TryParseCode(dash < 0 ? rest : rest[..dash], out var code))
        {
            return false;
        }

        var byCode = KindOfCloseCode(code);
        classification = classification with { CloseCode = code, Kind = byCode };
        return dash < 0 || TryFromFailureName(rest[(dash + 1)..], FailureKind.ConnectionTimeout, byCode, ref classification);
    }

    private static bool TryFromFailureName(string name, FailureKind timeout, FailureKind other, ref FailureClassification classification)
    {
        FailureKind? kind = name switch
        {
            "dns" => FailureKind.Dns,
            "refused" => FailureKind.ConnectRefused,
            "timeout" => timeout,
            "reset" => FailureKind.ConnectionReset,
            "tls" => FailureKind.Tls,
            "upgrade-rejected" => FailureKind.UpgradeRejected,
            "protocol" => FailureKind.ProtocolError,
            "address-in-use" => FailureKind.PortExhaustion,
            "too-many-files" => FailureKind.FileDescriptorExhaustion,
            "other" => other,
            _ => null,
        };
        if (kind is null)
        {
            return false;
        }

        classification = classification with { Kind = kind.Value };
        return true;
    }

    private static FailureKind KindOfCloseCode(int code) => code switch
    {
        1001 => FailureKind.ClosedGoingAway,
        1002 or 1007 => FailureKind.ProtocolError,
        1006 => FailureKind.ClosedAbnormally,
        1008 => FailureKind.ClosedPolicyViolation,
        1009 => FailureKind.ClosedMessageTooBig,
        1011 => FailureKind.ClosedServerError,
        1013 => FailureKind.ClosedTryAgainLater,
        _ => FailureKind.ClosedOtherCode,
    };

    private static bool TryParseCode(string text, out int code) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out code) && text.Length is >= 3 and <= 4;
}

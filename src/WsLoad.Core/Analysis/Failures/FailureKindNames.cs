namespace WsLoad.Analysis.Failures;

/// <summary>Stable kebab-case names of the kinds, for evidence, chains and reports (e.g. <c>closed-abnormally</c>).</summary>
public static class FailureKindNames
{
    public static string ToName(this FailureKind kind) => kind switch
    {
        FailureKind.ConnectRefused => "connect-refused",
        FailureKind.ConnectionReset => "connection-reset",
        FailureKind.ConnectTimeout => "connect-timeout",
        FailureKind.ConnectionTimeout => "connection-timeout",
        FailureKind.MessageTimeout => "message-timeout",
        FailureKind.Dns => "dns",
        FailureKind.Tls => "tls",
        FailureKind.UpgradeRejected => "upgrade-rejected",
        FailureKind.ClosedGoingAway => "closed-going-away",
        FailureKind.ClosedAbnormally => "closed-abnormally",
        FailureKind.ClosedPolicyViolation => "closed-policy-violation",
        FailureKind.ClosedMessageTooBig => "closed-message-too-big",
        FailureKind.ClosedServerError => "closed-server-error",
        FailureKind.ClosedTryAgainLater => "closed-try-again-later",
        FailureKind.ClosedOtherCode => "closed-other-code",
        FailureKind.ProtocolError => "protocol-error",
        FailureKind.SendFailed => "send-failed",
        FailureKind.Integrity => "integrity",
        FailureKind.Order => "order",
        FailureKind.Loss => "loss",
        FailureKind.FileDescriptorExhaustion => "file-descriptor-exhaustion",
        FailureKind.PortExhaustion => "port-exhaustion",
        FailureKind.GeneratorSaturation => "generator-saturation",
        FailureKind.GeneratorError => "generator-error",
        FailureKind.InjectedClientFault => "injected-client-fault",
        _ => "unknown",
    };
}

using System.Text.RegularExpressions;
using WsLoad.Analysis.Failures;
using WsLoad.Connections;

namespace WsLoad.Tests.Analysis.Failures;

public class FailureTaxonomyTests
{
    [Theory]
    [InlineData("connect-refused", FailureKind.ConnectRefused, null, null)]
    [InlineData("connect-timeout", FailureKind.ConnectTimeout, null, null)]
    [InlineData("connect-unfinished", FailureKind.ConnectTimeout, null, null)]
    [InlineData("connect-reset", FailureKind.ConnectionReset, null, null)]
    [InlineData("connect-dns", FailureKind.Dns, null, null)]
    [InlineData("connect-tls", FailureKind.Tls, null, null)]
    [InlineData("connect-protocol", FailureKind.ProtocolError, null, null)]
    [InlineData("connect-upgrade-rejected", FailureKind.UpgradeRejected, null, null)]
    [InlineData("connect-too-many-files", FailureKind.FileDescriptorExhaustion, null, null)]
    [InlineData("connect-address-in-use", FailureKind.PortExhaustion, null, null)]
    [InlineData("connect-other", FailureKind.Unknown, null, null)]
    [InlineData("upgrade-rejected-503", FailureKind.UpgradeRejected, 503, null)]
    [InlineData("upgrade-rejected-403", FailureKind.UpgradeRejected, 403, null)]
    [InlineData("close-1000", FailureKind.ClosedOtherCode, null, 1000)]
    [InlineData("close-1001", FailureKind.ClosedGoingAway, null, 1001)]
    [InlineData("close-1002", FailureKind.ProtocolError, null, 1002)]
    [InlineData("close-1006", FailureKind.ClosedAbnormally, null, 1006)]
    [InlineData("close-1006-reset", FailureKind.ConnectionReset, null, 1006)]
    [InlineData("close-1006-timeout", FailureKind.ConnectionTimeout, null, 1006)]
    [InlineData("close-1006-other", FailureKind.ClosedAbnormally, null, 1006)]
    [InlineData("close-1006-too-many-files", FailureKind.FileDescriptorExhaustion, null, 1006)]
    [InlineData("close-1002-protocol", FailureKind.ProtocolError, null, 1002)]
    [InlineData("close-1009-protocol", FailureKind.ProtocolError, null, 1009)]
    [InlineData("close-1007", FailureKind.ProtocolError, null, 1007)]
    [InlineData("close-1008", FailureKind.ClosedPolicyViolation, null, 1008)]
    [InlineData("close-1009", FailureKind.ClosedMessageTooBig, null, 1009)]
    [InlineData("close-1011", FailureKind.ClosedServerError, null, 1011)]
    [InlineData("close-1012", FailureKind.ClosedOtherCode, null, 1012)]
    [InlineData("close-1013", FailureKind.ClosedTryAgainLater, null, 1013)]
    [InlineData("close-4000", FailureKind.ClosedOtherCode, null, 4000)]
    [InlineData("send-failed", FailureKind.SendFailed, null, null)]
    [InlineData("integrity-corrupted", FailureKind.Integrity, null, null)]
    [InlineData("message-lost", FailureKind.Loss, null, null)]
    [InlineData("observer-error", FailureKind.GeneratorError, null, null)]
    [InlineData("client-fault-drop", FailureKind.InjectedClientFault, null, null)]
    public void Each_engine_class_maps_to_one_kind(string failureClass, FailureKind kind, int? httpStatus, int? closeCode)
    {
        Assert.True(FailureTaxonomy.TryClassify(failureClass, out var classification));
        Assert.Equal(kind, classification.Kind);
        Assert.Equal(httpStatus, classification.HttpStatus);
        Assert.Equal(closeCode, classification.CloseCode);
    }

    [Theory]
    [InlineData("something-new")]
    [InlineData("connect-sideways")]
    [InlineData("close-abc")]
    [InlineData("close-1006-sideways")]
    [InlineData("upgrade-rejected-")]
    public void A_class_no_rule_knows_is_unmapped_and_unknown(string failureClass)
    {
        Assert.False(FailureTaxonomy.TryClassify(failureClass, out _));
        Assert.Equal(FailureKind.Unknown, FailureTaxonomy.Classify(failureClass).Kind);
    }

    /// <summary>The engine names connect and close failures after <see cref="WsFailure"/>: a new member needs a mapping.</summary>
    [Fact]
    public void Every_connection_failure_name_is_mapped_in_connect_and_close_classes()
    {
        foreach (var failure in Enum.GetValues<WsFailure>())
        {
            var name = failure.ToName();
            Assert.True(FailureTaxonomy.TryClassify("connect-" + name, out var connect), "connect-" + name);
            Assert.True(FailureTaxonomy.TryClassify("close-1006-" + name, out _), "close-1006-" + name);
            Assert.True(failure == WsFailure.Other || connect.Kind != FailureKind.Unknown, "connect-" + name + " is Unknown");
        }
    }

    /// <summary>
    /// Reads the engine's and the result fold's source for the literal classes they pass to the failure log
    /// (Record("..."), ConnectFailed(..., "...") and errors["..."]): a literal added without a mapping fails here.
    /// </summary>
    [Fact]
    public void Every_literal_class_in_the_engine_source_is_mapped()
    {
        var core = Path.Combine(RepositoryRoot(), "src", "WsLoad.Core");
        var literal = new Regex("""(?:_failures\.Record\(|ConnectFailed\([^,]+,\s*|errors\[)"([a-z0-9-]+)"(?!\s*,\s*RunEventSource)""");
        var classes = new[] { "Engine", "Results" }.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(core, folder), "*.cs"))
            .SelectMany(f => literal.Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.Contains("send-failed", classes);
        Assert.Contains("message-lost", classes);
        Assert.Contains("connect-unfinished", classes);
        Assert.All(classes, c => Assert.True(FailureTaxonomy.TryClassify(c, out _), c + " has no mapping"));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WsLoad.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("WsLoad.slnx not found above " + AppContext.BaseDirectory);
    }
}

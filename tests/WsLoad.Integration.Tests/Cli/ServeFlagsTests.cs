using System.CommandLine;
using System.Net.WebSockets;
using WsLoad.Cli;
using WsLoad.Cli.Commands;
using WsLoad.Server;
using WsLoad.Tests.Tls;

namespace WsLoad.Tests.Cli;

/// <summary><c>wsload serve</c>: flags parsed and mapped to <see cref="TargetServerOptions"/> (no server), and one real process.</summary>
public sealed class ServeFlagsTests
{
    [Fact]
    public void No_flags_give_the_default_server_options()
    {
        var options = Map();

        Assert.Equal(new TargetServerOptions().Host, options.Host);
        Assert.Equal(0, options.Port);
        Assert.Equal("/ws", options.Path);
        Assert.Equal(ServerMode.Echo, options.Mode);
        Assert.Same(ServerFaults.None, options.Faults);
        Assert.Null(options.Certificate);
        Assert.False(options.RequireClientCertificate);
        Assert.False(options.Verbose);
    }

    [Fact]
    public void Push_flags_set_the_rate_and_size()
    {
        var options = Map("--mode", "push", "--push-rate", "30/m", "--push-size", "1kb");

        Assert.Equal(ServerMode.Push, options.Mode);
        Assert.Equal(0.5, options.PushRatePerSecond);
        Assert.Equal(1024, options.PushSize);
    }

    [Fact]
    public void Push_skip_every_sets_the_push_gap_fault()
    {
        var options = Map("--mode", "push", "--push-skip-every", "10");

        Assert.Equal(10, options.PushSkipEvery);
        Assert.Null(Map("--mode", "push").PushSkipEvery);
    }

    [Fact]
    public void Drop_every_applies_to_broadcast_deliveries()
    {
        var options = Map("--mode", "broadcast", "--drop-every", "5");

        Assert.Equal(ServerMode.Broadcast, options.Mode);
        Assert.Equal(5, options.Faults.DropEvery);
    }

    [Fact]
    public void Fault_flags_map_to_server_faults()
    {
        var options = Map(
            "--refuse-upgrades", "503", "--refuse-after", "10", "--close-after-messages", "5", "--close-all-after", "30s",
            "--close-code", "1011", "--close-reason", "overloaded", "--abort-after-messages", "7");

        Assert.Equal(
            new ServerFaults
            {
                RefuseUpgradeStatus = 503,
                RefuseAfterConnections = 10,
                CloseAfterMessages = 5,
                CloseAllAfter = TimeSpan.FromSeconds(30),
                CloseCode = WebSocketCloseStatus.InternalServerError,
                CloseReason = "overloaded",
                AbortAfterMessages = 7,
            },
            options.Faults);
    }

    [Fact]
    public void Reply_fault_flags_map_to_server_faults()
    {
        var options = Map(
            "--reply-delay", "25ms", "--stall-at", "5s", "--stall-for", "1500ms", "--corrupt-every", "100", "--drop-every", "50",
            "--duplicate-every", "200");

        Assert.Equal(
            new ServerFaults
            {
                ReplyDelay = TimeSpan.FromMilliseconds(25),
                StallAt = TimeSpan.FromSeconds(5),
                StallFor = TimeSpan.FromMilliseconds(1500),
                CorruptEvery = 100,
                DropEvery = 50,
                DuplicateEvery = 200,
            },
            options.Faults);
    }

    [Fact]
    public void A_reply_delay_range_draws_uniformly_between_its_ends()
    {
        var faults = Map("--reply-delay", "10ms-40ms").Faults;

        Assert.Equal((TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(40)), (faults.ReplyDelay, faults.ReplyDelayMax));
        Assert.Equal(TimeSpan.FromSeconds(1), Map("--stall-at", "2s").Faults.StallFor); // the default stall length
    }

    [Theory]
    [InlineData("--reply-delay", "40ms-10ms")]
    [InlineData("--reply-delay", "soon")]
    [InlineData("--stall-at", "later")]
    [InlineData("--drop-every", "often")]
    public void Bad_reply_fault_values_are_parse_errors_naming_the_accepted_form(string flag, string value)
    {
        var flags = new ServeFlagOptions();
        var command = new Command("serve");
        flags.AddTo(command);

        var parseResult = command.Parse([flag, value]);

        Assert.Contains(parseResult.Errors, e => e.Message.Contains(value, StringComparison.Ordinal));
    }

    [Fact]
    public void Seeded_fault_flags_map_to_server_faults()
    {
        var options = Map(
            "--reply-delay", "normal:50ms/10ms", "--corrupt-percent", "2.5%", "--refuse-percent", "10", "--refuse-upgrades", "429",
            "--close-percent", "20", "--close-code", "4000", "--accept-delay", "100ms-300ms", "--fault-seed", "42");

        Assert.Equal(
            new ServerFaults
            {
                ReplyDelay = TimeSpan.FromMilliseconds(50),
                ReplyDelayDeviation = TimeSpan.FromMilliseconds(10),
                CorruptPercent = 2.5,
                RefusePercent = 10,
                RefuseUpgradeStatus = 429,
                ClosePercent = 20,
                CloseCode = (WebSocketCloseStatus)4000,
                AcceptDelay = TimeSpan.FromMilliseconds(100),
                AcceptDelayMax = TimeSpan.FromMilliseconds(300),
                Seed = 42,
            },
            options.Faults);
        Assert.True(Map("--reply-delay", "exp:20ms").Faults.ReplyDelayExponential);
    }

    [Theory]
    [InlineData("--reply-delay", "normal:50ms", "--reply-delay: 'normal:50ms' is not a delay like 25ms, a uniform range 10ms-40ms, normal:50ms/10ms (mean/stddev) or exp:20ms (mean)")]
    [InlineData("--accept-delay", "slow", "--accept-delay: 'slow' is not a delay like 25ms")]
    [InlineData("--corrupt-percent", "150", "--corrupt-percent: '150' is not a percentage from 0 to 100 (e.g. 1, 2.5 or 2.5%)")]
    [InlineData("--refuse-percent", "-1", "--refuse-percent: '-1' is not a percentage from 0 to 100")]
    [InlineData("--close-percent", "half", "--close-percent: 'half' is not a percentage from 0 to 100")]
    [InlineData("--fault-seed", "1.5", "--fault-seed: '1.5' is not a whole number")]
    public void Bad_seeded_fault_values_are_one_line_errors_naming_the_flag_and_what_it_takes(string flag, string value, string expected)
    {
        var flags = new ServeFlagOptions();
        var command = new Command("serve");
        flags.AddTo(command);

        var parseResult = command.Parse([flag, value]);

        var error = Assert.Single(parseResult.Errors);
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void The_global_verbose_flag_turns_on_server_logging()
    {
        Assert.True(Map(verbose: true).Verbose);
    }

    [Theory]
    [InlineData("--push-rate only applies to --mode push", "--push-rate", "5/s")]
    [InlineData("--push-size only applies to --mode push", "--mode", "broadcast", "--push-size", "100")]
    [InlineData("--push-size takes one size", "--mode", "push", "--push-size", "64-128")]
    [InlineData("--refuse-upgrades takes an HTTP status 200-599", "--refuse-upgrades", "101")]
    [InlineData("--refuse-after needs --refuse-upgrades", "--refuse-after", "3")]
    [InlineData("--close-after-messages must be at least 1", "--close-after-messages", "0")]
    [InlineData("--abort-after-messages must be at least 1", "--abort-after-messages", "0")]
    [InlineData("--close-code must be 1000-4999", "--close-all-after", "1s", "--close-code", "1006")]
    [InlineData("--close-reason needs --close-after-messages, --close-all-after or --close-percent", "--close-reason", "bye")]
    [InlineData("--reply-delay, --stall-at, --stall-for, --corrupt-every and --duplicate-every only apply to --mode echo", "--mode", "broadcast", "--corrupt-every", "2")]
    [InlineData("--drop-every only applies to --mode echo, ack (replies) or broadcast (deliveries)", "--mode", "push", "--drop-every", "2")]
    [InlineData("--push-skip-every only applies to --mode push", "--mode", "broadcast", "--push-skip-every", "10")]
    [InlineData("--push-skip-every must be at least 2 (1 would skip every number; e.g. --push-skip-every 10), got 1", "--mode", "push", "--push-skip-every", "1")]
    [InlineData("--stall-for needs --stall-at", "--stall-for", "1s")]
    [InlineData("--stall-for must be positive", "--stall-at", "1s", "--stall-for", "0s")]
    [InlineData("--corrupt-every must be at least 1", "--corrupt-every", "0")]
    [InlineData("--drop-every must be at least 1", "--drop-every", "0")]
    [InlineData("--duplicate-every must be at least 1", "--duplicate-every", "0")]
    [InlineData("--corrupt-percent only applies to --mode echo", "--mode", "broadcast", "--corrupt-percent", "1")]
    [InlineData("--accept-delay takes a delay (200ms) or a range (100ms-300ms)", "--accept-delay", "exp:20ms")]
    [InlineData("--fault-seed needs a drawn fault", "--fault-seed", "7")]
    [InlineData("--close-code needs --close-after-messages, --close-all-after or --close-percent", "--close-code", "4000")]
    [InlineData("--tls-key needs --tls-cert", "--tls-key", "key.pem")]
    [InlineData("--tls-password needs --tls-cert", "--tls-password", "secret")]
    [InlineData("--tls-require-client-cert needs --tls-cert", "--tls-require-client-cert")]
    [InlineData("--tls-client-ca needs --tls-cert", "--tls-client-ca", "ca.pem")]
    [InlineData("--tls-key is for a PEM --tls-cert", "--tls-cert", "server.pfx", "--tls-key", "key.pem")]
    public void Flags_that_do_not_combine_are_a_usage_error_naming_them(string expected, params string[] args)
    {
        var error = Assert.Throws<CliException>(() => Map(args));

        Assert.Equal(ExitCodes.UsageError, error.ExitCode);
        Assert.StartsWith(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_pfx_with_its_password_becomes_the_server_certificate()
    {
        using var certificates = TestCertificates.Create();

        var options = Map("--tls-cert", certificates.ServerPfx, "--tls-password", TestCertificates.PfxPassword);
        using var certificate = options.Certificate;

        Assert.NotNull(certificate);
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(certificates.Server.Thumbprint, certificate.Thumbprint);
        Assert.False(options.RequireClientCertificate);
    }

    [Fact]
    public void A_pem_certificate_and_key_with_a_client_ca_require_client_certificates_from_that_ca()
    {
        using var certificates = TestCertificates.Create();

        var options = Map("--tls-cert", certificates.ServerCertPem, "--tls-key", certificates.ServerKeyPem, "--tls-client-ca", certificates.CaPem);
        using var certificate = options.Certificate;
        using var clientCa = options.ClientCertificateAuthority;

        Assert.True(certificate!.HasPrivateKey);
        Assert.True(options.RequireClientCertificate);
        Assert.Equal(certificates.Ca.Thumbprint, clientCa!.Thumbprint);
    }

    [Fact]
    public void A_wrong_pfx_password_is_a_usage_error_naming_the_flag()
    {
        using var certificates = TestCertificates.Create();

        var error = Assert.Throws<CliException>(() => Map("--tls-cert", certificates.ServerPfx, "--tls-password", "wrong"));

        Assert.Equal(ExitCodes.UsageError, error.ExitCode);
        Assert.StartsWith("--tls-cert: cannot load the certificate", error.Message);
    }

    [Fact]
    public async Task Serve_with_refuse_upgrades_makes_a_client_see_that_status()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var server = WsLoadProcess.Start("serve", "--port", "0", "--refuse-upgrades", "503");
        var line = await server.ReadLineAsync(cts.Token);
        Assert.StartsWith("listening ws://127.0.0.1:", line);
        using var client = new ClientWebSocket();
        client.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => client.ConnectAsync(new Uri(line["listening ".Length..]), cts.Token));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, client.HttpStatusCode);
        await server.SendInterruptAsync(cts.Token);
        Assert.Equal(0, await server.WaitForExitAsync(cts.Token));
    }

    /// <summary>Parses <c>serve ARGS</c> with the real options and maps them, without starting a server.</summary>
    private static TargetServerOptions Map(params string[] args) => Map(verbose: false, args);

    private static TargetServerOptions Map(bool verbose, params string[] args)
    {
        var flags = new ServeFlagOptions();
        var command = new Command("serve");
        flags.AddTo(command);
        var parseResult = command.Parse(args);
        Assert.Empty(parseResult.Errors);
        return TargetServerOptionsFromFlags.Map(flags.Read(parseResult, verbose));
    }
}

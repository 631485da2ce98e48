using System.Security.Cryptography.X509Certificates;

namespace WsLoad.Server;

/// <summary>How to start a <see cref="TargetServer"/>. Every property has a working default.</summary>
public sealed record TargetServerOptions
{
    /// <summary>
    /// The address to listen on: an IP address, "localhost" (IPv4 loopback) or "*" (all interfaces).
    /// Default 127.0.0.1.
    /// </summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port to listen on; 0 (default) lets the OS pick one, read it back from <see cref="TargetServer.Port"/>.</summary>
    public int Port { get; init; }

    /// <summary>The URL path that accepts WebSocket upgrades. Default "/ws".</summary>
    public string Path { get; init; } = "/ws";

    /// <summary>What the server does with connections: echo (default), broadcast, push or ack.</summary>
    public ServerMode Mode { get; init; } = ServerMode.Echo;

    /// <summary>Push mode: messages sent to each client per second (may be fractional). Default 1.</summary>
    public double PushRatePerSecond { get; init; } = 1;

    /// <summary>
    /// Push mode: size in bytes of each pushed JSON message. Default 100. Sizes below the unpadded JSON
    /// (about 50 bytes) give the unpadded JSON.
    /// </summary>
    public int PushSize { get; init; } = 100;

    /// <summary>
    /// Push mode, a fault: on each connection, never send the sequence numbers that are multiples of N (N, 2N, ...); the
    /// message after a skipped number carries the next one, so a client sees a gap of one there. Counted in
    /// <see cref="ServerStats.PushSkipped"/>. At least 2. Null (default): no gaps.
    /// </summary>
    public long? PushSkipEvery { get; init; }

    /// <summary>
    /// Broadcast and push modes: messages that may wait to be sent to one client. When a slow client's queue is
    /// full, further messages for it are dropped and counted, so it never holds up the others. Echo and ack modes: replies one
    /// connection may hold for a reply delay or a stall; when they are full, that connection's receiving waits (nothing
    /// is dropped). Default 1024.
    /// </summary>
    public int SendQueueCapacity { get; init; } = 1024;

    /// <summary>Largest message accepted; a bigger one closes the connection with 1009 (message too big). Default 16 MiB.</summary>
    public int MaxMessageBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// Interval of WebSocket keep-alive pings from the server. Default zero: off, because pings cost CPU at
    /// 10,000 connections and load clients keep their connections busy anyway.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// How long a close handshake may take (on stop and on close faults) before the connection is aborted.
    /// Default 2 seconds.
    /// </summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The TCP listen backlog: pending connections the OS queues while the server accepts. Default 8192.</summary>
    public int ListenBacklog { get; init; } = 8192;

    /// <summary>
    /// Bind the listen socket with <c>SO_REUSEPORT</c>, so several server processes share one port and the kernel spreads
    /// new connections over them (<c>wsload serve --workers N</c>): past one process's open-file limit. Default false.
    /// </summary>
    public bool ReusePort { get; init; }

    /// <summary>
    /// Also listen on this Unix socket, where this one process answers <c>GET /stats?scope=process</c>: how the processes
    /// of a group sharing a port (<see cref="ReusePort"/>) read each other's counters. Null (default): no such socket.
    /// </summary>
    public string? ProcessSocketPath { get; init; }

    /// <summary>
    /// In a group's other processes: the <see cref="ProcessSocketPath"/> of the group's first process, which answers
    /// <c>GET /stats</c> for the whole group; this process forwards its own <c>/stats</c> requests there, so whichever
    /// process the kernel hands a request to, the answer is the group's. Null (default): this process answers itself.
    /// </summary>
    public string? GroupStatsSocketPath { get; init; }

    /// <summary>Log server events (Kestrel and WsLoad) to the console. Default false: no console output.</summary>
    public bool Verbose { get; init; }

    /// <summary>
    /// The server certificate, with its private key. When set, the server listens with TLS and
    /// <see cref="TargetServer.WebSocketUrl"/> is <c>wss://</c>. Null (default): plain <c>ws://</c>. The caller owns
    /// the certificate and disposes it after the server has stopped.
    /// </summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>
    /// With <see cref="Certificate"/>: clients must present a certificate, or the TLS handshake fails. Which
    /// certificates are accepted is decided by <see cref="ClientCertificateAuthority"/>. Default false.
    /// </summary>
    public bool RequireClientCertificate { get; init; }

    /// <summary>
    /// With <see cref="RequireClientCertificate"/>: client certificates must chain to this CA certificate. Null
    /// (default): any client certificate is accepted (the handshake only proves the client holds its key).
    /// </summary>
    public X509Certificate2? ClientCertificateAuthority { get; init; }

    /// <summary>Misbehaviour on request, for testing failure paths. Default <see cref="ServerFaults.None"/>.</summary>
    public ServerFaults Faults { get; init; } = ServerFaults.None;

    /// <summary>
    /// The clock for push timing, push timestamps and timed faults. Default <see cref="TimeProvider.System"/>;
    /// tests pass a fake clock.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

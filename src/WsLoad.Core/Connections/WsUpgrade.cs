using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace WsLoad.Connections;

/// <summary>The HTTP/1.1 upgrade request (RFC 6455 4.1) written into a caller's buffer, and the accept-key rule.</summary>
internal static class WsUpgrade
{
    /// <summary>Base64 of 16 bytes.</summary>
    public const int KeyLength = 24;

    /// <summary>Base64 of a 20-byte SHA-1.</summary>
    public const int AcceptLength = 28;

    private static ReadOnlySpan<byte> AcceptGuid => "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"u8;

    /// <summary>Fills <paramref name="key"/> (24 bytes) with base64 of 16 random bytes.</summary>
    public static void CreateKey(Span<byte> key)
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        Base64.EncodeToUtf8(random, key, out _, out _);
    }

    /// <summary>Writes base64(SHA1(key + GUID)) into <paramref name="accept"/> (28 bytes).</summary>
    public static void ComputeAccept(ReadOnlySpan<byte> key, Span<byte> accept)
    {
        Span<byte> input = stackalloc byte[KeyLength + 36];
        key.CopyTo(input);
        AcceptGuid.CopyTo(input[key.Length..]);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6455 defines the accept key with SHA-1.
        SHA1.HashData(input[..(key.Length + AcceptGuid.Length)], hash);
#pragma warning restore CA5350
        Base64.EncodeToUtf8(hash, accept, out _, out _);
    }

    /// <summary>The byte count of the request (an upper bound is enough to rent a buffer).</summary>
    public static int GetMaxRequestLength(WsConnectRequest request)
    {
        var length = 256 + request.Url.PathAndQuery.Length * 3 + request.Url.Host.Length * 3;
        foreach (var protocol in request.Subprotocols)
        {
            length += protocol.Length * 3 + 2;
        }

        foreach (var (name, value) in request.Headers)
        {
            length += (name.Length + value.Length) * 3 + 4;
        }

        return length;
    }

    /// <summary>Writes the request into <paramref name="destination"/>; returns its length.</summary>
    public static int WriteRequest(Span<byte> destination, WsConnectRequest request, ReadOnlySpan<byte> key)
    {
        var url = request.Url;
        var writer = new AsciiWriter(destination);
        writer.Write("GET ");
        writer.Write(url.PathAndQuery.Length == 0 ? "/" : url.PathAndQuery);
        writer.Write(" HTTP/1.1\r\nHost: ");
        writer.Write(url.IsDefaultPort ? url.IdnHost : $"{HostForHeader(url)}:{url.Port}");
        writer.Write("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ");
        writer.Write(key);
        writer.Write("\r\nSec-WebSocket-Version: 13\r\n");
        if (request.Subprotocols.Count > 0)
        {
            writer.Write("Sec-WebSocket-Protocol: ");
            for (var i = 0; i < request.Subprotocols.Count; i++)
            {
                writer.Write(i == 0 ? "" : ", ");
                writer.WriteHeaderValue(request.Subprotocols[i]);
            }

            writer.Write("\r\n");
        }

        foreach (var (name, value) in request.Headers)
        {
            writer.WriteHeaderValue(name);
            writer.Write(": ");
            writer.WriteHeaderValue(value);
            writer.Write("\r\n");
        }

        writer.Write("\r\n");
        return writer.Length;
    }

    private static string HostForHeader(Uri url) =>
        url.HostNameType == UriHostNameType.IPv6 ? url.Host : url.IdnHost;

    private ref struct AsciiWriter(Span<byte> destination)
    {
        private readonly Span<byte> _destination = destination;

        public int Length { get; private set; }

        public void Write(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_destination[Length..]);
            Length += bytes.Length;
        }

        public void Write(string text) => Length += Encoding.UTF8.GetBytes(text, _destination[Length..]);

        /// <summary>Refuses CR/LF so that configured headers cannot inject extra header lines.</summary>
        public void WriteHeaderValue(string text)
        {
            if (text.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException($"header text contains CR or LF: '{text.ReplaceLineEndings(" ")}'");
            }

            Write(text);
        }
    }
}

namespace WsLoad.Connections;

/// <summary>A decoded frame header. <see cref="MaskKey"/> holds the 4 mask bytes in memory order (see <see cref="WsMask"/>).</summary>
internal readonly record struct WsFrameHeader(
    bool Fin,
    byte ReservedBits,
    WsOpcode Opcode,
    bool Masked,
    uint MaskKey,
    long PayloadLength,
    int HeaderLength)
{
    /// <summary>Header plus payload, in bytes.</summary>
    public long FrameLength => HeaderLength + PayloadLength;
}

/// <summary>Outcome of <see cref="WsFrameDecoder.TryReadHeader"/>.</summary>
internal enum WsDecodeStatus
{
    /// <summary>A full header was read.</summary>
    Ok,

    /// <summary>The buffer ends inside the header; read more.</summary>
    NeedMoreData,

    /// <summary>The header breaks RFC 6455; the connection must close with 1002.</summary>
    ProtocolError,
}

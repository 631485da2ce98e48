namespace WsLoad.Connections;

/// <summary>RFC 6455 frame opcodes (section 5.2).</summary>
internal enum WsOpcode : byte
{
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
}

internal static class WsOpcodeExtensions
{
    public static bool IsControl(this WsOpcode opcode) => ((byte)opcode & 0x8) != 0;

    public static bool IsDefined(this WsOpcode opcode) =>
        opcode is WsOpcode.Continuation or WsOpcode.Text or WsOpcode.Binary
            or WsOpcode.Close or WsOpcode.Ping or WsOpcode.Pong;
}

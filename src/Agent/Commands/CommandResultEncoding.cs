namespace GuestAgent.Commands;

/// <summary>
/// How a command's successful <see cref="CommandResult.Message"/> is written, so that a parser can
/// carry it in its own wire format without guessing from the schema: a <c>string</c> result is plain
/// text (<c>Green</c>), a number, <c>Guid</c>, enum, date or record result is JSON text
/// (<c>"Green"</c>, quotes included). The generator states it in <see cref="CommandDescriptor.ResultEncoding"/>.
/// </summary>
public enum CommandResultEncoding
{
    /// <summary>
    /// Not known: the command returns a <see cref="CommandResult"/> it wrote itself, or the descriptor
    /// was not made by the generator. Treat the message as plain text.
    /// </summary>
    Unknown = 0,

    /// <summary>The command returns nothing (<c>void</c>, <c>Task</c>, <c>ValueTask</c>): the message is empty.</summary>
    None,

    /// <summary>The message is plain text, as the command returned it (a <c>string</c> result).</summary>
    Text,

    /// <summary>The message is the text of one JSON value (a number, boolean, string, object, array or <c>null</c>).</summary>
    Json,
}

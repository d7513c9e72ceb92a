namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// Finds the bracket that closes an expansion (<c>$(…)</c>, <c>${…}</c>, <c>$[…]</c>) as bash and dash
/// read it. A command substitution is a script of its own: a here-document opened in it has its body on
/// the lines after, and that body is text, so a <c>)</c> or a quote there closes nothing (checked by
/// sourcing: <c>X=$(cat &lt;&lt;'EOF'⏎)⏎KEY=x⏎EOF⏎)</c> leaves KEY as it was, and X holds both lines).
/// </summary>
internal static class ShellBracketScan
{
    /// <summary>
    /// Where the bracket that closes one opened just before <paramref name="from"/> is, or -1 when the
    /// text ends first or a here-document opened inside is left without its body (bash and dash read
    /// <c>$(cat &lt;&lt;EOF)</c> differently).
    /// </summary>
    public static int Closing(string text, int from, char open, char close) => Closing(text, from, open, close, out _);

    /// <summary>
    /// As <see cref="Closing(string, int, char, char)"/>; <paramref name="unread"/> tells a here-document inside that
    /// is not read: one left without its body when the bracket closes, or one whose quoted delimiter holds a newline.
    /// </summary>
    public static int Closing(string text, int from, char open, char close, out bool unread)
    {
        unread = false;
        // Only a command substitution holds commands; $((…)), ${…} and $[…] hold none, and << shifts there.
        var commands = open == '(' && !(from < text.Length && text[from] == '(');
        var depth = 1;
        var arithmeticAt = 0;
        List<ShellHereDocument> pending = [];
        for (var index = from; index < text.Length; index++)
        {
            var c = text[index];
            if (c == '\\')
            {
                index++;
            }
            else if (c is '\'' or '"')
            {
                index = text.IndexOf(c, index + 1);
                if (index < 0)
                {
                    return -1;
                }
            }
            else if (c == '\n' && pending.Count > 0)
            {
                // The bodies start on the next line, in the order their operators came.
                var next = index + 1;
                foreach (var document in pending)
                {
                    next = ShellHereDocuments.Skip(text, next, document, out _);
                }

                pending.Clear();
                index = next - 1;
            }
            else if (commands && arithmeticAt == 0 && c == '<')
            {
                var opened = ShellHereDocuments.Opened(text, index, out var spansLines);
                unread |= spansLines;
                if (opened is { } document)
                {
                    pending.Add(document);
                    index++;
                }
            }
            else if (c == open)
            {
                // An inner ((…)) or $((…)) is arithmetic up to its own close: its << is a shift.
                arithmeticAt = commands && arithmeticAt == 0 && index + 1 < text.Length && text[index + 1] == '(' ? depth : arithmeticAt;
                depth++;
            }
            else if (c == close)
            {
                depth--;
                arithmeticAt = depth <= arithmeticAt ? 0 : arithmeticAt;
                if (depth == 0)
                {
                    unread |= pending.Count > 0;
                    return pending.Count == 0 ? index : -1;
                }
            }
        }

        return -1;
    }
}

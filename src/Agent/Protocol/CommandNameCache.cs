using System.Text;
using GuestAgent.Commands;

namespace GuestAgent.Protocol;

/// <summary>
/// The registry's command names as UTF-8 and as strings, so a request for a known command gets its
/// name (and descriptor) without decoding (and allocating) a new string every time.
/// </summary>
internal sealed class CommandNameCache
{
    private readonly (byte[] Utf8, CommandDescriptor Command)[] _commands;

    public CommandNameCache(ICommandRegistry registry)
    {
        _commands = registry.Commands.Select(c => (Encoding.UTF8.GetBytes(c.Name), c)).ToArray();
    }

    /// <summary>The name as a string: the cached instance for a known command, else a new one.</summary>
    public string GetString(ReadOnlySpan<byte> utf8Name) =>
        Find(utf8Name)?.Name ?? Encoding.UTF8.GetString(utf8Name);

    /// <summary>The descriptor of the command named <paramref name="utf8Name"/>, or <c>null</c>.</summary>
    public CommandDescriptor? Find(ReadOnlySpan<byte> utf8Name)
    {
        foreach (var (utf8, command) in _commands)
        {
            if (utf8Name.SequenceEqual(utf8))
            {
                return command;
            }
        }

        return null;
    }
}

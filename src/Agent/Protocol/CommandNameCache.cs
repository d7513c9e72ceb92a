using System.Text;
using GuestAgent.Commands;

namespace GuestAgent.Protocol;

/// <summary>
/// The registry's command names as UTF-8 and as strings, so a request for a known command gets its
/// name without decoding (and allocating) a new string every time.
/// </summary>
internal sealed class CommandNameCache
{
    private readonly (byte[] Utf8, string Name)[] _names;

    public CommandNameCache(ICommandRegistry registry)
    {
        _names = registry.Commands.Select(c => (Encoding.UTF8.GetBytes(c.Name), c.Name)).ToArray();
    }

    /// <summary>The name as a string: the cached instance for a known command, else a new one.</summary>
    public string GetString(ReadOnlySpan<byte> utf8Name)
    {
        foreach (var (utf8, name) in _names)
        {
            if (utf8Name.SequenceEqual(utf8))
            {
                return name;
            }
        }

        return Encoding.UTF8.GetString(utf8Name);
    }
}

using System.Text.RegularExpressions;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Searches the text of a netplan file, where it cannot be read key by key: a file without a layout
/// <see cref="NetplanFileLayout"/> reads (flow style, tabs, several documents or a repeated <c>network:</c>) cannot be
/// edited, so it is refused when it may define or catch an interface <c>resetnetwork</c> configures; and a definition
/// whose keys cannot be read is searched for the interface's name as a word.
/// </summary>
internal static partial class NetplanTextSearch
{
    /// <summary>
    /// Refuses a file without a layout that defines one of the configured interfaces or may match one by a name pattern or driver;
    /// <paramref name="read"/> is <c>false</c> for a file netplan never reads (an <c>/etc/netplan</c> <c>.yml</c>), whose match is
    /// refused all the same, as reconciled like a <c>.yaml</c>, with a text that says netplan does not read it now.
    /// </summary>
    /// <exception cref="InvalidNetworkDataException">The file defines or may match a configured interface, or its aliases cannot be followed.</exception>
    public static void CheckUnlaidOut(string path, string yaml, NetworkConfiguration configuration, IFileView current, bool read = true)
    {
        // Searched as netplan reads it: {"eth\x30": …} is eth0's definition. A double-quoted scalar continued with a backslash ("eth\ then 0",
        // eth0 to libyaml) is decoded one line at a time, so the text is searched once more with such line breaks joined.
        var expanded = NetplanOtherFiles.Followed(path, () => NetplanAliases.ExpandAll(yaml));
        string[] decoded = [YamlQuotedScalar.DecodeAll(expanded), YamlQuotedScalar.DecodeAll(EscapedLineBreak().Replace(expanded, ""))];
        if (configuration.Interfaces.FirstOrDefault(nic => decoded.Any(text => Mentions(text, nic))) is { } mentioned)
        {
            throw new InvalidNetworkDataException(
                $"{path} defines {mentioned.Name} in a form resetnetwork cannot edit (flow style, tabs, several documents or a repeated network: key); nothing was changed");
        }

        if (configuration.Interfaces.FirstOrDefault(nic => decoded.Any(text => NetplanCatchAll.MayCatch(text, nic, current))) is { } caught)
        {
            throw new InvalidNetworkDataException(
                $"{path} may match {caught.Name} by a name pattern or a driver (match:) in a form resetnetwork cannot read (flow style, tabs, several documents or a repeated network: key); " +
                (read
                    ? $"netplan would configure {caught.Name} from it too, beside the configured addresses; narrow or remove that match, "
                    : NetplanSource.ReconciledThoughUnread + ", and read as one, " +
                      $"netplan would configure {caught.Name} from it too, beside the configured addresses; narrow or remove that match, or move the file out of /etc/netplan, ") +
                "or let another network system configure this guest; nothing was changed");
        }
    }

    /// <summary>Whether <paramref name="text"/> holds <paramref name="word"/> as a whole interface name (not inside <c>eth0.100</c>, <c>veth0</c> or <c>eth0-x</c>).</summary>
    public static bool HasWord(string text, string word) =>
        Regex.IsMatch(text, $@"(?<![\w.-]){Regex.Escape(word)}(?![\w.-])", RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>
    /// For files without a readable layout: a key that is the interface's name, a <c>name:</c> or
    /// <c>set-name:</c> naming it, or its MAC anywhere. A quoted key needs no space after its colon in
    /// flow style (<c>{"eth0":{…}}</c>, JSON, which netplan reads; a plain <c>eth0:{</c> it refuses).
    /// </summary>
    private static bool Mentions(string yaml, InterfaceConfiguration nic) =>
        Regex.IsMatch(yaml, $@"(^|[\s{{,])(""{Regex.Escape(nic.Name)}""\s*:|'{Regex.Escape(nic.Name)}'\s*:|{Regex.Escape(nic.Name)}\s*:(\s|$))", RegexOptions.Multiline, TimeSpan.FromSeconds(1))
        || Names(yaml, nic)
        || yaml.Contains(nic.Mac.Value, StringComparison.OrdinalIgnoreCase);

    /// <summary>A <c>name:</c> or <c>set-name:</c> key, quoted or not, whose value (after any tag or anchor, quoted or not) is the interface's name.</summary>
    private static bool Names(string text, InterfaceConfiguration nic) =>
        Regex.IsMatch(text, $@"(^|[\s{{,])([""']?)(set-name|name)\2\s*:\s*(?:[!&][^\s,\[\]{{}}]*\s+)*[""']?{Regex.Escape(nic.Name)}[""']?\s*([,}}#]|$)", RegexOptions.Multiline, TimeSpan.FromSeconds(1));

    /// <summary>A backslash ending a line and the blanks starting the next, which libyaml drops inside a double-quoted scalar.</summary>
    [GeneratedRegex(@"\\\r?\n[ \t]*", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EscapedLineBreak();
}

namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// Interface names end up in file names (<c>ifcfg-eth0</c>), shell variable names
/// (<c>config_eth0</c>) and command lines, so only kernel-style names are used: at most 15
/// letters, digits, <c>_</c>, <c>-</c> or <c>.</c>, not starting with <c>.</c> or <c>-</c>.
/// </summary>
internal static class InterfaceNames
{
    /// <summary>Whether <paramref name="name"/> is safe to configure.</summary>
    public static bool IsSafe(string name) =>
        name.Length is > 0 and <= 15 && name[0] is not '.' and not '-'
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>
    /// The name as it appears inside shell variable names: netifrc and FreeBSD's rc turn every
    /// character that cannot be part of one into <c>_</c> (<c>eth0.100</c> → <c>config_eth0_100</c>).
    /// </summary>
    public static string ForVariable(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
}

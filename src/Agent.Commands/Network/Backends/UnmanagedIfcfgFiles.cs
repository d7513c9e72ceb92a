using System.Collections.Immutable;
using System.Text;
using GuestAgent.Commands.Network.Rendering.Common;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Network.Backends;

/// <summary>
/// Whether an ifcfg file makes NetworkManager leave a device to the initscripts' <c>network</c> service: a file its ifcfg-rh
/// plugin reads that says <c>NM_CONTROLLED=no</c> and names the device. It is NetworkManager that decides, so each step is
/// the plugin's (its source; Debian's NetworkManager is built without ifcfg-rh, so no test runs it):
/// <list type="bullet">
/// <item>The names (<c>utils_should_ignore_file</c>, <c>utils_detect_ifcfg_path</c>): <c>ifcfg-</c> and more, not ending, in any
/// ASCII case, with a backup's or package tool's <see cref="IgnoredEndings"/>, nor rpm's temporary <c>;</c> and eight hex digits,
/// nor an alias (<c>ifcfg-eth0:1</c>) beside its <c>ifcfg-eth0</c>. Any other dot counts: a VLAN's <c>ifcfg-eth0.100</c>, and
/// <c>.rpmsave</c> or <c>.old</c> too (which the network service skips, but NetworkManager reads, so leaves its device alone).</item>
/// <item>A link is followed (the plugin <c>stat</c>s and opens the path), inside the agent's root, one whose own name is not
/// UTF-8 too; one that leads to no regular file is no sign.</item>
/// <item>The values as its <c>shvar.c</c> reads them (<see cref="IfcfgValueReader"/>), <c>NM_CONTROLLED</c> as its
/// <c>svParseBoolean</c> takes false (<c>no</c>, <c>false</c>, <c>n</c>, <c>f</c>, <c>0</c>, any case).</item>
/// <item>The device (<c>create_unhandled_connection</c>): a non-empty <c>HWADDR</c>, <c>SUBCHANNELS</c> or <c>DEVICE</c>. Without
/// one the plugin drops the file ("device will be managed"), and the network service cannot bring it up either (ifup takes the
/// device only from <c>DEVICE</c> or <c>HWADDR</c>, and ifup-eth stops: "Device name does not seem to be present").</item>
/// </list>
/// <c>ifcfg-lo</c> is never a sign, nor another file leaving only the loopback alone (<c>DEVICE=lo</c>): it is no interface
/// resetnetwork configures.
/// </summary>
internal static class UnmanagedIfcfgFiles
{
    private const string Prefix = "ifcfg-";

    /// <summary>The loopback's name, compared exactly as the plugin's <c>strcmp</c> and initscripts' <c>!= "lo"</c> do.</summary>
    private const string Loopback = "lo";

    /// <summary>The endings the plugin skips (<c>nms-ifcfg-rh-common.h</c>), compared in any ASCII case.</summary>
    private static readonly ImmutableArray<string> IgnoredEndings = [".bak", "~", ".orig", ".rej", ".rpmnew", ".augnew", ".augtmp"];

    /// <summary>The keys by which the plugin names the device it leaves alone, in its order.</summary>
    private static readonly ImmutableArray<string> DeviceKeys = ["HWADDR", "SUBCHANNELS", "DEVICE"];

    /// <summary>What follows rpm's <c>;</c> in a temporary name.</summary>
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>Whether any ifcfg file in <paramref name="directory"/> leaves a device to the network service.</summary>
    /// <param name="files">The files.</param>
    /// <param name="directory">The network scripts' directory.</param>
    public static bool Any(IFileView files, string directory)
    {
        var names = files.List(directory);
        var undecodable = files.ListUndecodable(directory);
        bool Exists(string name) => RealPathOf(files, $"{directory}/{name}") is { } real && files.Exists(real);
        bool UndecodableExists(byte[] name) => undecodable.Any(other => other.AsSpan().SequenceEqual(name));

        return names.Where(name => IsRead(name, Exists)).Select(name => RealPathOf(files, $"{directory}/{name}") is { } real ? files.ReadText(real) : null)
            .Concat(undecodable.Where(name => IsRead(Encoding.UTF8.GetString(name), _ => false) && !IsAliasOfUndecodable(name, UndecodableExists, Exists))
                .Select(name => ReadUndecodable(files, directory, name)))
            .Any(LeavesDeviceAlone);
    }

    /// <summary>Whether the plugin reads a file so named; <paramref name="exists"/> tells whether a name is there, a link followed.</summary>
    private static bool IsRead(string name, Func<string, bool> exists) =>
        name.StartsWith(Prefix, StringComparison.Ordinal) && name.Length > Prefix.Length && name != "ifcfg-lo"
        && !IgnoredEndings.Any(ending => name.Length > ending.Length && Ascii.EqualsIgnoreCase(name.AsSpan(name.Length - ending.Length), ending))
        && !IsRpmTemporary(name)
        && !(name.LastIndexOf(':') is var colon and > 0 && exists(name[..colon]));

    /// <summary>rpm's temporary name while it installs a file: the last <c>;</c> followed by exactly eight hex digits.</summary>
    private static bool IsRpmTemporary(string name) =>
        name.LastIndexOf(';') is var semicolon and >= 0 && name.Length - semicolon - 1 == 8 && !name.AsSpan(semicolon + 1).ContainsAnyExcept(HexDigits);

    /// <summary>
    /// An undecodable alias's own file beside it: the bytes before its last <c>:</c>, undecodable too (listed; a link there is
    /// taken as existing) or, when they are UTF-8, a name <paramref name="exists"/> finds.
    /// </summary>
    private static bool IsAliasOfUndecodable(byte[] name, Func<byte[], bool> undecodableExists, Func<string, bool> exists) =>
        Array.LastIndexOf(name, (byte)':') is var colon and > 0
        && (System.Text.Unicode.Utf8.IsValid(name.AsSpan(0, colon)) ? exists(Encoding.UTF8.GetString(name, 0, colon)) : undecodableExists(name[..colon]));

    /// <summary>
    /// The text of the file named by <paramref name="name"/>'s bytes, a link followed as for any other name (the plugin's
    /// <c>stat</c> and <c>open</c> take the name as bytes): its target, taken from <paramref name="directory"/> when relative,
    /// resolved inside the root. A target that is not UTF-8 itself names nothing a path can reach, so no sign.
    /// </summary>
    private static string? ReadUndecodable(IFileView files, string directory, byte[] name)
    {
        if (files.ReadUndecodableLink(directory, name) is not { } target)
        {
            return files.ReadUndecodable(directory, name) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
        }

        // Walked as the kernel walks it (a "..", after a link, taken only then).
        var start = target.StartsWith('/') ? target : $"{directory}/{target}";
        return RealPath.Resolve(start, files.ReadLink) is { Complete: true } resolved ? files.ReadText(resolved.Path) : null;
    }

    /// <summary>
    /// <paramref name="path"/> with a final link followed inside the root as the kernel would (what the plugin's <c>stat</c>,
    /// <c>open</c> and <c>g_file_test</c> reach); <c>null</c> when the links loop.
    /// </summary>
    private static string? RealPathOf(IFileView files, string path) =>
        files.ReadLink(path) is null ? path : RealPath.Resolve(path, files.ReadLink) is { Complete: true } resolved ? resolved.Path : null;

    /// <summary>
    /// Whether the file says <c>NM_CONTROLLED=no</c> and names the device the plugin then leaves alone, by the first of
    /// <see cref="DeviceKeys"/> it has, other than the loopback: initscripts never hand <c>lo</c> to NetworkManager
    /// (<c>source_config</c>), so leaving it alone leaves no interface resetnetwork configures to the network service.
    /// </summary>
    private static bool LeavesDeviceAlone(string? text) =>
        IsFalse(IfcfgValueReader.Get(text, "NM_CONTROLLED"))
        && DeviceKeys.FirstOrDefault(key => IfcfgValueReader.Get(text, key) is { Length: > 0 }) is { } namedBy
        && !(namedBy == "DEVICE" && IfcfgValueReader.Get(text, namedBy) == Loopback);

    /// <summary>Whether <c>svParseBoolean</c> takes the value as false: <c>no</c>, <c>false</c>, <c>n</c>, <c>f</c>, <c>0</c>, in any case.</summary>
    private static bool IsFalse(string? value) => value?.ToLowerInvariant() is "no" or "false" or "n" or "f" or "0";
}

using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// Reads the hostname the system has now, from the places the distributions keep it (§5.3 of the
/// protocol spec), falling back to the kernel's. Used only when the host sends no hostname.
/// </summary>
internal static class CurrentHostnameReader
{
    /// <summary>The current hostname, or <c>null</c> when none is found.</summary>
    public static string? Read(IFileView files)
    {
        string?[] candidates =
        [
            WithoutTrailingDot(FirstLine(files.ReadText("/etc/hostname"))),
            FirstLine(files.ReadText("/etc/HOSTNAME")),
            ShellVariableEditor.Get(files.ReadText("/etc/sysconfig/network"), "HOSTNAME"),
            ShellVariableEditor.Get(files.ReadText("/etc/conf.d/hostname"), "hostname"),
            ShellVariableEditor.Get(files.ReadText("/etc/conf.d/hostname"), "HOSTNAME"),
            ShellVariableEditor.Get(files.ReadText("/etc/rc.conf"), "hostname"),
            ShellVariableEditor.Get(files.ReadText("/etc/rc.conf"), "HOSTNAME"),
            FirstLine(files.ReadText("/proc/sys/kernel/hostname")),
        ];

        // A shell file's value is taken as bash leaves it, not trimmed: HOSTNAME=web\r (a CRLF file)
        // is "web\r" to the scripts that source it, no valid name, so the next place counts.
        return candidates.FirstOrDefault(c => c is not null && HostnameValidator.IsValid(c));
    }

    /// <summary>
    /// The name without one trailing dot, as systemd reads <c>/etc/hostname</c> (its
    /// <c>hostname_cleanup</c> drops it; systemd-hostnamed answers <c>web01.example.com</c> for
    /// <c>web01.example.com.</c>, and PID 1 sets that at boot): the machine is named so, and
    /// <c>/etc/hosts</c> must map that name, not skip the file for the kernel's, which may be a transient one.
    /// </summary>
    private static string? WithoutTrailingDot(string? name) =>
        name is [.. var rest, '.'] && rest.Length > 0 && rest[^1] != '.' ? rest : name;

    /// <summary>The first line that is not blank or a comment, trimmed (as systemd reads <c>/etc/hostname</c>).</summary>
    private static string? FirstLine(string? text) =>
        text?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
}

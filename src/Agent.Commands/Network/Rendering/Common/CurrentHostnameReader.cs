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
            FirstLine(files.ReadText("/etc/hostname")),
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

    /// <summary>The first line that is not blank or a comment, trimmed (as systemd reads <c>/etc/hostname</c>).</summary>
    private static string? FirstLine(string? text) =>
        text?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
}

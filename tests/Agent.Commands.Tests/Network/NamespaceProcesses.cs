using System.Diagnostics;
using System.Globalization;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Kills what a test's shell started in network namespaces of its own: a daemonized <c>dhclient</c>
/// leaves the shell's process tree, so a timeout's kill of the tree (before the shell's exit trap
/// runs) missed it, and it kept its dead namespace and the test's mounts alive.
/// </summary>
internal static class NamespaceProcesses
{
    /// <summary>
    /// Kills every process in a network namespace named in <paramref name="namespacesFile"/> (one
    /// <c>readlink /proc/PID/ns/net</c> a line, as the shell wrote them); never one in this process's own.
    /// Nothing to do when the file is not there (the shell never got that far).
    /// </summary>
    public static void KillAll(string namespacesFile)
    {
        if (!File.Exists(namespacesFile))
        {
            return;
        }

        var own = new FileInfo("/proc/self/ns/net").LinkTarget;
        var names = File.ReadAllLines(namespacesFile).Select(line => line.Trim()).Where(line => line.Length > 0 && line != own).ToHashSet(StringComparer.Ordinal);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (new FileInfo(Path.Combine(directory, "ns", "net")).LinkTarget is { } name && names.Contains(name))
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone since the listing, or never ours to look at.
            }
        }
    }
}

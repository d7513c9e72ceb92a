using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GuestAgent.Testing;

/// <summary>
/// Runs every test, and every process a test starts, under umask 000: the mask that takes nothing away.
/// The agent must give each file and directory it makes its exact mode (a shadow file 0600, a state
/// directory 0700, resolv.conf 0644), never leave it to the umask of whoever started it; under 000 a
/// mode left to the umask comes out writable by every user, and the tests that check modes see it.
/// It also makes the tests independent of the runner's umask (000 on some CI runners, 077 in hardened
/// shells). A fixture standing for a root-owned file or directory gives its mode explicitly
/// (<c>Directory.CreateDirectory(path, mode)</c>, <c>File.SetUnixFileMode</c>): a plain one is writable by
/// every user here, and the agent rightly refuses to trust it.
/// </summary>
internal static class HostileUmask
{
    /// <summary>The umask every test runs under.</summary>
    public const uint Mask = 0;

    // Before any test: the mask is the process's, so it cannot be set per test without racing the others.
    [ModuleInitializer]
    internal static void Install() => SetMask(Mask);

    [DllImport("libc", EntryPoint = "umask")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint SetMask(uint mask);
}

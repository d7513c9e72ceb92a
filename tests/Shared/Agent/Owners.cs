using GuestAgent.Platform;

namespace GuestAgent.Testing;

/// <summary>
/// Files of other users in tests: only root can give a file away, so owners are set and checked
/// as root (as in CI); elsewhere a test checks contents and modes and skips the owners with a message.
/// </summary>
internal static class Owners
{
    public static bool AsRoot => Environment.UserName == "root";

    /// <summary>Makes the directory with <paramref name="mode"/> and, as root, gives it to <paramref name="owner"/>.</summary>
    public static void OwnedDirectory(IFileSystem fs, string path, UnixFileMode mode, FileOwner owner)
    {
        fs.CreateDirectory(path, mode);
        if (AsRoot)
        {
            fs.SetOwner(path, owner);
        }
    }

    /// <summary>Ends the test (skipped, with the reason) unless it runs as root.</summary>
    public static void SkipUnlessRoot()
    {
        if (!AsRoot)
        {
            Assert.Skip("Contents and modes checked; the owners need root (chown to uid 4321), so they are checked only as root, as in CI");
        }
    }
}

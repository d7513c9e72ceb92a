using GuestAgent.Platform;

namespace GuestAgent.Testing;

/// <summary>
/// Files of other users in tests: only root can give a file away, so owners are set and checked
/// as root (as in CI); elsewhere a test checks contents and modes and skips the owners with a message.
/// In CI (<c>CI=true</c>) the tests must run as root: asking whether they do fails the test otherwise,
/// so owner checks are never left out there in silence.
/// </summary>
internal static class Owners
{
    /// <summary>Whether the owner checks can run: <c>true</c> as root; <c>false</c> locally otherwise; a failure in CI otherwise.</summary>
    public static bool AsRoot
    {
        get
        {
            if (Environment.UserName == "root")
            {
                return true;
            }

            if (Requirement.InContinuousIntegration)
            {
                Assert.Fail("The owner checks need root (chown to another uid); CI must run the tests as root");
            }

            return false;
        }
    }

    /// <summary>Makes the directory with <paramref name="mode"/> and, as root, gives it to <paramref name="owner"/>.</summary>
    public static void OwnedDirectory(IFileSystem fs, string path, UnixFileMode mode, FileOwner owner)
    {
        fs.CreateDirectory(path, mode);
        if (AsRoot)
        {
            fs.SetOwner(path, owner);
        }
    }

    /// <summary>Ends the test (skipped locally with the reason, failed in CI) unless it runs as root.</summary>
    public static void SkipUnlessRoot()
    {
        if (Environment.UserName != "root")
        {
            Requirement.Unmet("Contents and modes checked; the owners need root (chown to uid 4321), so they are checked only as root, as in CI");
        }
    }
}

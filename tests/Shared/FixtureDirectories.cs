namespace GuestAgent.Testing;

/// <summary>Directories for fixtures that stand for root's, with a mode given to each one made, not left to the umask.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class FixtureDirectories
{
    /// <summary>0755, root's usual, which the agent trusts.</summary>
    public const UnixFileMode RootsUsual =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>
    /// Makes <paramref name="path"/> and every missing directory above it with <paramref name="mode"/> (0755 if
    /// not given); returns the path. Not <c>Directory.CreateDirectory(path, mode)</c> alone, which gives the mode
    /// to the last directory only: the missing ones above it get 0777 less the umask, every user's under
    /// <see cref="HostileUmask"/>.
    /// </summary>
    public static string Create(string path, UnixFileMode mode = RootsUsual)
    {
        var full = Path.GetFullPath(path);
        var parent = Path.GetDirectoryName(full);
        if (parent is not null && !Directory.Exists(parent))
        {
            Create(parent, mode);
        }

        return Directory.CreateDirectory(full, mode).FullName;
    }
}

using GuestAgent.Platform;
using GuestAgent.Platform.Native;

namespace GuestAgent.Daemon.Configuration;

/// <summary>
/// Who can change a file or directory the agent trusts: its owner, group and permission bits as
/// read at start, and those of every directory from the one that holds it up to <c>/</c>. The agent
/// runs as root and does what the configuration file says (which XenStore to obey, where files may
/// be injected), so a file another user can write, or replace through any directory on its path,
/// hands that user the agent (<see cref="AgentSettings.ConfigurationFileAccess"/>). The state
/// directory is judged by the same rule (<see cref="AgentSettings.StateDirectoryAccess"/>): the agent
/// trusts what it finds there. The rule is sshd's StrictModes: each owned by root or the agent's
/// own user, and writable by no one else, but for a sticky directory, in which only an entry's
/// owner may rename or remove it.
/// </summary>
/// <param name="OwnerId">The owner (uid).</param>
/// <param name="GroupId">The group (gid).</param>
/// <param name="Mode">The permission bits.</param>
internal sealed record PathAccess(uint OwnerId, uint GroupId, UnixFileMode Mode)
{
    private const int PermissionBits = 0xFFF;

    /// <summary>
    /// The directories on the path, from the one that holds this file or directory up to <c>/</c>,
    /// links resolved (for a link: the target's, where its bytes are), then those holding a link the
    /// path goes through; empty when they could not be read. Whoever can write one of them can
    /// rename something else into its place, or point the link elsewhere, whatever the modes below it.
    /// </summary>
    public IReadOnlyList<HoldingDirectoryAccess> Directories { get; init; } = [];

    /// <summary>
    /// The access of the file or directory at <paramref name="path"/> (links followed) and of every
    /// directory above it, or <c>null</c> when nothing is there.
    /// </summary>
    public static PathAccess? Read(string path)
    {
        if (LibC.Stat(path) is not { } file)
        {
            return null;
        }

        return Of(file) with { Directories = Above(path) };
    }

    /// <summary>The owner, group and permission bits of <paramref name="status"/> (its directories not read).</summary>
    public static PathAccess Of(RawStatus status) => new(status.Uid, status.Gid, (UnixFileMode)(status.Mode & PermissionBits));

    // Read already, so the links resolve; but one swapped for a loop since must cost the warning, not the start.
    private static HoldingDirectoryAccess[] Above(string path)
    {
        var directories = new List<HoldingDirectoryAccess>();
        try
        {
            // Not Path.GetFullPath for a relative path: it folds "..", which must wait until the links before it are resolved.
            var absolute = Path.IsPathRooted(path) ? path : Path.Join(Directory.GetCurrentDirectory(), path);
            var (real, complete, linkDirectories) = RealPath.Resolve(absolute, link => new FileInfo(link).LinkTarget);
            if (!complete)
            {
                return [];
            }

            for (var directory = Path.GetDirectoryName(real); directory is not null; directory = Path.GetDirectoryName(directory))
            {
                Add(directories, directory, holdsLink: false);
            }

            foreach (var directory in linkDirectories)
            {
                if (!directories.Exists(known => known.Path == directory))
                {
                    Add(directories, directory, holdsLink: true);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        return [.. directories];
    }

    private static void Add(List<HoldingDirectoryAccess> directories, string directory, bool holdsLink)
    {
        if (LibC.Stat(directory) is { } status)
        {
            directories.Add(new(directory, Of(status), holdsLink));
        }
    }

    /// <summary>
    /// Why users other than root (or the agent's own user) can change what is at
    /// <paramref name="path"/>, and the command that stops it, or <c>null</c> when they cannot: it
    /// is written by others, by a group other than root's, or owned by another user (who can give
    /// themselves write permission); or the first directory above it, or holding a link on its way,
    /// that is so, and not sticky.
    /// </summary>
    /// <param name="path">The file or directory, as the warning names it.</param>
    /// <param name="agentUserId">The agent's effective uid (root in production).</param>
    /// <param name="mode">The mode the fix sets on it (<c>0644</c> for a file, <c>0700</c> for the state directory).</param>
    /// <param name="noun">What it is, in the reason a directory above it gives (<c>the file</c>).</param>
    public (string Why, string Fix)? OpenToOthers(string path, uint agentUserId, string mode = "0644", string noun = "the file")
    {
        if (Exposure(agentUserId, "it", "write it") is { } own)
        {
            return (own, $"chown root:root {ShellWord(path)} && chmod {mode} {ShellWord(path)}");
        }

        for (var i = 0; i < Directories.Count; i++)
        {
            var (directory, access, holdsLink) = Directories[i];
            var (subject, action) = holdsLink ? ($"the directory {directory}, which holds a link on its path,", "replace that link")
                : i == 0
                ? ($"its directory {directory}", $"replace {noun} in it")
                : ($"the directory {directory} above it", "replace what is below it");
            if (!access.Mode.HasFlag(UnixFileMode.StickyBit) && access.Exposure(agentUserId, subject, action) is { } why)
            {
                return (why, $"chown root:root {ShellWord(directory)} && chmod 0755 {ShellWord(directory)}");
            }
        }

        return null;
    }

    private string? Exposure(uint agentUserId, string subject, string action)
    {
        if (OwnerId != 0 && OwnerId != agentUserId)
        {
            return $"{subject} belongs to uid {OwnerId}";
        }

        var mode = Convert.ToString((int)Mode, 8).PadLeft(4, '0');
        var prefix = subject == "it" ? $"mode {mode}" : $"{subject} is mode {mode}";
        if (Mode.HasFlag(UnixFileMode.OtherWrite))
        {
            return $"{prefix}: every user may {action}";
        }

        return Mode.HasFlag(UnixFileMode.GroupWrite) && GroupId != 0
            ? $"{prefix}: group {GroupId} may {action}"
            : null;
    }

    /// <summary>
    /// <paramref name="path"/> as one shell word: every fix a warning prints is meant to be pasted
    /// into a shell, where a path with a space or a quote must stay one word.
    /// </summary>
    public static string ShellWord(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or ',' or ':' or '@')
            ? path
            : "'" + path.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
}

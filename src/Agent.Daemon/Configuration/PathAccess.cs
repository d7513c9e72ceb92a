using GuestAgent.Platform.Native;

namespace GuestAgent.Daemon.Configuration;

/// <summary>
/// Who can change a file or directory the agent trusts: its owner, group and permission bits as
/// read at start, and, for a file, those of the directory that holds it. The agent runs as root and
/// does what the configuration file says (which XenStore to obey, where files may be injected), so
/// a file another user can write, or replace through its directory, hands that user the agent
/// (<see cref="AgentSettings.ConfigurationFileAccess"/>). The state directory is judged by the same
/// rule (<see cref="AgentSettings.StateDirectoryAccess"/>): the agent trusts what it finds there.
/// </summary>
/// <param name="OwnerId">The owner (uid).</param>
/// <param name="GroupId">The group (gid).</param>
/// <param name="Mode">The permission bits.</param>
internal sealed record PathAccess(uint OwnerId, uint GroupId, UnixFileMode Mode)
{
    private const int PermissionBits = 0xFFF;

    /// <summary>
    /// The directory that holds the file (the target's, when the path is a link: where its bytes
    /// are), or <c>null</c> when it could not be read. Whoever can write it can rename another file
    /// over this one, whatever this one's mode.
    /// </summary>
    public HoldingDirectoryAccess? Directory { get; init; }

    /// <summary>The access of the file at <paramref name="path"/> (links followed) and of its directory, or <c>null</c> when nothing is there.</summary>
    public static PathAccess? Read(string path)
    {
        if (LibC.Stat(path) is not { } file)
        {
            return null;
        }

        var access = Of(file);
        return TargetDirectory(path) is { } directory && LibC.Stat(directory) is { } holder
            ? access with { Directory = new(directory, Of(holder)) }
            : access;
    }

    /// <summary>The owner, group and permission bits of <paramref name="status"/> (its directory not read).</summary>
    public static PathAccess Of(RawStatus status) => new(status.Uid, status.Gid, (UnixFileMode)(status.Mode & PermissionBits));

    // Read already, so the links resolve; but one swapped for a loop since must cost the warning, not the start.
    private static string? TargetDirectory(string path)
    {
        try
        {
            return Path.GetDirectoryName(new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Why users other than root (or the agent's own user) can change the file at
    /// <paramref name="path"/>, and the command that stops it, or <c>null</c> when they cannot: the
    /// file written by others, by a group other than root's, or owned by another user (who can give
    /// themselves write permission); its directory the same, but for a sticky one, in which only
    /// the file's owner may rename or remove it.
    /// </summary>
    /// <param name="path">The file, as the warning names it.</param>
    /// <param name="agentUserId">The agent's effective uid (root in production).</param>
    public (string Why, string Fix)? OpenToOthers(string path, uint agentUserId)
    {
        if (Exposure(agentUserId, "it", "write it") is { } file)
        {
            return (file, $"chown root:root {ShellWord(path)} && chmod 0644 {ShellWord(path)}");
        }

        if (Directory is { } directory && !directory.Access.Mode.HasFlag(UnixFileMode.StickyBit)
            && directory.Access.Exposure(agentUserId, $"its directory {directory.Path}", "replace the file in it") is { } holder)
        {
            return (holder, $"chown root:root {ShellWord(directory.Path)} && chmod 0755 {ShellWord(directory.Path)}");
        }

        return null;
    }

    /// <summary>
    /// Why users other than root (or the agent's own user) can write this file or directory itself
    /// (its own mode and owner only), or <c>null</c> when they cannot.
    /// </summary>
    /// <param name="agentUserId">The agent's effective uid (root in production).</param>
    public string? OpenToOthers(uint agentUserId) => Exposure(agentUserId, "it", "write it");

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

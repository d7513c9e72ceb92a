namespace GuestAgent.Daemon.Configuration;

/// <summary>
/// Who can change the configuration file: its owner, group and permission bits as read at start.
/// The agent runs as root and does what the file says (which XenStore to obey, where files may be
/// injected), so a file another user can write hands that user the agent. The state directory is
/// judged the same way (<see cref="AgentSettings.StateDirectoryAccess"/>): the agent trusts what it
/// finds there.
/// </summary>
/// <param name="OwnerId">The file's owner (uid).</param>
/// <param name="GroupId">The file's group (gid).</param>
/// <param name="Mode">The file's permission bits.</param>
internal sealed record ConfigurationFileAccess(uint OwnerId, uint GroupId, UnixFileMode Mode)
{
    /// <summary>
    /// Why users other than root (or the agent's own user) can change the file, or <c>null</c> when
    /// they cannot: written by others, by a group other than root's, or owned by another user (who
    /// can give themselves write permission).
    /// </summary>
    /// <param name="agentUserId">The agent's effective uid (root in production).</param>
    public string? OpenToOthers(uint agentUserId)
    {
        var mode = Convert.ToString((int)Mode, 8).PadLeft(4, '0');
        if (OwnerId != 0 && OwnerId != agentUserId)
        {
            return $"it belongs to uid {OwnerId}";
        }

        if (Mode.HasFlag(UnixFileMode.OtherWrite))
        {
            return $"mode {mode}: every user may write it";
        }

        return Mode.HasFlag(UnixFileMode.GroupWrite) && GroupId != 0
            ? $"mode {mode}: group {GroupId} may write it"
            : null;
    }
}

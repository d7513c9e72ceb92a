namespace GuestAgent.Daemon.Configuration;

/// <summary>A directory on the path of a file the agent trusts (the one that holds it, or one above), and its owner, group and permission bits.</summary>
/// <param name="Path">The directory.</param>
/// <param name="Access">Its owner, group and mode.</param>
internal sealed record HoldingDirectoryAccess(string Path, PathAccess Access);

namespace GuestAgent.Daemon.Configuration;

/// <summary>A directory on the path of a file the agent trusts (the one that holds it, one above, or one holding a link on the way), and its owner, group and permission bits.</summary>
/// <param name="Path">The directory.</param>
/// <param name="Access">Its owner, group and mode.</param>
/// <param name="HoldsLink">It is not above the file but holds a symbolic link the path goes through.</param>
internal sealed record HoldingDirectoryAccess(string Path, PathAccess Access, bool HoldsLink = false);

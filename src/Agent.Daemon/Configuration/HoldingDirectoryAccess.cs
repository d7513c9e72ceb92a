namespace GuestAgent.Daemon.Configuration;

/// <summary>The directory that holds a file (the configuration file), and its owner, group and permission bits.</summary>
/// <param name="Path">The directory.</param>
/// <param name="Access">Its owner, group and mode.</param>
internal sealed record HoldingDirectoryAccess(string Path, PathAccess Access);

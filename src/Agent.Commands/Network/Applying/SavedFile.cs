using GuestAgent.Platform;

namespace GuestAgent.Commands.Network.Applying;

/// <summary>A regular file as it was.</summary>
/// <param name="Contents">Its bytes.</param>
/// <param name="Mode">Its permission bits.</param>
/// <param name="Owner">Its owner and group.</param>
internal sealed record SavedFile(byte[] Contents, UnixFileMode Mode, FileOwner Owner);

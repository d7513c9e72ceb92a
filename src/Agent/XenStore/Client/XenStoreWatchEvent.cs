namespace GuestAgent.XenStore.Client;

/// <summary>One watch event: the changed path (relative if the watch was relative) and the watch's token.</summary>
/// <param name="Path">The path that changed, or the watched path itself for the initial event.</param>
/// <param name="Token">The token the watch was registered with.</param>
public readonly record struct XenStoreWatchEvent(string Path, string Token);

namespace GuestAgent.XenStore.Server;

/// <summary>
/// A registered watch. <see cref="Path"/> is what the client sent (echoed in the initial event);
/// <see cref="ResolvedPath"/> is matched; <see cref="RelativePrefix"/> is stripped from event paths
/// when the client watched a relative path.
/// </summary>
internal sealed record ServerWatch(ServerConnection Connection, string Path, string ResolvedPath, string Token, string? RelativePrefix);

namespace GuestAgent.Platform;

/// <summary>What <see cref="RealPath.Resolve"/> found.</summary>
/// <param name="Path">The real path; when not <paramref name="Complete"/>, the link the walk stopped at.</param>
/// <param name="Complete">Whether every link was followed: false after more than <see cref="RealPath.MaximumLinks"/> (a loop).</param>
/// <param name="LinkDirectories">The real directories holding the links followed, in the order met (a directory once per link).</param>
public sealed record ResolvedPath(string Path, bool Complete, IReadOnlyList<string> LinkDirectories);

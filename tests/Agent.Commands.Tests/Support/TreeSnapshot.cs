namespace GuestAgent.Commands.Tests.Support;

/// <summary>
/// Every entry under a directory with its kind, mode and contents, to prove nothing changed. A
/// symbolic link is described by its target and never descended into (a link to the host's
/// <c>/root</c> must not pull the host's files into a snapshot).
/// </summary>
internal static class TreeSnapshot
{
    /// <summary>The agent's state directory under a root, where the record of a <c>resetnetwork</c> in progress lives.</summary>
    public const string StateDirectory = "var/lib/guest-agent";

    public static string Take(string directory) => string.Join('\n', Entries(directory)
        .Order(StringComparer.Ordinal)
        .Select(path => Describe(directory, path)));

    /// <summary>
    /// Like <see cref="Take"/>, without the agent's own state (<see cref="StateDirectory"/> and the
    /// directories above it that the agent creates): what a rollback must leave as it found it.
    /// </summary>
    public static string TakeExceptState(string root) => string.Join('\n', Entries(root)
        .Select(path => Path.GetRelativePath(root, path))
        .Where(relative => relative != StateDirectory && !StateDirectory.StartsWith(relative + "/", StringComparison.Ordinal) && !relative.StartsWith(StateDirectory + "/", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .Select(relative => Describe(root, Path.Combine(root, relative))));

    private static IEnumerable<string> Entries(string directory)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory, "*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            yield return entry;
            if (new FileInfo(entry).LinkTarget is null && Directory.Exists(entry))
            {
                foreach (var inner in Entries(entry))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string Describe(string root, string path)
    {
        var info = new FileInfo(path);
        var relative = Path.GetRelativePath(root, path);
        if (info.LinkTarget is { } target)
        {
            return $"{relative} -> {target}";
        }

        var mode = File.GetUnixFileMode(path);
        return Directory.Exists(path)
            ? $"{relative}/ {mode}"
            : $"{relative} {mode} {Convert.ToHexString(File.ReadAllBytes(path))}";
    }
}

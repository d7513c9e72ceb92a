namespace GuestAgent.Commands.Tests.Support;

/// <summary>Every entry under a directory with its kind, mode and contents, to prove nothing changed.</summary>
internal static class TreeSnapshot
{
    public static string Take(string directory) => string.Join('\n', Directory
        .EnumerateFileSystemEntries(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
        .Order(StringComparer.Ordinal)
        .Select(path => Describe(directory, path)));

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

using System.Security.Cryptography;

namespace GuestAgent.Daemon.Demo;

/// <summary>The files under a root with a hash of their contents, to show what the agent changed.</summary>
internal sealed class FileSnapshot
{
    private readonly Dictionary<string, string> _hashes;

    private FileSnapshot(Dictionary<string, string> hashes) => _hashes = hashes;

    public static FileSnapshot Take(string root) =>
        new(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(root, path), path => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))), StringComparer.Ordinal));

    /// <summary>Files (relative to the root) that are new or different in <paramref name="after"/>, sorted.</summary>
    public IReadOnlyList<string> ChangedIn(FileSnapshot after) =>
        after._hashes
            .Where(entry => !_hashes.TryGetValue(entry.Key, out var before) || before != entry.Value)
            .Select(entry => entry.Key)
            .Order(StringComparer.Ordinal)
            .ToArray();
}

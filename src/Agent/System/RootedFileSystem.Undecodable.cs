using GuestAgent.Platform.Native;

namespace GuestAgent.Platform;

// The names that are not UTF-8, which no path string can name: listed, and read by their bytes.
public sealed partial class RootedFileSystem
{
    /// <inheritdoc />
    public IReadOnlyList<byte[]> ListUndecodableNames(string path)
    {
        var full = TryHostPath(path, followFinalLink: true);
        if (full is null || !Directory.Exists(full))
        {
            return [];
        }

        return DirectoryNames.Read(full)
            .Where(name => !System.Text.Unicode.Utf8.IsValid(name))
            .Order(Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)))
            .ToList();
    }

    /// <inheritdoc />
    /// <remarks>
    /// Opened as one byte path relative to the directory's host path, so the kernel follows the entry as any reader does
    /// (a sysfs interface's link, <c>../../devices/…</c>, stays under the root, where the root's own sysfs is mounted).
    /// </remarks>
    public byte[]? ReadBelowUndecodableName(string directory, byte[] name, string file) => ReadByBytes(directory, name, "/" + file);

    /// <inheritdoc />
    public byte[]? ReadUndecodableName(string directory, byte[] name) => ReadByBytes(directory, name, "");

    /// <inheritdoc />
    public string? ReadUndecodableNameLink(string directory, byte[] name)
    {
        var full = TryHostPath(directory, followFinalLink: true);
        return full is null
            ? null
            : LibCAt.TryReadLinkBytes([.. LibC.Utf8(full.TrimEnd('/') + "/")[..^1], .. name, 0], $"{directory}/{DirectoryNames.Shown(name)}");
    }

    /// <summary>
    /// The regular file at the entry <paramref name="name"/> of <paramref name="directory"/> followed by <paramref name="below"/>
    /// (empty for the entry itself), opened as one byte path; its final component is never followed, as no read in place is.
    /// </summary>
    private byte[]? ReadByBytes(string directory, byte[] name, string below)
    {
        var full = TryHostPath(directory, followFinalLink: true);
        if (full is null)
        {
            return null;
        }

        byte[] path = [.. LibC.Utf8(full.TrimEnd('/') + "/")[..^1], .. name, .. LibC.Utf8(below)];
        var shown = $"{directory}/{DirectoryNames.Shown(name)}{below}";
        var errno = LibCAt.TryOpenPathBytes(path, OpenFlags.ReadInPlace, out var handle);
        if (errno is LibC.ENoEnt or LibC.ENotDir or LibC.ELoop)
        {
            return null;
        }

        using var opened = errno == 0 ? handle! : throw LibC.Failure("open", shown, errno);
        if (!LibCAt.StatusOf(opened, shown).IsRegularFile)
        {
            return null;
        }

        using var stream = new FileStream(opened, FileAccess.Read, bufferSize: 0);
        using var contents = new MemoryStream();
        stream.CopyTo(contents);
        return contents.ToArray();
    }
}

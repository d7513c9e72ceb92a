using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>
/// The real atomic writer, noting each written file's status (mode, owner) the moment its write
/// returns, before its caller does anything more: what a reader sees between a rollback's write
/// and any chmod or chown it would do after it.
/// </summary>
/// <param name="inner">The real writer.</param>
/// <param name="fileSystem">The file system it writes, to read the status from.</param>
internal sealed class WriteStateRecorder(IAtomicFileWriter inner, IFileSystem fileSystem) : IAtomicFileWriter
{
    /// <summary>Each write's path and the file's status as the write returned.</summary>
    public List<(string Path, FileStatus? Status)> Writes { get; } = [];

    public bool Write(string path, ReadOnlySpan<byte> contents, AtomicWriteOptions? options = null)
    {
        var written = inner.Write(path, contents, options);
        Writes.Add((path, fileSystem.GetStatus(path)));
        return written;
    }

    public bool Write(string path, Stream contents, AtomicWriteOptions? options = null)
    {
        var written = inner.Write(path, contents, options);
        Writes.Add((path, fileSystem.GetStatus(path)));
        return written;
    }

    public IStagedFile? Stage(string path, Stream contents, AtomicWriteOptions? options = null) => inner.Stage(path, contents, options);
}

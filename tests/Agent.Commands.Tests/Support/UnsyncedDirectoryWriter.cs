using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>
/// The real atomic writer whose last step fails as an EIO from <c>fsync</c> of the directory after
/// the rename makes it fail: the file really is replaced, and the writer reports it as unconfirmed.
/// </summary>
/// <param name="inner">The real writer.</param>
/// <param name="failures">How many writes fail so (every one when <c>null</c>); the later ones succeed.</param>
/// <param name="onlyPath">The one path whose writes fail; every path when <c>null</c>.</param>
/// <param name="confirmedFirst">How many of those writes succeed before the failures start.</param>
internal sealed class UnsyncedDirectoryWriter(IAtomicFileWriter inner, int? failures = null, string? onlyPath = null, int confirmedFirst = 0) : IAtomicFileWriter
{
    private const int EIO = 5;
    private int _seen;

    public bool Write(string path, ReadOnlySpan<byte> contents, AtomicWriteOptions? options = null)
    {
        var written = inner.Write(path, contents, options);
        return Fails(path) ? throw Unconfirmed(path) : written;
    }

    public bool Write(string path, Stream contents, AtomicWriteOptions? options = null)
    {
        var written = inner.Write(path, contents, options);
        return Fails(path) ? throw Unconfirmed(path) : written;
    }

    private bool Fails(string path) =>
        (onlyPath is null || path == onlyPath) && Interlocked.Increment(ref _seen) - confirmedFirst is var failure && failure > 0 && (failures is null || failure <= failures);

    public IStagedFile? Stage(string path, Stream contents, AtomicWriteOptions? options = null) =>
        inner.Stage(path, contents, options) is { } staged ? new UnsyncedStagedFile(staged, this, path) : null;

    private static UnconfirmedWriteException Unconfirmed(string path) =>
        new(path, new IOException($"fsync failed for '{path}': Input/output error", EIO));

    /// <summary>A staged file whose commit renames it into place and then fails as the writer's whole writes do.</summary>
    private sealed class UnsyncedStagedFile(IStagedFile inner, UnsyncedDirectoryWriter writer, string path) : IStagedFile
    {
        public string HostPath => inner.HostPath;

        public void Commit()
        {
            inner.Commit();
            if (writer.Fails(path))
            {
                throw Unconfirmed(path);
            }
        }

        public void Dispose() => inner.Dispose();
    }
}

using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>
/// The real atomic writer whose last step fails as an EIO from <c>fsync</c> of the directory after
/// the rename makes it fail: the file really is replaced, and the writer reports it as unconfirmed.
/// </summary>
internal sealed class UnsyncedDirectoryWriter(IAtomicFileWriter inner) : IAtomicFileWriter
{
    private const int EIO = 5;

    public bool Write(string path, ReadOnlySpan<byte> contents, AtomicWriteOptions? options = null)
    {
        inner.Write(path, contents, options);
        throw Unconfirmed(path);
    }

    public bool Write(string path, Stream contents, AtomicWriteOptions? options = null)
    {
        inner.Write(path, contents, options);
        throw Unconfirmed(path);
    }

    public IStagedFile? Stage(string path, Stream contents, AtomicWriteOptions? options = null) =>
        throw new NotSupportedException("only whole writes fail this way here");

    private static UnconfirmedWriteException Unconfirmed(string path) =>
        new(path, new IOException($"fsync failed for '{path}': Input/output error", EIO));
}

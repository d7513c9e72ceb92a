using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>
/// The real atomic writer, with <paramref name="beforeWrite"/> called as each write begins, before the
/// file can change (what was on disk at that moment), and the writes to <paramref name="failingPath"/>
/// landing on a full disk (<see cref="FullDiskWriter"/>: the kernel's own <c>ENOSPC</c>), the file left as it was.
/// </summary>
/// <param name="inner">The real writer.</param>
/// <param name="beforeWrite">Called with each path about to be written.</param>
/// <param name="failingPath">The one path whose writes fail; none when <c>null</c>.</param>
internal sealed class InterceptingWriter(IAtomicFileWriter inner, Action<string>? beforeWrite = null, string? failingPath = null) : IAtomicFileWriter
{
    private readonly FullDiskWriter _full = new();

    public bool Write(string path, ReadOnlySpan<byte> contents, AtomicWriteOptions? options = null)
    {
        beforeWrite?.Invoke(path);
        return WriterFor(path).Write(path, contents, options);
    }

    public bool Write(string path, Stream contents, AtomicWriteOptions? options = null)
    {
        beforeWrite?.Invoke(path);
        return WriterFor(path).Write(path, contents, options);
    }

    public IStagedFile? Stage(string path, Stream contents, AtomicWriteOptions? options = null)
    {
        beforeWrite?.Invoke(path);
        return WriterFor(path).Stage(path, contents, options);
    }

    private IAtomicFileWriter WriterFor(string path) => path == failingPath ? _full : inner;
}

using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// The real writer, except that while <see cref="Full"/> a write of <paramref name="fullAt"/> fails as
/// one on a full file system does (<c>ENOSPC</c>), before anything changes: what a rollback on a full
/// <c>/etc</c> meets when it must write a file back as a copy (an earlier run's <c>.bak</c>), the
/// renames before it needing no space. Everything else, the writer's own backups among it, is real.
/// </summary>
internal sealed class FullDiskWriter(IAtomicFileWriter inner, string fullAt) : IAtomicFileWriter
{
    /// <summary>Whether the file system is still full; cleared, as an operator freeing space would.</summary>
    public bool Full { get; set; } = true;

    public bool Write(string path, ReadOnlySpan<byte> contents, AtomicWriteOptions? options = null) =>
        Refused(path) ? throw NoSpace() : inner.Write(path, contents, options);

    public bool Write(string path, Stream contents, AtomicWriteOptions? options = null) =>
        Refused(path) ? throw NoSpace() : inner.Write(path, contents, options);

    public IStagedFile? Stage(string path, Stream contents, AtomicWriteOptions? options = null) =>
        Refused(path) ? throw NoSpace() : inner.Stage(path, contents, options);

    private bool Refused(string path) => Full && path == fullAt;

    // ENOSPC's errno in the HResult, as .NET reports it.
    private static IOException NoSpace() => new("No space left on device", 28);
}

using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>
/// A full disk without mounting one: <c>/dev/full</c> fails every write with <c>ENOSPC</c>, so the
/// exception is the one the kernel and .NET really produce, errno included.
/// </summary>
internal static class FullDevice
{
    public const string Path = "/dev/full";

    /// <summary>A stream on the full device, unbuffered: every write reaches write(2).</summary>
    public static Stream Open() => new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
}

/// <summary>An atomic writer whose data lands on a full disk: the write fails as a full target directory makes it fail.</summary>
internal sealed class FullDiskWriter : IAtomicFileWriter
{
    public bool Write(string path, ReadOnlySpan<byte> contents, AtomicWriteOptions? options = null)
    {
        using var device = FullDevice.Open();
        device.Write(contents);
        return true;
    }

    public bool Write(string path, Stream contents, AtomicWriteOptions? options = null)
    {
        using var device = FullDevice.Open();
        contents.CopyTo(device);
        return true;
    }

    public IStagedFile? Stage(string path, Stream contents, AtomicWriteOptions? options = null)
    {
        Write(path, contents, options);
        throw new InvalidOperationException("unreachable: the full device refuses every write");
    }
}

using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>The calls that count as a look at the path a <see cref="SwappingFileSystem"/> swaps.</summary>
[Flags]
internal enum PathLooks
{
    /// <summary><see cref="IFileSystem.GetStatus"/>.</summary>
    Status = 1,

    /// <summary><see cref="IFileSystem.ReadRegularFile"/>.</summary>
    RegularFile = 2,

    /// <summary><see cref="IFileSystem.ReadEntry"/>.</summary>
    Entry = 4,

    /// <summary><see cref="IFileSystem.ReadLink"/>.</summary>
    Link = 8,

    /// <summary><see cref="IFileSystem.ReadAllBytes"/>.</summary>
    Bytes = 16,

    /// <summary>Any of them.</summary>
    Any = Status | RegularFile | Entry | Link | Bytes,
}

/// <summary>
/// The real file system passed through, where the first look at <paramref name="path"/> (by one of
/// <paramref name="looks"/>, whichever call makes it) is answered and then followed by
/// <paramref name="swap"/>, which puts another entry there, as a race would: for code that must
/// read, check and keep what it looked at, never what the path holds by its next call.
/// </summary>
internal sealed class SwappingFileSystem(IFileSystem inner, string path, Action swap, PathLooks looks = PathLooks.Any) : DelegatingFileSystem(inner)
{
    private bool _swapped;

    public override FileStatus? GetStatus(string statusPath) => After(PathLooks.Status, statusPath, base.GetStatus(statusPath));

    public override RegularFile? ReadRegularFile(string readPath) => After(PathLooks.RegularFile, readPath, base.ReadRegularFile(readPath));

    public override PathEntry? ReadEntry(string readPath) => After(PathLooks.Entry, readPath, base.ReadEntry(readPath));

    public override string? ReadLink(string linkPath) => After(PathLooks.Link, linkPath, base.ReadLink(linkPath));

    public override byte[] ReadAllBytes(string readPath) => After(PathLooks.Bytes, readPath, base.ReadAllBytes(readPath));

    private T After<T>(PathLooks look, string looked, T answer)
    {
        if ((looks & look) != 0 && looked == path && !_swapped)
        {
            _swapped = true;
            swap();
        }

        return answer;
    }
}

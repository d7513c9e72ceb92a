using GuestAgent.Platform;

namespace GuestAgent.Commands.Network;

/// <summary>
/// Read-only view of the files <c>resetnetwork</c> looks at, by absolute path inside the
/// configured root (<c>/etc/hosts</c> means <c>&lt;root&gt;/etc/hosts</c>). Detection and the
/// renderers only read through it, which keeps them pure and testable on in-memory files.
/// </summary>
internal interface IFileView
{
    /// <summary>The file's text (UTF-8), or <c>null</c> when it does not exist or is not a regular file.</summary>
    string? ReadText(string path);

    /// <summary>
    /// The file's bytes as stored, or <c>null</c> when <see cref="ReadText"/> gives <c>null</c>: for a reader that must refuse what a
    /// program it stands in for refuses (netplan's YAML reader fails on bytes that are not UTF-8, which <see cref="ReadText"/> replaces).
    /// </summary>
    byte[]? ReadBytes(string path);

    /// <summary>
    /// The entry's kind, mode and owner, without following a final link, or <c>null</c> when nothing is there or it cannot be told:
    /// for a reader that must skip what a program it stands in for refuses for its owner or mode (NetworkManager's keyfile plugin).
    /// </summary>
    FileStatus? GetStatus(string path);

    /// <summary>Whether a file, directory or symbolic link exists at the path.</summary>
    bool Exists(string path);

    /// <summary>Whether the entry at the path carries the immutable attribute (<c>chattr +i</c>, see <see cref="IFileSystem.IsImmutable"/>); <c>false</c> where none can be told.</summary>
    bool IsImmutable(string path) => false;

    /// <summary>Whether the path is a symbolic link.</summary>
    bool IsSymbolicLink(string path);

    /// <summary>The target of a symbolic link exactly as stored, or <c>null</c> when the path is not one.</summary>
    string? ReadLink(string path);

    /// <summary>The names of the entries of a directory, sorted ordinally; empty when it does not exist.</summary>
    IReadOnlyList<string> List(string directory);

    /// <summary>
    /// The names in a directory that are not valid UTF-8, as their bytes, sorted bytewise: no path here names such a
    /// file (<see cref="List"/> gives each decoded with <c>U+FFFD</c>, where nothing is), but networkd and
    /// NetworkManager read it. Empty when there are none or the directory does not exist.
    /// </summary>
    IReadOnlyList<byte[]> ListUndecodable(string directory);

    /// <summary>
    /// The bytes of the regular file <paramref name="file"/> inside the entry <paramref name="name"/> (as <see cref="ListUndecodable"/>
    /// gives it) of <paramref name="directory"/>, following the entry as the kernel does: <c>/sys/class/net/x\xE9/address</c>.
    /// <c>null</c> when it is not there, not a regular file, or cannot be read or told.
    /// </summary>
    byte[]? ReadBelowUndecodable(string directory, byte[] name, string file);

    /// <summary>
    /// The bytes of the regular file <paramref name="name"/> (as <see cref="ListUndecodable"/> gives it) in
    /// <paramref name="directory"/>, not followed when it is a link (as <see cref="ReadText"/> reads a path): NetworkManager's
    /// <c>ifcfg-x\xE9</c>. <c>null</c> when it is not there, not a regular file, or cannot be read or told.
    /// </summary>
    byte[]? ReadUndecodable(string directory, byte[] name);

    /// <summary>
    /// The target of the link <paramref name="name"/> (as <see cref="ListUndecodable"/> gives it) in <paramref name="directory"/>,
    /// exactly as stored, as <see cref="ReadLink"/> gives a path's: NetworkManager follows a linked <c>ifcfg-x\xE9</c>.
    /// <c>null</c> when it is not there, not a link, or cannot be read or told.
    /// </summary>
    string? ReadUndecodableLink(string directory, byte[] name);
}

using System.Text.RegularExpressions;

namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// A netplan file's text as netplan reads it. netplan follows a symbolic link named <c>*.yaml</c>
/// wherever it points, even out of its directories (checked on the real netplan); a link to
/// <c>/dev/null</c> reads as an empty file (the way to mask a package's file, which it hides), and
/// a dangling link, or one to a directory, makes <c>netplan generate</c> fail. The link itself
/// hides a same-named file in a lower directory like a regular file does.
/// </summary>
internal static partial class NetplanFileReader
{
    private const string NullDevice = "/dev/null";

    /// <summary>Reads <paramref name="path"/> through any chain of symbolic links.</summary>
    /// <param name="files">The files.</param>
    /// <param name="path">The netplan file.</param>
    /// <param name="failsWhen">
    /// When netplan fails on the file if libyaml refuses its bytes (<see cref="NetplanFileDecoding"/>): <c>already</c>, or, for a file it
    /// does not read now, when it will; <c>null</c> for a file netplan never reads (an <c>/etc/netplan</c> <c>.yml</c>), which is then
    /// read leniently, <see cref="NetplanFileText.Unreadable"/> saying why, for the caller to refuse only where the file must change.
    /// </param>
    /// <exception cref="Parsing.InvalidNetworkDataException">libyaml refuses the file's bytes, so netplan fails on it.</exception>
    public static NetplanFileText Read(IFileView files, string path, string? failsWhen = "already")
    {
        if (files.ReadLink(path) is null)
        {
            return Of(files.ReadBytes(path), null, path, failsWhen);
        }

        var (real, complete) = RealPath(files, path);
        return !complete ? new NetplanFileText(null, real)
            : real == NullDevice ? new NetplanFileText(string.Empty, real)
            : Of(files.ReadBytes(real), real, path, failsWhen);
    }

    /// <summary>
    /// The text as libyaml decodes it, with each of its line breaks (CR LF, a CR alone, LF, NEL, LS, PS: netplan 0.106 reads every one of
    /// them as a line break) written as LF, so that the readers, which split lines at LF, see the lines netplan sees; and the break it had
    /// throughout. A byte-order mark at a line's start, which libyaml skips there but counts as a column (<c>&lt;BOM&gt;   eth0:</c> is
    /// <c>eth0</c> at indent 4, checked), is read as a space.
    /// </summary>
    private static NetplanFileText Of(byte[]? bytes, string? link, string path, string? failsWhen)
    {
        if (bytes is null)
        {
            return new NetplanFileText(null, link);
        }

        var (written, encoding, invalid) = NetplanFileDecoding.Decode(bytes);
        if (invalid is not null && failsWhen is not null)
        {
            throw new Parsing.InvalidNetworkDataException(
                $"{path} {invalid}, so resetnetwork does not read it; netplan's YAML reader refuses it too (\"Invalid YAML\"), so netplan fails on it {failsWhen}; " +
                "write it in UTF-8; nothing was changed");
        }

        var kinds = LineBreak().Matches(written).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToArray();
        var text = LineBreak().Replace(written, "\n");
        var unprintable = NetplanFileDecoding.Unprintable(text);
        if (unprintable is not null && failsWhen is not null)
        {
            throw new Parsing.InvalidNetworkDataException(
                $"{path} {unprintable}, which netplan refuses (\"control characters are not allowed\"), so netplan fails on it {failsWhen}; remove it; nothing was changed");
        }

        var mark = LineStartMark().Match(text);
        return new NetplanFileText(mark.Success ? LineStartMark().Replace(text, " ") : text, link)
        {
            LineBreak = kinds is ["\r\n"] ? "\r\n" : kinds is [] or ["\n"] ? "\n" : null,
            Encoding = encoding,
            MarkLine = mark.Success ? text.AsSpan(0, mark.Index).Count('\n') + 1 : null,
            Unreadable = invalid ?? unprintable,
        };
    }

    [GeneratedRegex(@"\r\n|[\r\n\u0085\u2028\u2029]", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LineBreak();

    // One mark only: libyaml skips a mark at column 0, and the next one, at column 1, is text.
    [GeneratedRegex("^\uFEFF", RegexOptions.Multiline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LineStartMark();

    /// <summary>
    /// <paramref name="path"/> with every symbolic link in it followed, resolved the way the kernel
    /// does (<see cref="GuestAgent.Platform.RealPath"/>): so <c>sub/../y.yaml</c>, with <c>sub</c> a
    /// link to <c>/opt/b/c</c>, is <c>/opt/b/y.yaml</c> (netplan reads that one, checked), not the
    /// <c>y.yaml</c> beside <c>sub</c> that folding the text would give. <c>Complete</c> is false
    /// after more than 40 links (a loop): <c>Path</c> is then the link it stopped at.
    /// </summary>
    internal static (string Path, bool Complete) RealPath(IFileView files, string path)
    {
        var resolved = GuestAgent.Platform.RealPath.Resolve(path, files.ReadLink);
        return (resolved.Path, resolved.Complete);
    }
}

/// <summary>A netplan file as netplan reads it.</summary>
/// <param name="Text">Its text, or <c>null</c> when there is no regular file to read (missing, a directory, a dangling link).</param>
/// <param name="LinkTarget">Where the symbolic link that the path is finally leads, or <c>null</c> when the path is no link.</param>
internal sealed record NetplanFileText(string? Text, string? LinkTarget)
{
    /// <summary>Whether the path is a symbolic link: the agent never writes through one, nor replaces or moves it.</summary>
    public bool IsLink => LinkTarget is not null;

    /// <summary>
    /// The line break the file has throughout, LF or CR LF, which an edit of it keeps (<see cref="Text"/> has LF for each); <c>null</c>
    /// when it mixes them or has one only libyaml takes for a break (a CR alone, NEL, LS, PS), which an edit could not keep as it was.
    /// </summary>
    public string? LineBreak { get; init; } = "\n";

    /// <summary>The file's encoding, which an edit keeps (a UTF-8 file's byte-order mark too) or, for UTF-16, cannot keep.</summary>
    public NetplanEncoding Encoding { get; init; }

    /// <summary>
    /// The first line that starts with a byte-order mark (a file made by joining others), which <see cref="Text"/> has as the space of
    /// indentation libyaml counts it as, and which an edit could not keep; <c>null</c> when there is none.
    /// </summary>
    public int? MarkLine { get; init; }

    /// <summary>
    /// For a file netplan never reads, read leniently: why libyaml would refuse it (<c>is not valid UTF-8 (at byte 5)</c>, <c>holds the
    /// character U+0001 on line 3</c>), so that the reset changes it only where it reads it as it is; <c>null</c> when libyaml reads it.
    /// </summary>
    public string? Unreadable { get; init; }
}

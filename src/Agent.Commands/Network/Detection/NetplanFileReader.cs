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
    public static NetplanFileText Read(IFileView files, string path)
    {
        if (files.ReadLink(path) is null)
        {
            return Of(files.ReadText(path), null);
        }

        var (real, complete) = RealPath(files, path);
        return !complete ? new NetplanFileText(null, real)
            : real == NullDevice ? new NetplanFileText(string.Empty, real)
            : Of(files.ReadText(real), real);
    }

    /// <summary>
    /// The text with each of libyaml's line breaks (CR LF, a CR alone, LF, NEL, LS, PS: netplan 0.106 reads every one of them as a line
    /// break) written as LF, so that the readers, which split lines at LF, see the lines netplan sees; and the break it had throughout.
    /// </summary>
    private static NetplanFileText Of(string? written, string? link)
    {
        if (written is null)
        {
            return new NetplanFileText(null, link);
        }

        var kinds = LineBreak().Matches(written).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToArray();
        return new NetplanFileText(LineBreak().Replace(written, "\n"), link) { LineBreak = kinds is ["\r\n"] ? "\r\n" : kinds is [] or ["\n"] ? "\n" : null };
    }

    [GeneratedRegex(@"\r\n|[\r\n\u0085\u2028\u2029]", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LineBreak();

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
}

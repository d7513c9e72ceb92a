using GuestAgent.Platform;

namespace GuestAgent.Commands.Files;

/// <summary>The error texts of <c>injectfile</c> and <c>file_inject</c>. None quotes file contents.</summary>
internal static class InjectFileMessages
{
    public const string BadBase64 = "Error doing base64 decoding of data";
    public const string NoComma = "Invalid injectfile data: expected '<path>,<contents>'";
    public const string BadArguments = "Invalid file_inject arguments: expected {'b64_path': ..., 'b64_file': ...}";
    public const string NotUtf8 = "Invalid file path: not UTF-8";
    public const string NotAbsolute = "Invalid file path: it must be absolute";
    public const string Nul = "Invalid file path: it contains a NUL character";
    public const string NotNormalised = "Invalid file path: it must name a file, without '..' (no trailing '/' or '.')";
    public const string TooDeep = "Invalid file path: it has more than 128 components";
    public const string NotAllowed = "File path is outside the directories allowed for injection";
    public const string LinkOnTheWay = "File path goes through a symbolic link; refusing to follow it";
    public const string NotADirectoryOnTheWay = "File path goes through something that is not a directory";
    public const string FinalLink = "File path is a symbolic link; refusing to write through it";
    public const string NotRegular = "File path exists and is not a regular file";
    public const string WriteFailed = "Couldn't write the file";
    public const string WrittenUnconfirmed = "The file was written, but the change could not be confirmed on disk";

    /// <summary><see cref="WriteFailed"/> with the system's reason (<c>No space left on device</c>): the operator's only clue, never a path or contents.</summary>
    public static string WriteFailedBecause(Exception exception) => $"{WriteFailed}: {IoFailureReason.Of(exception)}";

    /// <summary>
    /// <see cref="WrittenUnconfirmed"/> with the system's reason: the new file is in place (readers
    /// see it) but its directory's sync failed, so a power cut could still bring the old one back.
    /// </summary>
    public static string WrittenUnconfirmedBecause(UnconfirmedWriteException exception) => $"{WrittenUnconfirmed}: {IoFailureReason.Of(exception)}";
}

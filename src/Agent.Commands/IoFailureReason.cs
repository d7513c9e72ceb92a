using System.Runtime.InteropServices;
using GuestAgent.Platform;

namespace GuestAgent.Commands;

/// <summary>
/// Words why a file or transfer operation failed, as the system does (<c>No space left on device</c>),
/// for answers and logs. Only the reason: never a path or data, so it is safe wherever the command's
/// own message is.
/// </summary>
internal static class IoFailureReason
{
    private const int ENoEnt = 2;
    private const int EAcces = 13;
    private const int ENameTooLong = 36;
    private const int MaxErrno = 4095;

    /// <summary>The reason: the errno's text when the exception carries one, else the exception type's name.</summary>
    public static string Of(Exception exception) => exception switch
    {
        // The transfer's own failures carry no errno, but a category (ResponseEnded, ConnectionError).
        HttpIOException http => http.HttpRequestError.ToString(),
        PathRefusedException refused => refused.Reason switch
        {
            PathRefusal.LinkOnTheWay => "a directory on the way is a symbolic link",
            PathRefusal.LinkAtTarget => "it is a symbolic link",
            PathRefusal.NotADirectoryOnTheWay => "something on the way is not a directory",
            PathRefusal.TargetNotRegular => "it is not a regular file",
            _ => "a directory on the way is missing",
        },
        // Not the errno's "File too large" alone, which reads as if the new contents were.
        BackupTooLargeException tooLarge => BackupTooLarge(tooLarge),
        FileNotFoundException or DirectoryNotFoundException => Marshal.GetPInvokeErrorMessage(ENoEnt),
        PathTooLongException => Marshal.GetPInvokeErrorMessage(ENameTooLong),
        UnauthorizedAccessException => Marshal.GetPInvokeErrorMessage(EAcces),
        // .NET's file APIs on Unix (and the agent's own native calls) put the errno in HResult.
        IOException { HResult: > 0 and <= MaxErrno } io => Marshal.GetPInvokeErrorMessage(io.HResult),
        _ => exception.GetType().Name,
    };

    /// <summary>
    /// One short clause an operator reads in Nova's log: what (the old file, not the contents sent)
    /// and the one reason its backup had to be a copy; neither parentheses nor a semicolon, as
    /// <c>resetnetwork</c> puts a reason inside both.
    /// </summary>
    private static string BackupTooLarge(BackupTooLargeException exception) =>
        (exception.Privileged ? "the existing setuid, setgid or capability-carrying file" : "the existing file cannot be hard-linked and")
        + $" is too large to back up: {exception.Length} bytes or more, over the {exception.Limit}-byte limit";
}

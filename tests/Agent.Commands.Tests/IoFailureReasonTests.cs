using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests;

/// <summary>
/// The reason a file or transfer operation failed, as answers and logs word it: the system's own
/// text for an errno, a category for a transfer, a phrase for each refused path, and never the
/// exception's message, which names the path (and a path can name a user or a key's file).
/// </summary>
public sealed class IoFailureReasonTests
{
    private const string Path = "/home/alice/.ssh/authorized_keys";

    public static TheoryData<PathRefusal, string> Refusals() => new()
    {
        { PathRefusal.LinkOnTheWay, "a directory on the way is a symbolic link" },
        { PathRefusal.LinkAtTarget, "it is a symbolic link" },
        { PathRefusal.NotADirectoryOnTheWay, "something on the way is not a directory" },
        { PathRefusal.TargetNotRegular, "it is not a regular file" },
        { PathRefusal.DirectoryMissing, "a directory on the way is missing" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Each_refused_path_is_worded_for_its_reason(PathRefusal reason, string expected)
    {
        Assert.Equal(expected, IoFailureReason.Of(new PathRefusedException(reason, Path)));
    }

    [Fact]
    public void A_backup_too_large_to_copy_is_worded_as_the_backup_s_and_says_why_it_had_to_be_a_copy()
    {
        // Not the errno's "File too large" alone, which reads as if the contents sent were; never the path.
        // One short clause, without the parentheses or semicolon resetnetwork wraps a reason in.
        Assert.Equal(
            "the existing setuid, setgid or capability-carrying file is too large to back up: 30 bytes or more, over the 20-byte limit",
            IoFailureReason.Of(new BackupTooLargeException(Path, 30, 20, privileged: true)));
        Assert.Equal(
            "the existing file cannot be hard-linked and is too large to back up: 30 bytes or more, over the 20-byte limit",
            IoFailureReason.Of(new BackupTooLargeException(Path, 30, 20, privileged: false)));
    }

    public static TheoryData<Exception, string> SystemErrors() => new()
    {
        // The texts are glibc's strerror, as the shell and every tool print them.
        { new FileNotFoundException(Path), "No such file or directory" },
        { new DirectoryNotFoundException(Path), "No such file or directory" },
        { new UnauthorizedAccessException(Path), "Permission denied" },
        { new PathTooLongException(Path), "File name too long" },
        // .NET's file APIs put the errno in HResult: ENOSPC, EROFS, EIO.
        { new IOException(Path, 28), "No space left on device" },
        { new IOException(Path, 30), "Read-only file system" },
        { new IOException(Path, 5), "Input/output error" },
    };

    [Theory]
    [MemberData(nameof(SystemErrors))]
    public void A_system_error_is_worded_as_the_system_words_its_errno(Exception exception, string expected)
    {
        Assert.Equal(expected, IoFailureReason.Of(exception));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2147024893)]
    [InlineData(4096)]
    public void An_io_error_without_an_errno_is_named_by_its_type_not_its_message(int hresult)
    {
        Assert.Equal(nameof(IOException), IoFailureReason.Of(new IOException(Path, hresult)));
    }

    [Theory]
    [InlineData(HttpRequestError.ResponseEnded)]
    [InlineData(HttpRequestError.ConnectionError)]
    public void A_transfer_cut_short_is_named_by_its_category(HttpRequestError error)
    {
        var exception = new HttpIOException(error, $"The response ended prematurely while reading {Path}");

        Assert.Equal(error.ToString(), IoFailureReason.Of(exception));
    }

    [Fact]
    public void Any_other_failure_is_named_by_its_type()
    {
        Assert.Equal(nameof(InvalidDataException), IoFailureReason.Of(new InvalidDataException(Path)));
    }
}

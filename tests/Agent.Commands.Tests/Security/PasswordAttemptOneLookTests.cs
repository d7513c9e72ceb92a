using GuestAgent.Commands.Security;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// The marks file is read from one look at it (<see cref="IFileSystem.ReadRegularFile"/>), and only
/// what was read is judged: a link put at its path is never followed, and a file too large to be the
/// agent's is never taken, whatever the status read by name just before said. Here the path is
/// swapped right after that status read, as a race would, or right after the look; the old code read
/// by name after the status and took the marks of whatever file was there by then (a FIFO it would
/// have waited on for ever).
/// </summary>
public sealed class PasswordAttemptOneLookTests
{
    private const string MarksPath = "/var/lib/guest-agent/password-attempt";

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Marks_are_only_those_of_the_small_regular_file_read(bool largeFile, bool afterTheLook)
    {
        using var root = new CommandRoot();
        var options = new PasswordOptions { BootId = "boot-a" };
        var marks = root.HostPath(MarksPath);
        PasswordAttempt.Record(root.System, options, "req-other", "v");
        var otherMarks = File.ReadAllText(marks);
        File.Delete(marks);
        PasswordAttempt.Record(root.System, options, "req-mine", "v");
        Assert.True(PasswordAttempt.WasStartedBy(root.System, options, "req-mine", "v"));
        File.WriteAllText(marks + ".other", otherMarks + (largeFile ? new string('x', 5000) + "\n" : ""));
        var swapping = new SwappingFileSystem(root.System.FileSystem, MarksPath, () =>
        {
            if (largeFile)
            {
                File.Move(marks + ".other", marks, overwrite: true);
            }
            else
            {
                File.CreateSymbolicLink(marks + ".swap", marks + ".other");
                File.Move(marks + ".swap", marks, overwrite: true);
            }
        }, afterTheLook ? PathLooks.RegularFile : PathLooks.Status);

        Assert.False(PasswordAttempt.WasStartedBy(root.System with { FileSystem = swapping }, options, "req-other", "v"));
    }
}

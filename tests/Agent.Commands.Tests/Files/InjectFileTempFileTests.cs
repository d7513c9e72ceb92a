using System.Text;
using System.Text.RegularExpressions;
using GuestAgent.Commands.Files;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Files;

/// <summary>
/// Spec §10.1, <c>injectfile</c>: where the original wrote a predictable <c>.tmp.&lt;time&gt;</c> file
/// with <c>open(..., 'w')</c> (following a link planted there, readable with umask permissions until
/// its chmod), the temp file is created in the target's own directory exclusively (<c>O_CREAT</c> with
/// <c>O_EXCL</c>, and <c>O_NOFOLLOW</c>) and has its final owner and mode before a byte of the
/// contents is written. Seen with strace on the real calls: the outcome alone (a file with the right
/// owner and mode) would look the same had the chown and chmod come after the data.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class InjectFileTempFileTests
{
    private static readonly FileOwner Alice = new(4321, 4321);

    [Fact]
    public void The_temp_file_is_made_exclusively_beside_the_target_and_owned_and_moded_before_any_byte_is_written()
    {
        // Giving the file to another user needs root (as in CI); a chown to the same owner is skipped.
        Owners.SkipUnlessRoot();
        using var root = new CommandRoot();
        root.WriteFile("/etc/app.conf", "old", "640");
        root.System.FileSystem.SetOwner("/etc/app.conf", Alice);
        var value = Convert.ToBase64String(Encoding.UTF8.GetBytes("/etc/app.conf,new contents"));

        var calls = SyscallTrace.Calls(
            () => Assert.Equal(CommandResult.Ok(), InjectFileCommands.InjectFile(value, root.Context("injectfile"))),
            "openat,fchown,fchmod,write,pwrite64");

        var creations = calls.Select(line => Created().Match(line)).Where(match => match.Success).ToList();
        var create = Assert.Single(creations);
        var temp = create.Groups["path"].Value;
        Assert.Equal(root.HostPath("/etc"), Path.GetDirectoryName(temp));
        Assert.NotEqual(root.HostPath("/etc/app.conf"), temp);
        Assert.Contains("O_EXCL", create.Value, StringComparison.Ordinal);
        Assert.Contains("O_NOFOLLOW", create.Value, StringComparison.Ordinal);

        // Every call on the temp file's descriptor, in order: the owner and the final mode come first.
        var onTemp = calls.SkipWhile(line => line != create.Value).Skip(1)
            .Where(line => line.Contains($"<{temp}>,", StringComparison.Ordinal))
            .Select(line => line[..line.IndexOf('(', StringComparison.Ordinal)])
            .ToList();
        var firstWrite = onTemp.FindIndex(call => call is "write" or "pwrite64");
        Assert.True(firstWrite > 0, "the contents are written through the temp file's descriptor: " + string.Join(", ", onTemp));
        Assert.Contains("fchown", onTemp[..firstWrite]);
        Assert.Contains("fchmod", onTemp[..firstWrite]);
        Assert.Contains(calls, line => line.StartsWith("fchown(", StringComparison.Ordinal) && line.Contains($"<{temp}>, 4321, 4321)", StringComparison.Ordinal));
        Assert.Contains(calls, line => line.StartsWith("fchmod(", StringComparison.Ordinal) && line.Contains($"<{temp}>, 0640)", StringComparison.Ordinal));

        Assert.Equal("new contents", File.ReadAllText(root.HostPath("/etc/app.conf")));
        Assert.Equal(Alice, root.System.FileSystem.GetStatus("/etc/app.conf")!.Value.Owner);
    }

    /// <summary>An <c>openat</c> that made a new entry, with the path of the descriptor it returned.</summary>
    [GeneratedRegex(@"^openat\(.*O_CREAT.*\) = \d+<(?<path>[^>]+)>$")]
    private static partial Regex Created();
}

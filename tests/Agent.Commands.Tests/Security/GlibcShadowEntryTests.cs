using GuestAgent.Commands.Security;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// The line the agent writes root's new hash into is the one glibc's <c>getspnam</c> reads, what
/// <c>pam_unix</c> checks a login against: each file is edited by <see cref="ShadowFile"/>, bound over
/// <c>/etc/shadow</c> in a mount namespace of its own (<c>unshare -rm</c>), and read back with
/// <c>getent shadow root</c>. A write into a line glibc passes over answers "0" and leaves the old
/// password the working one.
/// </summary>
public sealed class GlibcShadowEntryTests
{
    private const string Written = "$6$agent$written";

    [Theory]
    // glibc skips C white space before a line's first field (nss_readline), shadow-utils does not.
    [InlineData(" root:$6$old$one:19000:0:99999:7:::\nroot:$6$old$two:19000:0:99999:7:::\n")]
    [InlineData("\t root:$6$old$one:19000:0:99999:7:::\n")]
    [InlineData("\vroot:$6$old$one:19000:0:99999:7:::\nroot:$6$old$two:19000:0:99999:7:::\n")]
    [InlineData("daemon:*:19000:0:99999:7:::\n\f\rroot:$6$old$one:19000:0:99999:7:::\n")]
    [InlineData(" \t \nroot:$6$old$one:19000:0:99999:7:::\n")]
    // Session 56's shapes: a line that is no entry is passed over for the next.
    [InlineData("root:$6$broken:19000\nroot:$6$old$two:19000:0:99999:7:::\n")]
    [InlineData("root:$6$old$one:19000:zero:99999:7:::\nroot:$6$old$two:19000:0:99999:7:::\n")]
    // The last-change day is replaced, so its value, even one glibc 2.36 does not read, does not matter.
    [InlineData("root:$6$old$one:-1:0:99999:7:::\n")]
    // glibc's line ends at a NUL byte (what a crash leaves in a file whose blocks were never written):
    // what follows it, up to the newline, is not read.
    [InlineData("root:$6$old$one:19000:0:99999:7:::\0junk\nroot:$6$old$two:19000:0:99999:7:::\n")]
    [InlineData("root:$6$old$one:19000:0:99999\0:7:::\nroot:$6$old$two:19000:0:99999:7:::\n")]
    [InlineData("root:$6$old$one\0:19000:0:99999:7:::\nroot:$6$old$two:19000:0:99999:7:::\n")]
    [InlineData("\0root:$6$old$one:19000:0:99999:7:::\nroot:$6$old$two:19000:0:99999:7:::\n")]
    [InlineData("root:$6$old$one:19000:0:99999:7:::\n")]
    public async Task The_line_written_is_the_line_glibc_reads(string shadow)
    {
        var getent = ExternalTool.Require("getent", "libc-bin");
        var unshare = ExternalTool.Require("unshare", "util-linux");
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "shadow");
        Assert.Null(ShadowFile.TryReplaceHash(Latin1(shadow), "root", _ => Written, 20000, out var updated));
        File.WriteAllBytes(file, updated);

        var read = await ExternalTool.RunAsync(unshare, ["-rm", "/bin/sh", "-c", "mount --bind \"$1\" /etc/shadow && exec \"$2\" shadow root", "sh", file, getent]);
        if (read.ExitCode != 0 && read.StandardError.Contains("unshare", StringComparison.Ordinal))
        {
            Requirement.Unmet($"unshare -rm is not permitted here ({read.StandardError.Trim()})");
        }

        Assert.True(read.ExitCode == 0, $"getent: exit {read.ExitCode} {read.StandardError}");
        Assert.Equal(Written, read.StandardOutput.Split(':')[1]);
    }

    /// <summary>
    /// glibc 2.36 reads a shadow number only when <c>strtoul</c>'s value fits in 32 bits: <c>-1</c> (which
    /// <c>strtoul</c> makes 2^64 − 1) and 4294967296 in an age, warning, inactivity, expiry or flag field
    /// make the whole line one <c>getspnam</c> passes over, so a login never checks a hash written there.
    /// Older glibc sources clamp such a value instead and read the line: which line is root's entry then
    /// depends on the guest's glibc, and the agent refuses the file rather than answer "0" for a hash
    /// one of them never reads (the old password still working on a later root line, or no login at all).
    /// </summary>
    [Theory]
    [InlineData("root:$6$old$one:19000:0:99999:7:-1::\nroot:$6$old$two:19000:0:99999:7:::\n")]
    [InlineData("root:$6$old$one:19000:-1:99999:7:::\n")]
    [InlineData("root:$6$old$one:19000:0:4294967296:7:::\nroot:$6$old$two:19000:0:99999:7:::\n")]
    [InlineData("root:$6$old$one:19000:0:99999:99999999999999999999:::\n")]
    [InlineData("root:$6$old$one:19000:0:99999:7::18446744073709551616:\nroot:$6$old$two:19000:0:99999:7:::\n")]
    [InlineData("root:$6$old$one:19000:0:99999:7::: -4294967295\nroot:$6$old$two:19000:0:99999:7:::\n")]
    [InlineData("root:$6$old$one:19000\nroot:$6$old$two:19000:0:99999:7::-1:\nroot:$6$old$three:19000:0:99999:7:::\n")]
    public async Task A_root_line_with_a_number_beyond_32_bits_is_not_written_into(string shadow)
    {
        var read = await GetentShadowRootAsync(Latin1(shadow));
        Assert.DoesNotContain("$6$old$one", read, StringComparison.Ordinal);

        Assert.Equal(PasswordMessages.UnknownFormat, ShadowFile.TryGetHash(Latin1(shadow), "root", out _));
        Assert.Equal(PasswordMessages.UnknownFormat, ShadowFile.TryReplaceHash(Latin1(shadow), "root", _ => Written, 20000, out var updated));
        Assert.Empty(updated);
    }

    /// <summary>The numbers at the edges that glibc 2.36 does read: the line is root's entry and edited.</summary>
    [Theory]
    [InlineData("root:$6$old$one:19000:0:4294967295:7:::\n")]
    [InlineData("root:$6$old$one:19000:-0:99999:7::: +4294967295\n")]
    [InlineData("root:$6$old$one:19000:0:99999:7:-18446744073709551615::\n")]
    [InlineData("root:$6$old$one:19000:0:99999:7::\t00004294967295:\n")]
    public async Task A_root_line_whose_numbers_fit_in_32_bits_is_written_into(string shadow)
    {
        Assert.Equal("$6$old$one", (await GetentShadowRootAsync(Latin1(shadow))).Split(':')[1]);

        Assert.Null(ShadowFile.TryReplaceHash(Latin1(shadow), "root", _ => Written, 20000, out var updated));
        Assert.Equal(Written, (await GetentShadowRootAsync(updated)).Split(':')[1]);
    }

    [Fact]
    public void Leading_white_space_before_roots_line_is_kept()
    {
        Assert.Null(ShadowFile.TryReplaceHash(Latin1("daemon:*:1::::::\n \troot:$6$old:19000:0:99999:7:::\nroot:x:1:0:99999:7:::\n"), "root", _ => Written, 20000, out var updated));

        // The later root line is musl's entry (MuslShadowEntryTests): it gets the hash too.
        Assert.Equal("daemon:*:1::::::\n \troot:" + Written + ":20000:0:99999:7:::\nroot:" + Written + ":20000:0:99999:7:::\n", System.Text.Encoding.Latin1.GetString(updated));
    }

    [Fact]
    public void A_file_ending_in_blanks_after_no_root_line_has_no_entry()
    {
        // The blanks are skipped up to the end of their line, never past the end of the file.
        Assert.Equal(PasswordMessages.NoEntry, ShadowFile.TryGetHash(Latin1("daemon:*:19000:0:99999:7:::\n \t"), "root", out _));
    }

    /// <summary>What <c>getent -s files shadow root</c> prints with <paramref name="contents"/> bound over <c>/etc/shadow</c> (empty: no entry).</summary>
    internal static async Task<string> GetentShadowRootAsync(byte[] contents)
    {
        var getent = ExternalTool.Require("getent", "libc-bin");
        var unshare = ExternalTool.Require("unshare", "util-linux");
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "shadow");
        File.WriteAllBytes(file, contents);
        // Only the files service: nss-systemd answers a root it synthesises when the file has none.
        var read = await ExternalTool.RunAsync(unshare, ["-rm", "/bin/sh", "-c", "mount --bind \"$1\" /etc/shadow && exec \"$2\" -s files shadow root", "sh", file, getent]);
        if (read.ExitCode != 0 && read.StandardError.Contains("unshare", StringComparison.Ordinal))
        {
            Requirement.Unmet($"unshare -rm is not permitted here ({read.StandardError.Trim()})");
        }

        // getent exits 2 when there is no such entry.
        Assert.True(read.ExitCode is 0 or 2, $"getent: exit {read.ExitCode} {read.StandardError}");
        return read.StandardOutput.TrimEnd('\n');
    }

    private static byte[] Latin1(string text) => System.Text.Encoding.Latin1.GetBytes(text);
}

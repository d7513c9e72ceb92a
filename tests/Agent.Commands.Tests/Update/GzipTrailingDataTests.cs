using System.Text;
using GuestAgent.Commands.Update;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// What follows a whole gzip stream: gzip takes zeros (padding) and further members, and calls
/// anything else "trailing garbage" (exit 2), which fails <c>tar xzf</c>. Each case is given to
/// GNU tar too, and the agent must agree with it: extract what tar extracts, refuse what tar refuses,
/// with nothing left behind.
/// </summary>
public sealed class GzipTrailingDataTests : IDisposable
{
    private const long MaxBytes = 64 * 1024 * 1024;
    private const string Trailing = "something other than zeros follows the gzip stream (gzip's \"trailing garbage\")";
    private const string Corrupt = "the gzip stream is corrupt or cut short";
    private readonly TarWorkbench _bench = new();

    // large: a 17 MiB binary, so the trailer's ISIZE ends in a non-zero byte and the stream ends at
    // the last non-zero byte of the file; a small one's ISIZE ends in zeros, which the padding continues.
    [Theory]
    [InlineData(false, 0, "", null)]
    [InlineData(false, 4, "", null)]
    [InlineData(false, 10240, "", null)]
    [InlineData(false, 0, "garbage", Trailing)]
    [InlineData(false, 0, "x", Trailing)]
    [InlineData(false, 20, "x", Trailing)]
    [InlineData(false, 0, "\u0001", Trailing)]
    [InlineData(false, 0, "\u001f\u008bgarbage", Corrupt)] // another member's magic, then no member: gzip's "unknown method"
    [InlineData(true, 0, "", null)]
    [InlineData(true, 512, "", null)]
    [InlineData(true, 0, "garbage", Trailing)]
    [InlineData(true, 3, "x", Trailing)]
    public async Task What_follows_a_whole_gzip_stream_is_taken_or_refused_as_gnu_tar_does(bool large, int zeros, string after, string? refusal)
    {
        var contents = large ? new byte[17 * 1024 * 1024] : "\u007fELF agent"u8.ToArray();
        contents[0] = 0x7f;
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), contents);
        byte[] archive = [.. await _bench.Tar("--gzip", "guest-agent"), .. new byte[zeros], .. Encoding.Latin1.GetBytes(after)];

        Assert.Equal(refusal is null, await GnuTarExtracts(archive));
        _bench.AssertExtractsOrRefuses(archive, MaxBytes, "guest-agent", contents, refusal);
    }

    [Fact]
    public async Task A_whole_member_after_zero_padding_is_trailing_garbage_as_gzip_says()
    {
        // gzip reads members back to back only: once it has met a zero after a member, the rest of
        // the file must be zeros. GZipStream stops at the zero, so the member would go unread.
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), "\u007fELF agent"u8.ToArray());
        var tar = await _bench.Tar("--gzip", "guest-agent");
        byte[] archive = [.. tar, .. new byte[1000], .. tar];

        Assert.False(await GnuTarExtracts(archive), "GNU tar extracted it");
        var error = Assert.Throws<CommandException>(() => Extract(archive));

        Assert.Equal($"Invalid update archive: {Trailing}", error.Message);
    }

    [Fact]
    public async Task Two_members_back_to_back_and_padding_after_the_second_are_one_archive()
    {
        // The stream ends at the second member's end, not the first's: the padding follows it.
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), "\u007fELF agent"u8.ToArray());
        var tar = await _bench.Tar("guest-agent");
        byte[] archive = [.. Gzip.Stored(tar[..5000]), .. Gzip.Stored(tar[5000..]), .. new byte[4]];

        Assert.True(await GnuTarExtracts(archive), "GNU tar refused it");
        Assert.Equal(["guest-agent"], Extract(archive));
    }

    [Theory]
    [InlineData(40, "", null)] // past twice the cap: neither reading gets to the end, as before this check
    [InlineData(20, "garbage", Trailing)] // between the cap and twice it: this one does
    public async Task A_stream_decoding_far_past_the_tar_is_checked_up_to_twice_the_cap(int zerosMiB, string after, string? refusal)
    {
        // The tar, then zeros inside the gzip data. With a cap of 1 KiB + 16 MiB here, the first
        // reading checks the rest of the stream up to the cap and gives up past it; the trailing
        // check decodes up to twice the cap and gives up past it too, never taking the nonce it did not
        // reach for garbage. Compared with gzip itself: GNU tar stops reading at the tar's end, and
        // gzip, killed by the closed pipe before it meets the garbage, fails nothing.
        using var stored = new MemoryStream();
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), "\u007fELF agent"u8.ToArray());
        var tar = await _bench.Tar("guest-agent");
        using (var gzip = new System.IO.Compression.GZipStream(stored, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(tar);
            gzip.Write(new byte[zerosMiB * 1024 * 1024]);
        }

        byte[] archive = [.. stored.ToArray(), .. Encoding.Latin1.GetBytes(after)];

        Assert.Equal(refusal is null, await GzipAccepts(archive));
        if (refusal is null)
        {
            Assert.Equal(["guest-agent"], _bench.Extract(archive, 1024));
        }
        else
        {
            var error = Assert.Throws<CommandException>(() => _bench.Extract(archive, 1024));
            Assert.Equal($"Invalid update archive: {refusal}", error.Message);
        }
    }

    public void Dispose() => _bench.Dispose();

    /// <summary>Whether <c>gzip -t</c> finds nothing wrong with <paramref name="archive"/> (exit 0; 2 is its "trailing garbage ignored").</summary>
    private async Task<bool> GzipAccepts(byte[] archive)
    {
        var gzip = ExternalTool.Require("gzip", "gzip");
        var file = _bench.Scratch.Combine("tested.tar.gz");
        await File.WriteAllBytesAsync(file, archive, TestContext.Current.CancellationToken);
        return (await ExternalTool.RunAsync(gzip, ["-t", file])).ExitCode == 0;
    }

    private IReadOnlyList<string> Extract(byte[] archive) => _bench.Extract(archive, MaxBytes);

    private Task<bool> GnuTarExtracts(byte[] archive) => _bench.GnuTarExtracts(archive, "-xzf", "gzip", "gzip");
}

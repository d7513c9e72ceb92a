using System.Text;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// The tar layer on damaged input: a plain tar cut short where GNU tar and Python's tarfile still exit 0 (inside a
/// header, or at one, before the end-of-archive blocks), and headers with every byte changed, read through .NET's
/// tar reader and the agent's guard. Each must extract whole or be refused as an invalid archive: never a partial
/// update, never an internal error. The archives are made by the real GNU tar.
/// </summary>
public sealed class TarCutAndFuzzTests : IDisposable
{
    private const long MaxBytes = 1024 * 1024;
    private const int Block = 512;
    private static readonly string LongName = new('n', 150);
    private readonly TarWorkbench _bench = new();

    [Theory]
    [InlineData(16, false, "the tar archive ends inside an entry's header")]
    [InlineData(300, false, "the tar archive ends inside an entry's header")]
    [InlineData(0, false, "the tar archive ends without its end-of-archive block")]
    [InlineData(16, true, "the tar archive ends inside an entry's header")]
    [InlineData(0, true, "the tar archive ends without its end-of-archive block")]
    public async Task A_tar_cut_inside_or_at_its_second_header_is_refused_where_gnu_tar_extracts_the_first_file(int into, bool gzip, string reason)
    {
        // Before session 34 the agent installed the first file alone, as GNU tar (exit 0) and tarfile do.
        var tar = await TwoFiles();
        var cut = tar[..(2 * Block + into)];

        Assert.True(await _bench.GnuTarExtracts(cut, "-xf", "tar", "tar"), "GNU tar refused it");
        var archive = gzip ? RawTar.Gzip(stream => stream.Write(cut)) : cut;
        var error = Assert.Throws<CommandException>(() => _bench.Extract(archive, MaxBytes));
        Assert.Equal($"Invalid update archive: {reason}", error.Message);
    }

    [Fact]
    public async Task A_tar_ending_after_one_of_its_two_zero_blocks_is_extracted()
    {
        // GNU tar warns of "a lone zero block" and exits 0; the tar is whole.
        var tar = await TwoFiles();
        var end = tar.AsSpan().IndexOf("second"u8) + (2 * Block);

        Assert.Equal(["first", "second"], _bench.Extract(tar[..(end + Block)], MaxBytes).Order());
    }

    [Theory]
    [InlineData("gnu")]
    [InlineData("pax")]
    public async Task Every_header_byte_set_to_an_odd_value_is_extracted_or_refused_clearly(string format)
    {
        // A fuzz of the tar layer (session 34): each header byte, checksum made to match, set to values that break
        // numbers, types and names. Nothing may escape as another exception, the answer an internal error.
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), "\u007fELF agent"u8.ToArray());
        File.WriteAllBytes(_bench.Source.Combine(LongName), "long"u8.ToArray());
        var tar = await _bench.Tar($"--format={format}", "guest-agent", LongName);
        var headers = Enumerable.Range(0, tar.Length / Block).Select(block => block * Block).Where(at => tar[at + 257] == (byte)'u').ToList();
        Assert.True(headers.Count >= 3, "the long name has its own metadata entry");
        var outcomes = new HashSet<string>();
        foreach (var header in headers)
        {
            for (var offset = 0; offset < Block; offset++)
            {
                foreach (var value in new byte[] { 0x00, (byte)'8', 0x80, 0xFF })
                {
                    var damaged = (byte[])tar.Clone();
                    damaged[header + offset] = value;
                    if (offset is < 148 or >= 156)
                    {
                        SetChecksum(damaged.AsSpan(header, Block));
                    }

                    outcomes.Add(Outcome(damaged, $"{format} header at {header}, byte {offset} set to {value:x2}"));
                }
            }
        }

        Assert.Contains("extracted", outcomes);
        Assert.Contains("refused: a tar header's checksum field is not an octal number", outcomes);
    }

    public void Dispose() => _bench.Dispose();

    /// <summary>"extracted", or "refused: " and the reason; any other exception fails the test, naming <paramref name="what"/>.</summary>
    private string Outcome(byte[] archive, string what)
    {
        var destination = _bench.Destination.Combine(Guid.NewGuid().ToString("N"));
        try
        {
            Commands.Update.SafeTarExtractor.Extract(new MemoryStream(archive), destination, MaxBytes, CancellationToken.None);
            return "extracted";
        }
        catch (CommandException exception) when (exception.Message.StartsWith("Invalid update archive: ", StringComparison.Ordinal))
        {
            return "refused: " + exception.Message["Invalid update archive: ".Length..];
        }
        catch (Exception exception)
        {
            Assert.Fail($"{what}: {exception}");
            throw;
        }
        finally
        {
            if (Directory.Exists(destination))
            {
                Directory.Delete(destination, recursive: true);
            }
        }
    }

    /// <summary>A GNU tar of two small files, "first" then "second": each a header block and a data block.</summary>
    private async Task<byte[]> TwoFiles()
    {
        File.WriteAllBytes(_bench.Source.Combine("first"), "\u007fELF first"u8.ToArray());
        File.WriteAllBytes(_bench.Source.Combine("second"), "second"u8.ToArray());
        return await _bench.Tar("--format=gnu", "first", "second");
    }

    private static void SetChecksum(Span<byte> header)
    {
        "        "u8.CopyTo(header[148..]);
        var sum = 0;
        foreach (var value in header)
        {
            sum += value;
        }

        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header[148..]);
    }
}

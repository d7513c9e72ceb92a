using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// Directories written as something other than a type-5 entry, which GNU tar and bsdtar extract as directories
/// (Python's <c>tarfile</c> fails on both): judged against GNU tar's extraction of the same archive.
/// </summary>
public sealed class DirectoryEntryFormsTests : IDisposable
{
    private readonly TarWorkbench _bench = new();

    [Fact]
    public async Task A_gnu_tar_incremental_archive_whose_directories_are_dumpdir_entries_is_extracted_as_gnu_tar_extracts_it()
    {
        // tar -g (--listed-incremental) writes every directory as a type-D entry whose data lists its names; extracted
        // without -g, GNU tar (its extract_dir) and bsdtar make the directory and skip the list.
        Directory.CreateDirectory(_bench.Source.Combine("guest-agent-1.5"));
        File.WriteAllBytes(_bench.Source.Combine("guest-agent-1.5/guest-agent"), "\u007fELF agent"u8.ToArray());

        var archive = await _bench.Tar("--gzip", "--listed-incremental", _bench.Scratch.Combine("snapshot"), "guest-agent-1.5");

        Assert.Contains((byte)'D', await Types(archive));
        Assert.Equal(["guest-agent-1.5/guest-agent"], await _bench.AssertExtractedAsGnuTarExtractsIt(archive));
    }

    [Theory]
    [InlineData("REGTYPE")]
    [InlineData("CONTTYPE")]
    public async Task A_file_entry_whose_name_ends_in_a_slash_is_a_directory_as_gnu_tar_extracts_it(string type)
    {
        // GNU tar's prepare_to_extract: "BSD tar uses the convention that a slash suffix means a directory", for
        // types 0, 7 and NUL alike; bsdtar too. Before session 70 only NUL (V7) was read so, and d/f then refused.
        var python = ExternalTool.Require("python3", "python3");
        var file = _bench.Scratch.Combine("slash.tar");
        const string Script = """
            import io, sys, tarfile
            with tarfile.open(sys.argv[1], 'w', format=tarfile.GNU_FORMAT) as t:
                for name, kind, data in (('d/', getattr(tarfile, sys.argv[2]), b''), ('d/guest-agent', tarfile.REGTYPE, b'\x7fELF agent')):
                    info = tarfile.TarInfo(name); info.type = kind; info.size = len(data); info.mode = 0o755
                    t.addfile(info, io.BytesIO(data))
            """;
        var made = await ExternalTool.RunAsync(python, ["-c", Script, file, type]);
        Assert.True(made.ExitCode == 0, made.ToString());

        Assert.Equal(["d/guest-agent"], await _bench.AssertExtractedAsGnuTarExtractsIt(File.ReadAllBytes(file)));
    }

    public void Dispose() => _bench.Dispose();

    /// <summary>The type bytes of the archive's headers, as <c>tar -tv</c>'s first column shows them (a <c>d</c> for both 5 and D).</summary>
    private async Task<HashSet<byte>> Types(byte[] archive)
    {
        // Decompressed with the real gzip, then walked header by header.
        var gzip = ExternalTool.Require("gzip", "gzip");
        var file = _bench.Scratch.Combine("types.tar.gz");
        await File.WriteAllBytesAsync(file, archive, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await ExternalTool.RunAsync(gzip, ["-d", file])).ExitCode);
        var tar = File.ReadAllBytes(_bench.Scratch.Combine("types.tar"));
        var types = new HashSet<byte>();
        for (var offset = 0; offset + 512 <= tar.Length && tar[offset] != 0;)
        {
            types.Add(tar[offset + 156]);
            var size = Convert.ToInt64(System.Text.Encoding.ASCII.GetString(tar, offset + 124, 12).Trim('\0', ' '), 8);
            offset += 512 + (int)((size + 511) / 512 * 512);
        }

        return types;
    }
}

using System.Formats.Tar;
using System.IO.Compression;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// Update archives as real tools write them, each extracted by the agent: the end-of-archive rule (session 34: a tar must
/// end with at least one zero block) must refuse none of them. GNU tar in each format, blocking factor and compression
/// (records padded with zero blocks), bsdtar, busybox tar, Python's tarfile, .NET's TarWriter and git archive.
/// </summary>
public sealed class TarProducersTests : IDisposable
{
    private const long MaxBytes = 1024 * 1024;
    private const string Busybox = "/opt/guest-agent-tests/busybox-static/bin/busybox";
    private static readonly string LongName = new('n', 120);
    private readonly TarWorkbench _bench = new();
    private readonly byte[] _data = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();

    [Theory]
    [InlineData("gnu")]
    [InlineData("oldgnu")]
    [InlineData("posix")]
    [InlineData("ustar")]
    [InlineData("v7")]
    public async Task Gnu_tar_archives_of_every_blocking_factor_and_compression_are_extracted(string format)
    {
        var names = WriteFiles(longName: format is "gnu" or "oldgnu" or "posix");
        foreach (var blocking in new[] { "1", "2", "3", "20", "64" })
        {
            foreach (var compression in new[] { "", "z", "j", "J" })
            {
                var archive = await _bench.Tar([$"--format={format}", $"-{compression}b", blocking, .. names]);
                AssertExtracted(archive, names, $"GNU tar --format={format} -{compression}b {blocking}");
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("ustar")]
    [InlineData("pax")]
    [InlineData("gnutar")]
    [InlineData("v7")]
    public async Task Bsdtar_archives_are_extracted(string format)
    {
        var bsdtar = ExternalTool.Require("bsdtar", "libarchive-tools");
        var names = WriteFiles(longName: format is "" or "pax" or "gnutar");
        foreach (var options in new[] { "-cf", "-czf", "-cjf", "-cJf", "-b1 -cf", "-b64 -cf", "-b3 -czf" })
        {
            var archive = _bench.Scratch.Combine("bsd-" + Guid.NewGuid().ToString("N"));
            string[] formatOption = format == "" ? [] : [$"--format={format}"];
            var made = await ExternalTool.RunAsync(bsdtar, [.. formatOption, .. options.Split(' '), archive, .. names], workingDirectory: _bench.Source.Path);
            Assert.True(made.ExitCode == 0, made.ToString());
            AssertExtracted(File.ReadAllBytes(archive), names, $"bsdtar --format={format} {options}");
        }
    }

    [Fact]
    public async Task Busybox_tar_archives_are_extracted()
    {
        var busybox = ExternalTool.Require(Busybox, "busybox-static (unpacked by .ci/run)");
        var names = WriteFiles(longName: true);
        foreach (var option in new[] { "-cf", "-czf" })
        {
            var archive = _bench.Scratch.Combine("busybox-" + Guid.NewGuid().ToString("N"));
            var made = await ExternalTool.RunAsync(busybox, ["tar", option, archive, .. names], workingDirectory: _bench.Source.Path);
            Assert.True(made.ExitCode == 0, made.ToString());
            AssertExtracted(File.ReadAllBytes(archive), names, $"busybox tar {option}");
        }
    }

    [Fact]
    public async Task Python_tarfile_archives_are_extracted()
    {
        var python = ExternalTool.Require("python3", "python3");
        var names = WriteFiles(longName: true);
        const string Script = "import sys, tarfile\nwith tarfile.open(sys.argv[1], sys.argv[2], format=getattr(tarfile, sys.argv[3])) as t:\n    [t.add(n) for n in sys.argv[4:]]";
        foreach (var format in new[] { "USTAR_FORMAT", "GNU_FORMAT", "PAX_FORMAT" })
        {
            foreach (var mode in new[] { "w", "w:gz", "w:bz2", "w:xz" })
            {
                var archive = _bench.Scratch.Combine("py-" + Guid.NewGuid().ToString("N"));
                var entries = format == "USTAR_FORMAT" ? names.Take(2).ToList() : names;
                var made = await ExternalTool.RunAsync(python, ["-c", Script, archive, mode, format, .. entries], workingDirectory: _bench.Source.Path);
                Assert.True(made.ExitCode == 0, made.ToString());
                AssertExtracted(File.ReadAllBytes(archive), entries, $"tarfile {format} {mode}");
            }
        }
    }

    [Theory]
    [InlineData(TarEntryFormat.V7)]
    [InlineData(TarEntryFormat.Ustar)]
    [InlineData(TarEntryFormat.Pax)]
    [InlineData(TarEntryFormat.Gnu)]
    public void Dotnet_tar_writer_archives_are_extracted(TarEntryFormat format)
    {
        var names = WriteFiles(longName: format is TarEntryFormat.Pax or TarEntryFormat.Gnu);
        foreach (var gzip in new[] { false, true })
        {
            using var archive = new MemoryStream();
            using (var target = gzip ? new GZipStream(archive, CompressionLevel.Fastest, leaveOpen: true) : null)
            using (var writer = new TarWriter(target ?? (Stream)archive, format, leaveOpen: true))
            {
                foreach (var name in names)
                {
                    writer.WriteEntry(_bench.Source.Combine(name), name);
                }
            }

            AssertExtracted(archive.ToArray(), names, $"TarWriter {format} gzip={gzip}");
        }
    }

    [Fact]
    public async Task A_bsdtar_v7_directory_written_as_a_file_with_a_trailing_slash_is_a_directory()
    {
        // V7 has no directory type: bsdtar writes "guest-agent-1.5/" as a regular-file header ('\0'),
        // which GNU tar and tarfile (its AREGTYPE rule) take as a directory.
        var bsdtar = ExternalTool.Require("bsdtar", "libarchive-tools");
        Directory.CreateDirectory(_bench.Source.Combine("guest-agent-1.5"));
        File.WriteAllBytes(_bench.Source.Combine("guest-agent-1.5/guest-agent"), "\u007fELF agent"u8.ToArray());
        File.WriteAllBytes(_bench.Source.Combine("guest-agent-1.5/data"), _data);
        var archive = _bench.Scratch.Combine("bsdtar-v7.tar.gz");
        var made = await ExternalTool.RunAsync(bsdtar, ["--format=v7", "-czf", archive, "guest-agent-1.5"], workingDirectory: _bench.Source.Path);
        Assert.True(made.ExitCode == 0, made.ToString());
        var bytes = File.ReadAllBytes(archive);
        Assert.True(await _bench.GnuTarExtracts(bytes, "-xzf", "gzip", "gzip"));
        Assert.True(await _bench.PythonTarfileExtracts(bytes));

        var destination = _bench.Destination.Combine("v7");
        var files = Commands.Update.SafeTarExtractor.Extract(new MemoryStream(bytes), destination, MaxBytes, CancellationToken.None);

        Assert.Equal(["guest-agent-1.5/data", "guest-agent-1.5/guest-agent"], files.Order());
        Assert.True(_data.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(destination, "guest-agent-1.5/data"))));
    }

    [Fact]
    public async Task Git_archive_tars_are_extracted()
    {
        var git = ExternalTool.Require("git", "git");
        var names = WriteFiles(longName: true);
        var environment = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = "t", ["GIT_AUTHOR_EMAIL"] = "t@t", ["GIT_COMMITTER_NAME"] = "t", ["GIT_COMMITTER_EMAIL"] = "t@t",
            ["GIT_CONFIG_NOSYSTEM"] = "1", ["HOME"] = _bench.Scratch.Path,
        };
        foreach (var command in new[] { new[] { "init", "-q" }, ["add", "."], ["commit", "-qm", "update"] })
        {
            Assert.Equal(0, (await ExternalTool.RunAsync(git, command, environment: environment, workingDirectory: _bench.Source.Path)).ExitCode);
        }

        foreach (var format in new[] { "tar", "tar.gz" })
        {
            var archive = _bench.Scratch.Combine("git-" + Guid.NewGuid().ToString("N"));
            var made = await ExternalTool.RunAsync(git, ["archive", $"--format={format}", "-o", archive, "HEAD"], environment: environment, workingDirectory: _bench.Source.Path);
            Assert.True(made.ExitCode == 0, made.ToString());
            AssertExtracted(File.ReadAllBytes(archive), names, $"git archive --format={format}");
        }
    }

    public void Dispose() => _bench.Dispose();

    /// <summary>The agent, a small file and a 3,000-byte one, and (where the format holds one) a file of a 120-character name.</summary>
    private List<string> WriteFiles(bool longName)
    {
        File.WriteAllBytes(_bench.Source.Combine("guest-agent"), "\u007fELF agent"u8.ToArray());
        File.WriteAllBytes(_bench.Source.Combine("data"), _data);
        if (!longName)
        {
            return ["guest-agent", "data"];
        }

        File.WriteAllBytes(_bench.Source.Combine(LongName), "long"u8.ToArray());
        return ["guest-agent", "data", LongName];
    }

    private void AssertExtracted(byte[] archive, IReadOnlyList<string> names, string producer)
    {
        var destination = _bench.Destination.Combine(Guid.NewGuid().ToString("N"));
        IReadOnlyList<string> files;
        try
        {
            files = Commands.Update.SafeTarExtractor.Extract(new MemoryStream(archive), destination, MaxBytes, CancellationToken.None);
        }
        catch (CommandException exception)
        {
            Assert.Fail($"{producer}: {exception.Message}");
            throw;
        }

        Assert.True(names.Order().SequenceEqual(files.Order()), $"{producer}: extracted {string.Join(", ", files)}");
        Assert.True(_data.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(destination, "data"))), producer);
    }
}

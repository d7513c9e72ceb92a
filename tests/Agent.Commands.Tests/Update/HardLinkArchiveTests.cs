using System.Formats.Tar;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// Hard links between two files of an update: a release whose binary is also under its versioned name, or a
/// bundled runtime whose <c>bin/python3</c> and <c>bin/python3.11</c> are one inode. GNU tar, bsdtar and Python's
/// <c>tarfile</c> archive the second name as a hard-link entry (type <c>1</c>) naming the first, and GNU tar
/// extracts it as a second name of that file; until session 70 the agent refused the whole archive. What the
/// agent extracts is judged against GNU tar's own extraction of the same archive, name by name: kind, bytes,
/// a symbolic link's target.
/// </summary>
public sealed class HardLinkArchiveTests : IDisposable
{
    private const long MaxBytes = 16 * 1024 * 1024;
    private readonly TarWorkbench _bench = new();
    private readonly byte[] _agent = Contents(30_000, seed: 3, "\u007fELF");
    private readonly byte[] _python = Contents(20_000, seed: 4, "\u007fELF");

    [Theory]
    [InlineData("gnu")]
    [InlineData("oldgnu")]
    [InlineData("posix")]
    [InlineData("ustar")]
    [InlineData("v7")]
    public async Task A_gnu_tar_release_with_hard_linked_files_is_extracted_as_gnu_tar_extracts_it(string format)
    {
        await WriteRelease();

        var archive = await _bench.Tar("--gzip", $"--format={format}", "guest-agent-1.5");

        await AssertHasHardLinkEntries(archive);
        await _bench.AssertExtractedAsGnuTarExtractsIt(archive);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ustar")]
    [InlineData("pax")]
    [InlineData("gnutar")]
    [InlineData("v7")]
    public async Task A_bsdtar_release_with_hard_linked_files_is_extracted_as_gnu_tar_extracts_it(string format)
    {
        var bsdtar = ExternalTool.Require("bsdtar", "libarchive-tools");
        await WriteRelease();
        var file = _bench.Scratch.Combine("bsd-" + Guid.NewGuid().ToString("N"));
        string[] formatOption = format == "" ? [] : [$"--format={format}"];

        var made = await ExternalTool.RunAsync(bsdtar, [.. formatOption, "-czf", file, "guest-agent-1.5"], workingDirectory: _bench.Source.Path);

        Assert.True(made.ExitCode == 0, made.ToString());
        var archive = File.ReadAllBytes(file);
        await AssertHasHardLinkEntries(archive);
        await _bench.AssertExtractedAsGnuTarExtractsIt(archive);
    }

    [Theory]
    [InlineData("GNU_FORMAT")]
    [InlineData("PAX_FORMAT")]
    [InlineData("USTAR_FORMAT")]
    public async Task A_python_tarfile_release_with_hard_linked_files_is_extracted_as_gnu_tar_extracts_it(string format)
    {
        var python = ExternalTool.Require("python3", "python3");
        await WriteRelease();
        var file = _bench.Scratch.Combine("py-" + Guid.NewGuid().ToString("N"));
        const string Script = "import sys, tarfile\nwith tarfile.open(sys.argv[1], 'w:gz', format=getattr(tarfile, sys.argv[2])) as t: t.add('guest-agent-1.5')";

        var made = await ExternalTool.RunAsync(python, ["-c", Script, file, format], workingDirectory: _bench.Source.Path);

        Assert.True(made.ExitCode == 0, made.ToString());
        var archive = File.ReadAllBytes(file);
        await AssertHasHardLinkEntries(archive);
        await _bench.AssertExtractedAsGnuTarExtractsIt(archive);
    }

    [Fact]
    public async Task The_binary_given_as_a_hard_link_to_its_versioned_name_is_extracted_and_listed()
    {
        await WriteRelease();

        // Named in this order, the versioned name is the file and guest-agent the link to it.
        var archive = await _bench.Tar("guest-agent-1.5/guest-agent-1.5.0", "guest-agent-1.5/guest-agent");

        var files = await _bench.AssertExtractedAsGnuTarExtractsIt(archive);

        Assert.Equal(["guest-agent-1.5/guest-agent-1.5.0", "guest-agent-1.5/guest-agent"], files);
        Assert.Equal(_agent, File.ReadAllBytes(_bench.Destination.Combine("guest-agent-1.5/guest-agent")));
    }

    [Theory]
    // A link to a link: GNU tar links the name the first link made, the same file.
    [InlineData("a link to a hard link")]
    // One inode that is a symbolic link: GNU tar and bsdtar both make the second name a symbolic link with the same target.
    [InlineData("a link to a symbolic link")]
    // ./ aside, on both sides, names are the archive's: GNU tar links d/f.
    [InlineData("names with ./")]
    public async Task Other_links_gnu_tar_extracts_are_extracted_as_it_extracts_them(string kind)
    {
        var archive = kind switch
        {
            "a link to a hard link" => new UpdateArchive().File("f", _agent).Link("h", "f", TarEntryType.HardLink).Link("h2", "h", TarEntryType.HardLink),
            "a link to a symbolic link" => new UpdateArchive().File("f", _agent).Link("s", "f").Link("d/h", "s", TarEntryType.HardLink).File("d/f", _python),
            _ => new UpdateArchive().File("./d/f", _agent).Link("./h", "./d/./f", TarEntryType.HardLink),
        };

        await _bench.AssertExtractedAsGnuTarExtractsIt(archive.ToBytes());
    }

    [Theory]
    // GNU tar and bsdtar: "Cannot hard link to 'f': No such file or directory" (exit 2 and 1).
    [InlineData("a link to a later file", "hard link 'h' does not name a file earlier in the archive")]
    [InlineData("a link to a missing file", "hard link 'h' does not name a file earlier in the archive")]
    // Both tools: the target's name is the archive's, not one beside the link (d/f is not found as "f").
    [InlineData("a link named from its own directory", "hard link 'd/h' does not name a file earlier in the archive")]
    // Both: "Operation not permitted" (no hard link to a directory).
    [InlineData("a link to a directory", "hard link 'h' does not name a file earlier in the archive")]
    // GNU tar follows s (links d/f); bsdtar refuses ("Cannot extract through symlink"): never through a link.
    [InlineData("a link through a symbolic link", "hard link 'h' does not name a file earlier in the archive")]
    // GNU tar strips the leading ../ (bsdtar refuses, "Path contains '..'"); as an entry's name, refused.
    [InlineData("a link with ..", "hard link 'h' points outside the archive")]
    // Both strip the leading / and then find no etc/hostname; as an entry's name, refused.
    [InlineData("an absolute link", "hard link 'h' points outside the archive")]
    // GNU tar replaces g with a second name of f; one path with two meanings, refused as any name given twice.
    [InlineData("a link over an earlier file", "entry 'g' appears more than once")]
    // GNU tar replaces f and h keeps the first bytes; refused as any name given twice.
    [InlineData("a linked file given again", "entry 'f' appears more than once")]
    public void Links_to_what_is_not_an_earlier_file_of_the_archive_are_refused(string kind, string reason)
    {
        var archive = kind switch
        {
            "a link to a later file" => new UpdateArchive().Link("h", "f", TarEntryType.HardLink).File("f", _agent),
            "a link to a missing file" => new UpdateArchive().File("f", _agent).Link("h", "nothere", TarEntryType.HardLink),
            "a link named from its own directory" => new UpdateArchive().File("d/f", _agent).Link("d/h", "f", TarEntryType.HardLink),
            "a link to a directory" => new UpdateArchive().Directory("d").File("f", _agent).Link("h", "d", TarEntryType.HardLink),
            "a link through a symbolic link" => new UpdateArchive().File("d/f", _agent).Link("s", "d").Link("h", "s/f", TarEntryType.HardLink),
            "a link with .." => new UpdateArchive().File("f", _agent).Link("h", "../f", TarEntryType.HardLink),
            "an absolute link" => new UpdateArchive().File("f", _agent).Link("h", "/etc/hostname", TarEntryType.HardLink),
            "a link over an earlier file" => new UpdateArchive().File("f", _agent).File("g", _python).Link("g", "f", TarEntryType.HardLink),
            _ => new UpdateArchive().File("f", _agent).Link("h", "f", TarEntryType.HardLink).File("f", _python),
        };

        var error = Assert.Throws<CommandException>(() => _bench.Extract(archive.ToBytes(), MaxBytes));

        Assert.Equal($"Invalid update archive: {reason}", error.Message);
    }

    [Fact]
    public void A_link_to_a_symbolic_link_is_checked_from_its_own_directory()
    {
        // a/s -> .. is the archive's root; its second name h, one directory up, would point outside it, as GNU tar
        // would leave it (a hard link to a symbolic link is the same target text, read from the new name's directory).
        var archive = new UpdateArchive().File("guest-agent", _agent).Link("a/s", "..").Link("h", "a/s", TarEntryType.HardLink).ToBytes();

        var error = Assert.Throws<CommandException>(() => _bench.Extract(archive, MaxBytes));

        Assert.Equal("Invalid update archive: link 'h' points outside the archive", error.Message);
    }

    [Fact]
    public void A_link_to_a_setuid_file_is_no_more_setuid_than_the_file()
    {
        var archive = new UpdateArchive().File("f", _agent, octalMode: "6755").Link("h", "f", TarEntryType.HardLink).ToBytes();

        _bench.Extract(archive, MaxBytes);

        var mode = File.GetUnixFileMode(_bench.Destination.Combine("h"));
        Assert.Equal(File.GetUnixFileMode(_bench.Destination.Combine("f")), mode);
        Assert.Equal((UnixFileMode)0, mode & (UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
    }

    [Fact]
    public void A_links_bytes_count_towards_the_extraction_limit()
    {
        // Each link is a copy on disk (see TarEntryWriter): 10,000 links to one large file must not write 10,000 times its size.
        var archive = new UpdateArchive().File("f", _agent).Link("h1", "f", TarEntryType.HardLink).Link("h2", "f", TarEntryType.HardLink).ToBytes();

        var error = Assert.Throws<CommandException>(() => _bench.Extract(archive, (3 * _agent.Length) - 1));

        Assert.Equal($"Invalid update archive: it extracts to more than {(3 * _agent.Length) - 1} bytes", error.Message);
    }

    public void Dispose() => _bench.Dispose();

    /// <summary>
    /// The release: guest-agent-1.5/guest-agent-1.5.0 and guest-agent the same file, a bundled runtime whose
    /// bin/python3.11 and bin/python3 are the same file, and a plain file beside them.
    /// </summary>
    private async Task WriteRelease()
    {
        var ln = ExternalTool.Require("ln", "coreutils");
        Directory.CreateDirectory(_bench.Source.Combine("guest-agent-1.5/runtime/bin"));
        Directory.CreateDirectory(_bench.Source.Combine("guest-agent-1.5/runtime/lib"));
        File.WriteAllBytes(_bench.Source.Combine("guest-agent-1.5/guest-agent-1.5.0"), _agent);
        File.WriteAllBytes(_bench.Source.Combine("guest-agent-1.5/runtime/bin/python3.11"), _python);
        File.WriteAllText(_bench.Source.Combine("guest-agent-1.5/runtime/lib/site.py"), "import sys\n");
        foreach (var (existing, created) in new[] { ("guest-agent-1.5.0", "guest-agent"), ("runtime/bin/python3.11", "runtime/bin/python3") })
        {
            var made = await ExternalTool.RunAsync(ln, [existing, created], workingDirectory: _bench.Source.Combine("guest-agent-1.5"));
            Assert.True(made.ExitCode == 0, made.ToString());
        }
    }

    /// <summary>The archive holds hard-link entries: GNU tar lists each as "… link to …".</summary>
    private async Task AssertHasHardLinkEntries(byte[] archive)
    {
        var tar = ExternalTool.Require("tar", "tar");
        var file = _bench.Scratch.Combine("list-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(file, archive, TestContext.Current.CancellationToken);
        var listed = await ExternalTool.RunAsync(tar, ["-tvf", file]);
        Assert.Equal(0, listed.ExitCode);
        Assert.Equal(2, listed.StandardOutput.Split('\n').Count(line => line.Contains(" link to ", StringComparison.Ordinal)));
    }

    private static byte[] Contents(int length, int seed, string start)
    {
        var contents = new byte[length];
        new Random(seed).NextBytes(contents);
        System.Text.Encoding.ASCII.GetBytes(start).CopyTo(contents, 0);
        return contents;
    }
}

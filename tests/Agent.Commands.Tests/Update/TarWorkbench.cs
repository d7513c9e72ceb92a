using System.Security.Cryptography;
using GuestAgent.Commands.Update;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// What the archive tests share: files to archive, GNU tar to archive them and to extract an archive
/// as the original agent's tools would, and the agent's extractor, each in a temporary directory of its own.
/// </summary>
internal sealed class TarWorkbench : IDisposable
{
    /// <summary>Where the files to archive are written; GNU tar archives from here.</summary>
    public TemporaryDirectory Source { get; } = new("gasrc-");

    /// <summary>Where the agent's extractor unpacks.</summary>
    public TemporaryDirectory Destination { get; } = new("gatar-");

    /// <summary>Where GNU tar unpacks, and archives are written for the real tools to read.</summary>
    public TemporaryDirectory Scratch { get; } = new("gagnu-");

    /// <summary>An archive made by GNU tar from <see cref="Source"/> (<c>tar -C source -cf … arguments</c>).</summary>
    public async Task<byte[]> Tar(params string[] arguments)
    {
        var tar = ExternalTool.Require("tar", "tar");
        var archive = Source.Combine("update.tar");
        // A safety net, not a measure: xz with a 1536 MiB dictionary sets up about 16 GiB of match finder,
        // which on a loaded 2-core machine took longer than the default minute (session 69's mid-session CI).
        var made = await ExternalTool.RunAsync(tar, ["-C", Source.Path, "-cf", archive, .. arguments], timeout: TimeSpan.FromMinutes(5));
        Assert.Equal(0, made.ExitCode);
        return File.ReadAllBytes(archive);
    }

    /// <summary>The agent's extraction of <paramref name="archive"/> into <see cref="Destination"/>.</summary>
    public IReadOnlyList<string> Extract(byte[] archive, long maxBytes) =>
        SafeTarExtractor.Extract(new MemoryStream(archive), Destination.Path, maxBytes, CancellationToken.None);

    /// <summary>
    /// Asserts that the agent extracts <paramref name="archive"/> to the one file <paramref name="name"/>
    /// holding <paramref name="contents"/> when <paramref name="refusal"/> is null, and otherwise refuses it
    /// with that reason.
    /// </summary>
    public void AssertExtractsOrRefuses(byte[] archive, long maxBytes, string name, byte[] contents, string? refusal)
    {
        if (refusal is null)
        {
            Assert.Equal([name], Extract(archive, maxBytes));
            Assert.Equal(contents, File.ReadAllBytes(Destination.Combine(name)));
        }
        else
        {
            var error = Assert.Throws<CommandException>(() => Extract(archive, maxBytes));
            Assert.Equal($"Invalid update archive: {refusal}", error.Message);
        }
    }

    /// <summary>Whether GNU tar extracts <paramref name="archive"/> (exit 0), decompressed by the real <paramref name="compressor"/>.</summary>
    /// <param name="archive">The archive's bytes.</param>
    /// <param name="option"><c>-xzf</c> or <c>-xJf</c>.</param>
    /// <param name="compressor">The tool tar runs, which must be installed: <c>gzip</c>, <c>xz</c>.</param>
    /// <param name="package">The Debian package holding it.</param>
    public async Task<bool> GnuTarExtracts(byte[] archive, string option, string compressor, string package)
    {
        var tar = ExternalTool.Require("tar", "tar");
        ExternalTool.Require(compressor, package);
        var file = Scratch.Combine("update-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(file, archive, TestContext.Current.CancellationToken);
        var output = Directory.CreateDirectory(Scratch.Combine("out-" + Guid.NewGuid().ToString("N"))).FullName;
        return (await ExternalTool.RunAsync(tar, [option, file, "-C", output])).ExitCode == 0;
    }

    /// <summary>
    /// GNU tar's extraction of <paramref name="archive"/> (<c>tar -xf</c>, its compression told by tar itself)
    /// into a fresh directory of <see cref="Scratch"/>: its exit code and the directory, which holds what it extracted.
    /// </summary>
    public async Task<(int ExitCode, string Directory)> GnuTarExtract(byte[] archive)
    {
        var tar = ExternalTool.Require("tar", "tar");
        var file = Scratch.Combine("update-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(file, archive, TestContext.Current.CancellationToken);
        var output = Directory.CreateDirectory(Scratch.Combine("out-" + Guid.NewGuid().ToString("N"))).FullName;
        return ((await ExternalTool.RunAsync(tar, ["-xf", file, "-C", output])).ExitCode, output);
    }

    /// <summary>
    /// GNU tar extracts the archive, and the agent extracts the same names with the same kinds, bytes and link
    /// targets, listing every regular file GNU tar made for the update to find its binary in; returns that list.
    /// </summary>
    public async Task<IReadOnlyList<string>> AssertExtractedAsGnuTarExtractsIt(byte[] archive)
    {
        var (exitCode, reference) = await GnuTarExtract(archive);
        Assert.Equal(0, exitCode);

        var files = Extract(archive, 16 * 1024 * 1024);

        var expected = Snapshot(reference);
        Assert.Equal(expected, Snapshot(Destination.Path));
        Assert.Equal(expected.Where(entry => entry.Value.StartsWith("file ", StringComparison.Ordinal)).Select(entry => entry.Key).Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
        return files;
    }

    /// <summary>Every name under <paramref name="directory"/>: a directory, a symbolic link and its target, or a file's SHA-256 and whether its owner may run it.</summary>
    private static SortedDictionary<string, string> Snapshot(string directory)
    {
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var name = Path.GetRelativePath(directory, entry.FullName);
            snapshot[name] = entry switch
            {
                { LinkTarget: { } target } => "link " + target,
                DirectoryInfo => "directory",
                _ => $"file {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(entry.FullName)))} {((entry.UnixFileMode & UnixFileMode.UserExecute) != 0 ? "x" : "-")}",
            };
        }

        return snapshot;
    }

    /// <summary>The exit code of the real <c>xz -t</c> on <paramref name="archive"/>: 0 where xz finds it whole.</summary>
    public async Task<int> XzTest(byte[] archive)
    {
        var xz = ExternalTool.Require("xz", "xz-utils");
        var file = Scratch.Combine("test-" + Guid.NewGuid().ToString("N") + ".xz");
        await File.WriteAllBytesAsync(file, archive, TestContext.Current.CancellationToken);
        return (await ExternalTool.RunAsync(xz, ["-t", file])).ExitCode;
    }

    /// <summary>
    /// <paramref name="data"/> as one stream made by the real <paramref name="compressor"/> (<c>-z</c>), which
    /// writes the file with <paramref name="extension"/> added: <c>xz</c> and <c>.xz</c>, <c>bzip2</c> and <c>.bz2</c>.
    /// </summary>
    public async Task<byte[]> Compress(byte[] data, string compressor, string package, string extension)
    {
        var tool = ExternalTool.Require(compressor, package);
        var file = Source.Combine("part-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(file, data, TestContext.Current.CancellationToken);
        var made = await ExternalTool.RunAsync(tool, ["-z", file]);
        Assert.Equal(0, made.ExitCode);
        return File.ReadAllBytes(file + extension);
    }

    /// <summary>
    /// Whether Python's <c>tarfile</c> (<c>tarfile.open(path, 'r:*')</c> and <c>extractall</c>, as the original
    /// agent read an update) extracts <paramref name="archive"/>. It stops at the tar's end, so it never
    /// reads a compressed stream's last check or what follows it: a verdict on framing only.
    /// </summary>
    public async Task<bool> PythonTarfileExtracts(byte[] archive)
    {
        var python = ExternalTool.Require("python3", "python3");
        var file = Scratch.Combine("update-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(file, archive, TestContext.Current.CancellationToken);
        var output = Directory.CreateDirectory(Scratch.Combine("py-" + Guid.NewGuid().ToString("N"))).FullName;
        const string Script = "import sys, tarfile\nwith tarfile.open(sys.argv[1], 'r:*') as archive: archive.extractall(sys.argv[2])";
        return (await ExternalTool.RunAsync(python, ["-c", Script, file, output])).ExitCode == 0;
    }

    public void Dispose()
    {
        Source.Dispose();
        Destination.Dispose();
        Scratch.Dispose();
    }
}

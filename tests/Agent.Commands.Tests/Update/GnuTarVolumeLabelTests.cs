using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// GNU tar's volume label (<c>tar -cf … --label=NAME</c>, <c>-V NAME</c>): a header of type <c>V</c> at the
/// archive's start that names the archive, not a file (<c>--format=posix</c> writes it as a global PAX
/// record instead). GNU tar extracts such an archive and skips the label; the original agent's <c>tarfile</c>
/// extracts it too (it writes the label as an empty file). The agent extracts the files and skips the
/// label, as GNU tar does. (busybox tar 1.35 refuses it: GNU tar writes the label's header without the
/// <c>ustar</c> magic.)
/// </summary>
public sealed class GnuTarVolumeLabelTests : IDisposable
{
    private const long MaxBytes = 16 * 1024 * 1024;
    private readonly TarWorkbench _bench = new();

    [Theory]
    [InlineData("--format=gnu")]
    [InlineData("--format=oldgnu")]
    [InlineData("--format=posix")]
    public async Task A_labelled_archive_is_extracted_without_its_label(string format)
    {
        var contents = new byte[100_000];
        new Random(3).NextBytes(contents);
        "\u007fELF"u8.CopyTo(contents);
        Directory.CreateDirectory(_bench.Source.Combine("guest-agent-1.5"));
        File.WriteAllBytes(_bench.Source.Combine("guest-agent-1.5/guest-agent"), contents);
        var archive = await _bench.Tar("--gzip", format, "--label=guest-agent 1.5", "guest-agent-1.5");
        // The real tools agree that this is an archive to extract.
        Assert.True(await _bench.GnuTarExtracts(archive, "-xzf", "gzip", "gzip"));
        Assert.True(await _bench.PythonTarfileExtracts(archive));

        var files = _bench.Extract(archive, MaxBytes);

        Assert.Equal(["guest-agent-1.5/guest-agent"], files);
        Assert.Equal(contents, File.ReadAllBytes(_bench.Destination.Combine("guest-agent-1.5/guest-agent")));
        Assert.Equal(["guest-agent-1.5"], Directory.EnumerateFileSystemEntries(_bench.Destination.Path).Select(Path.GetFileName));
    }

    public void Dispose() => _bench.Dispose();
}

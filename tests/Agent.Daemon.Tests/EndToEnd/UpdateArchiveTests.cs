using System.Text;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Tests.Update;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// <c>agentupdate</c>'s archive readers in the published daemon, with the runtime configuration it
/// ships (no <c>System.IO.Compression.UseStrictValidation</c>, under which .NET's GZipStream ends a
/// stream cut in its trailer quietly) and the NativeAOT build of SharpCompress's bzip2 and xz decoders:
/// a request written to XenStore, as Nova writes it, over plain http (allowed by the configuration).
/// </summary>
public sealed class UpdateArchiveTests : IAsyncDisposable
{
    private const string InstallPath = "/usr/sbin/guest-agent";
    private const string Config = """{"agentUpdate":{"allowHttp":true}}""";
    private const string Installed = """{"returncode":"0","message":""}""";
    private static readonly byte[] OldAgent = Encoding.ASCII.GetBytes("#!/bin/sh\necho OLD-AGENT-1.0\n");
    private static readonly byte[] NewAgent = Encoding.ASCII.GetBytes("#!/bin/sh\necho NEW-AGENT-2.0\n");

    private readonly TemporaryDirectory _directory = new("guest-agent-archive-");
    private AgentUnderTest? _agent;

    [Fact]
    public async Task A_tar_gz_of_two_members_followed_by_garbage_is_installed()
    {
        // `cat a.gz b.gz`, then bytes that begin no member: each member checked, the garbage ignored, as tarfile ignores it.
        var gzip = ExternalTool.Require("gzip", "gzip");
        var tar = Tar();
        byte[] archive = [.. await CompressAsync(gzip, "gz", tar[..1000]), .. await CompressAsync(gzip, "gz", tar[1000..]), .. "garbage\n"u8];

        Assert.Equal(Installed, await UpdateAsync(archive, "/guest-agent-2.0.tar.gz"));
        Assert.Equal(NewAgent, await ReadGuestFileAsync(InstallPath));
        Assert.Equal(OldAgent, await ReadGuestFileAsync(InstallPath + ".bak"));
    }

    [Theory]
    [InlineData(4)] // ISIZE
    [InlineData(8)] // CRC32 and ISIZE
    public async Task A_tar_gz_cut_in_its_trailer_is_refused_and_nothing_is_installed(int cut)
    {
        // Every byte of the tar decodes; only the trailer, which GZipStream without the strict switch never asks for, is missing.
        var whole = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();

        var answer = await UpdateAsync(whole[..^cut], "/guest-agent-2.0.tar.gz");

        Assert.Equal("""{"returncode":"500","message":"Invalid update archive: the gzip stream is corrupt or cut short"}""", answer);
        Assert.Equal(OldAgent, await ReadGuestFileAsync(InstallPath));
        Assert.False(File.Exists(_agent!.GuestFile(InstallPath + ".bak")));
    }

    [Theory]
    [InlineData("bzip2", "bzip2", "bz2")]
    [InlineData("xz", "xz-utils", "xz")]
    public async Task A_tar_split_across_two_streams_of_bzip2_or_xz_then_zeros_is_installed(string compressor, string package, string suffix)
    {
        // pbzip2's or `cat a.xz b.xz`: both streams decoded, and the zeros after them taken (bzip2 ignores them, xz takes them as padding).
        var tool = ExternalTool.Require(compressor, package);
        var tar = Tar();
        byte[] archive = [.. await CompressAsync(tool, suffix, tar[..1000]), .. await CompressAsync(tool, suffix, tar[1000..]), 0, 0, 0, 0];

        Assert.Equal(Installed, await UpdateAsync(archive, "/guest-agent-2.0.tar." + suffix));
        Assert.Equal(NewAgent, await ReadGuestFileAsync(InstallPath));
        Assert.Equal(OldAgent, await ReadGuestFileAsync(InstallPath + ".bak"));
    }

    /// <summary>A tar of the new binary in a directory of its own, as a release is packed.</summary>
    private static byte[] Tar() => new UpdateArchive().Directory("guest-agent-2.0").File("guest-agent-2.0/guest-agent", NewAgent).ToBytes(gzip: false);

    public async ValueTask DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        _directory.Dispose();
    }

    /// <summary><paramref name="data"/> as one stream, made by the real compressor, which names its file with <paramref name="suffix"/>.</summary>
    private async Task<byte[]> CompressAsync(string tool, string suffix, byte[] data)
    {
        var file = _directory.Combine("part-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(file, data, TestContext.Current.CancellationToken);
        var made = await ExternalTool.RunAsync(tool, [file]);
        Assert.Equal(0, made.ExitCode);
        return await File.ReadAllBytesAsync($"{file}.{suffix}", TestContext.Current.CancellationToken);
    }

    /// <summary>Serves <paramref name="archive"/> at <paramref name="path"/> and asks the agent, started with the old binary installed, to update from it; the answer's bytes.</summary>
    private async Task<string> UpdateAsync(byte[] archive, string path)
    {
        await using var server = new TinyHttpServer();
        server.Serve(path, archive);
        _agent = await AgentUnderTest.StartAsync(startAgent: false);
        var installed = _agent.GuestFile(InstallPath);
        FixtureDirectories.Create(Path.GetDirectoryName(installed)!);
        await File.WriteAllBytesAsync(installed, OldAgent, TestContext.Current.CancellationToken);
        File.SetUnixFileMode(installed, (UnixFileMode)Convert.ToInt32("755", 8));
        await _agent.StartAgentAsync("--config", _agent.WriteConfig(Config));
        await _agent.Tools.WriteAsync(
            $"{AgentUnderTest.Home}/data/host/up-1",
            $$"""{"name":"agentupdate","value":"{{server.Url(path)}},{{UpdateArchive.Md5(archive)}}"}""");
        return await _agent.Tools.WaitForResponseAsync(AgentUnderTest.Home, "up-1");
    }

    private Task<byte[]> ReadGuestFileAsync(string path) => File.ReadAllBytesAsync(_agent!.GuestFile(path), TestContext.Current.CancellationToken);
}

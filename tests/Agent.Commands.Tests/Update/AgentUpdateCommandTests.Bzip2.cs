using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary><c>agentupdate</c> with a .tar.bz2 or .tar.xz made by GNU tar, as the original agent's tarfile read them.</summary>
public sealed partial class AgentUpdateCommandTests
{
    [Fact]
    public async Task A_tar_bz2_made_by_gnu_tar_is_installed()
    {
        var archive = await GnuTarBzip2Async();
        _server.Serve("/guest-agent-1.4.tar.bz2", archive);

        var result = await Update($"\"{_server.Url("/guest-agent-1.4.tar.bz2")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
        Assert.Equal(OldAgent, File.ReadAllBytes(_root.HostPath(Binary + ".bak")));
    }

    [Fact]
    public async Task A_tar_xz_made_by_gnu_tar_is_installed()
    {
        var archive = await GnuTarAsync("-cJf", "xz", "xz-utils");
        _server.Serve("/guest-agent-1.4.tar.xz", archive);

        var result = await Update($"\"{_server.Url("/guest-agent-1.4.tar.xz")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
    }

    [Fact]
    public async Task A_corrupt_tar_bz2_is_refused_and_nothing_is_installed()
    {
        var archive = await GnuTarBzip2Async();
        Bzip2.PointPastTheFirstBlock(archive);
        _server.Serve("/corrupt.tar.bz2", archive);

        await AssertRefusedAsync($"\"{_server.Url("/corrupt.tar.bz2")},{UpdateArchive.Md5(archive)}\"", "Invalid update archive: the bzip2 stream is corrupt or cut short");
    }

    private static Task<byte[]> GnuTarBzip2Async() => GnuTarAsync("-cjf", "bzip2", "bzip2");

    private static async Task<byte[]> GnuTarAsync(string create, string compressor, string package)
    {
        var tar = ExternalTool.Require("tar", "tar");
        ExternalTool.Require(compressor, package);
        using var source = new TemporaryDirectory();
        var release = Directory.CreateDirectory(source.Combine("guest-agent-1.4")).FullName;
        File.WriteAllBytes(Path.Combine(release, "guest-agent"), NewAgent);
        var archivePath = source.Combine("release.tar.bz2");
        var made = await ExternalTool.RunAsync(tar, ["-C", source.Path, create, archivePath, "guest-agent-1.4"]);
        Assert.Equal(0, made.ExitCode);
        return File.ReadAllBytes(archivePath);
    }
}

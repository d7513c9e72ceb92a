namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// A server that labels a <c>.tar.gz</c> <c>Content-Encoding: gzip</c> (Apache's <c>AddEncoding x-gzip .gz</c>,
/// nginx's <c>gzip_static</c>): the checksum Nova sends is <c>md5sum</c>'s of the file as stored, which is what
/// the original agent's <c>urllib</c>, curl without <c>--compressed</c> and wget save. The agent asks for no
/// encoding and keeps the bytes as sent: a client that decoded them would hash the plain tar and refuse
/// the update as a mismatch (checked by hand, session 67, against a raw socket server also sending the body
/// chunked and after a relative redirect: installed, with an upper-case MD5).
/// </summary>
public sealed partial class AgentUpdateCommandTests
{
    [Fact]
    public async Task A_tar_gz_served_with_content_encoding_gzip_is_hashed_and_installed_as_stored()
    {
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/builds/guest-agent-1.3.tar.gz", archive, header: "Content-Encoding: gzip");

        var result = await Update($"\"{_server.Url("/builds/guest-agent-1.3.tar.gz")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
        Assert.Equal([null], _server.AcceptEncodings);
    }
}

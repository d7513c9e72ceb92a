using System.Net;
using System.Net.Sockets;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Update;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// URLs beyond ASCII (docs/commands.md, agentupdate): a path and query are fetched percent-encoded as
/// UTF-8, the request curl 7.88 and wget 1.21 send for the same URL; a host name beyond ASCII is
/// refused with how to write it (its IDNA form, which is fetched as written), since the daemon's .NET
/// (without ICU) converts it otherwise than curl, wget and Python do; and a Unicode format character
/// anywhere (bidi controls, joiners, the soft hyphen, which .NET drops from a host without a word) is
/// an invalid URL. Both refused before any download.
/// </summary>
public sealed partial class AgentUpdateCommandTests
{
    /// <summary>
    /// A client that connects every host name to the test server, so no name needs DNS, and leaves
    /// redirects to the agent (RedirectFollower), as the agent's own client does.
    /// </summary>
    private HttpClient ClientToTheServer() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, _server.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    });

    [Theory]
    [InlineData("builds.example", "builds.example")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
    [InlineData("BUILDS.Example", "builds.example")]
    public async Task A_non_ascii_path_is_fetched_percent_encoded_as_curl_and_wget_send_it(string host, string sent)
    {
        var logs = new CapturingLoggerFactory();
        _root.Services.Add<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        using var client = ClientToTheServer();
        _root.Services.Add(client);
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/p%C3%A4th/%E4%BE%8B%20x.tgz?v=%C3%BC", archive);

        var result = await Update($"\"http://{host}:{_server.Port}/p\u00e4th/\u4f8b x.tgz?v=\u00fc,{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(["/p%C3%A4th/%E4%BE%8B%20x.tgz?v=%C3%BC"], _server.Requests);
        Assert.Equal([$"{sent}:{_server.Port}"], _server.Hosts);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
        Assert.Contains($"installed the update from http://{sent}:{_server.Port} (", Assert.Single(logs.Messages), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://b\u00fccher.example/a.tgz")]
    [InlineData("https://B\u00dcCHER.example/a.tgz")]
    [InlineData("https://\u0430pple.example/a.tgz")] // a Cyrillic 'а'
    [InlineData("https://a\u0300.example/a.tgz")] // not NFC: curl's 'à' is xn--0ca, .NET without ICU makes xn--a-vbb
    [InlineData("https://\u4f8b\u3048.\u30c6\u30b9\u30c8/a.tgz")]
    [InlineData("https://example\u3002com/a.tgz")] // an ideographic full stop, a dot to UTS #46
    [InlineData("https://\uff45xample.com/a.tgz")] // a fullwidth 'e'
    [InlineData("https://ex\ufffdample.com/a.tgz")]
    [InlineData("https://user:p\u00e4ss@b\u00fccher.example:8443/a.tgz")]
    public async Task A_host_name_beyond_ascii_is_refused_with_how_to_write_it(string url)
    {
        using var client = ClientToTheServer();
        _root.Services.Add(client);

        await AssertRefusedAsync($"\"{url},0123456789abcdef0123456789abcdef\"", AgentUpdateMessages.NonAsciiHost);
        await AssertRefusedAsync($"{{\"url\":\"{url}\",\"md5sum\":\"0123456789abcdef0123456789abcdef\"}}", AgentUpdateMessages.NonAsciiHost);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("https://x\u200d.example/a.tgz")]
    [InlineData("https://x\u200c.example/a.tgz")]
    [InlineData("https://exa\u202emple.com/a.tgz")]
    [InlineData("https://exa\u00admple.com/a.tgz")]
    [InlineData("https://\ufeffexample.com/a.tgz")]
    [InlineData("https://example.com/a\u202e.tgz")]
    [InlineData("https://example.com/a.tgz?\u2066x")]
    public async Task A_format_character_anywhere_is_an_invalid_url(string url)
    {
        using var client = ClientToTheServer();
        _root.Services.Add(client);

        foreach (var json in new[] { $"\"{url},0123456789abcdef0123456789abcdef\"", $"{{\"url\":\"{url}\",\"md5sum\":\"0123456789abcdef0123456789abcdef\"}}" })
        {
            await AssertRefusedAsync(json, "Invalid URL");
            Assert.Equal("Invalid URL", (await Assert.ThrowsAsync<CommandException>(() => Update(json))).Message);
        }

        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_redirect_to_a_host_name_beyond_ascii_is_not_followed()
    {
        using var client = ClientToTheServer();
        _root.Services.Add(client);
        // Sent as UTF-8 bytes (the test server writes its headers so), which no client reads as ASCII.
        _server.Redirect("/start.tgz", $"http://b\u00fccher.example:{_server.Port}/a.tgz");

        await AssertRefusedAsync($"\"http://builds.example:{_server.Port}/start.tgz,0123456789abcdef0123456789abcdef\"", "Couldn't download the update: redirected to an invalid URL");
        Assert.Equal(["/start.tgz"], _server.Requests);
    }

    [Theory]
    [InlineData("buil\u00adds.example")] // a soft hyphen, which Uri drops from a host
    [InlineData("builds.exa\u202emple")] // a bidi control
    public async Task A_redirect_to_a_host_name_holding_a_format_character_is_not_followed(string host)
    {
        using var client = ClientToTheServer();
        _root.Services.Add(client);
        _server.Redirect("/start.tgz", $"http://{host}:{_server.Port}/a.tgz");

        await AssertRefusedAsync($"\"http://builds.example:{_server.Port}/start.tgz,0123456789abcdef0123456789abcdef\"", "Couldn't download the update: redirected to an invalid URL");
        Assert.Equal(["/start.tgz"], _server.Requests);
    }
}

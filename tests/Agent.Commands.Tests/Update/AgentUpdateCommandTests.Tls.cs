using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Update;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// <c>agentupdate</c> over https that TLS refuses, in this process: its trust store is the system's,
/// which holds no test CA, so a certificate from one is untrusted here. Trusting one (and so a
/// certificate that only has the wrong name) needs <c>SSL_CERT_FILE</c> set before a process starts:
/// the daemon's end-to-end tests (<c>UpdateTlsTests</c>) do that.
/// </summary>
public sealed partial class AgentUpdateCommandTests
{
    private const string UntrustedAnswer = "Couldn't download the update: the server's TLS certificate is not trusted";

    [Fact]
    public async Task A_certificate_from_an_untrusted_ca_is_named_as_such_logged_with_how_to_trust_one_and_nothing_changes()
    {
        var logs = new CapturingLoggerFactory();
        _root.Services.Add<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        using var authority = new TestCertificateAuthority();
        using var certificate = authority.IssueLoopbackServer();
        await using var server = new TinyHttpServer(certificate);
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        server.Serve("/token-path/a.tgz", archive);
        var url = server.Url("/token-path/a.tgz?sig=q-secret").Replace("https://", "https://user:pw-secret@", StringComparison.Ordinal);

        await AssertRefusedAsync($"\"{url},{UpdateArchive.Md5(archive)}\"", UntrustedAnswer);

        // Before: "Couldn't download the update: SecureConnectionError", and .NET's "… PartialChain" in the log.
        var origin = new Uri(server.Url("/")).GetLeftPart(UriPartial.Authority);
        var line = Assert.Single(logs.Messages);
        Assert.Matches("^Warning: Request [0-9a-f-]{36}: agentupdate: ", line);
        // OpenSSL's words for a chain whose CA is in no trust store.
        Assert.Contains(
            $": agentupdate: downloading from {origin} failed: {UntrustedAnswer} (unable to get local issuer certificate; {ServerCertificateCheck.PrivateCaHint})",
            line,
            StringComparison.Ordinal);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
        Assert.DoesNotContain("token-path", line, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task The_answer_for_an_untrusted_certificate_is_exact()
    {
        using var authority = new TestCertificateAuthority();
        using var certificate = authority.IssueLoopbackServer();
        await using var server = new TinyHttpServer(certificate);
        server.Serve("/a.tgz", new byte[16]);

        var error = await Assert.ThrowsAsync<CommandException>(() => Update($"\"{server.Url("/a.tgz")},{new string('a', 32)}\""));

        Assert.Equal(UntrustedAnswer, error.Message);
    }

    [Fact]
    public async Task A_server_that_speaks_no_tls_at_an_https_url_is_a_failed_tls_handshake()
    {
        var logs = new CapturingLoggerFactory();
        _root.Services.Add<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        // It answers at once, before reading: TinyHttpServer would wait for a request's end, which a ClientHello never has.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var answering = AnswerPlainHttpOnceAsync(listener);
        var url = $"https://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/a.tgz";

        var error = await Assert.ThrowsAsync<CommandException>(() => Update($"\"{url},{new string('a', 32)}\""));

        Assert.Equal("Couldn't download the update: the TLS handshake failed", error.Message);
        // The log keeps OpenSSL's reason ("wrong version number": the plain HTTP answer read as TLS).
        Assert.Contains("failed: Couldn't download the update: the TLS handshake failed (", Assert.Single(logs.Messages), StringComparison.Ordinal);
        await answering;
    }

    private static async Task AnswerPlainHttpOnceAsync(System.Net.Sockets.TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        await client.GetStream().WriteAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
    }
}

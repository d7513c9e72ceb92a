using System.Text;
using System.Text.Json;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Tests.Update;
using GuestAgent.Commands.Update;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// <c>agentupdate</c> over https with the published daemon, from a server whose certificate a
/// throw-away private CA issued, trusted as an operator trusts one: <c>SSL_CERT_FILE</c> or
/// <c>SSL_CERT_DIR</c> in the agent's environment (the unit's <c>Environment=</c>), which .NET reads,
/// as OpenSSL does, when the process starts. Everything the daemon is not given (its default
/// configuration: https only) is as packaged.
/// </summary>
public sealed partial class UpdateTlsTests : IAsyncDisposable
{
    private const string InstallPath = "/usr/sbin/guest-agent";
    private const string Md5OfNothing = "0123456789abcdef0123456789abcdef";
    private static readonly byte[] OldAgent = Encoding.ASCII.GetBytes("#!/bin/sh\necho OLD-AGENT-1.0\n");
    private static readonly byte[] NewAgent = Encoding.ASCII.GetBytes("#!/bin/sh\necho NEW-AGENT-2.0\n");

    private readonly TemporaryDirectory _directory = new("guest-agent-tls-");
    private readonly TestCertificateAuthority _authority = new("GuestAgent private CA");

    [Fact]
    public async Task A_tar_gz_from_a_server_whose_private_ca_is_in_SSL_CERT_FILE_is_installed_with_the_urls_credentials_sent_and_never_logged()
    {
        using var certificate = _authority.IssueLoopbackServer();
        await using var server = new TinyHttpServer(certificate);
        var archive = new UpdateArchive().Directory("guest-agent-2.0").File("guest-agent-2.0/guest-agent", NewAgent).ToBytes();
        server.Serve("/builds/guest-agent-2.0.tar.gz", archive, authorization: "Basic dXBkYXRlcjpwdy1zZWNyZXQ="); // updater:pw-secret
        await using var agent = await StartAgentAsync(new() { ["SSL_CERT_FILE"] = _authority.WritePem(_directory.Combine("private-ca.pem")) });
        var url = server.Url("/builds/guest-agent-2.0.tar.gz").Replace("https://", "https://updater:pw-secret@", StringComparison.Ordinal);

        var (code, message) = await UpdateAsync(agent, $"{url},{UpdateArchive.Md5(archive)}");

        Assert.Equal(("0", ""), (code, message));
        Assert.Equal(NewAgent, await File.ReadAllBytesAsync(agent.GuestFile(InstallPath), TestContext.Current.CancellationToken));
        Assert.Equal(OldAgent, await File.ReadAllBytesAsync(agent.GuestFile(InstallPath + ".bak"), TestContext.Current.CancellationToken));
        Assert.Equal(["/builds/guest-agent-2.0.tar.gz"], server.Requests);
        var line = await LogLineAsync(agent, "agentupdate: installed the update from ");
        Assert.Contains($"installed the update from {Origin(server)} ({archive.Length}-byte archive, MD5 checksum verified;", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", agent.Agent!.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("updater", agent.Agent.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_ca_in_a_directory_added_to_SSL_CERT_DIR_after_the_systems_is_trusted()
    {
        // The directory holds the PEM under a plain name (no c_rehash): .NET reads every file in it.
        var certificates = FixtureDirectories.Create(_directory.Combine("ca"));
        _authority.WritePem(Path.Combine(certificates, "private-ca.pem"));
        using var certificate = _authority.IssueLoopbackServer();
        await using var server = new TinyHttpServer(certificate);
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        server.Serve("/guest-agent-2.0.tar.gz", archive);
        await using var agent = await StartAgentAsync(new() { ["SSL_CERT_DIR"] = $"/etc/ssl/certs:{certificates}" });

        var (code, message) = await UpdateAsync(agent, $"{server.Url("/guest-agent-2.0.tar.gz")},{UpdateArchive.Md5(archive)}");

        Assert.Equal(("0", ""), (code, message));
        Assert.Equal(NewAgent, await File.ReadAllBytesAsync(agent.GuestFile(InstallPath), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Without_the_private_ca_the_certificate_is_untrusted_the_answer_says_so_and_nothing_is_installed()
    {
        using var certificate = _authority.IssueLoopbackServer();
        await using var server = new TinyHttpServer(certificate);
        server.Serve("/guest-agent-2.0.tar.gz", new UpdateArchive().File("guest-agent", NewAgent).ToBytes());
        await using var agent = await StartAgentAsync(new());

        var (code, message) = await UpdateAsync(agent, $"{server.Url("/guest-agent-2.0.tar.gz")},{Md5OfNothing}");

        Assert.Equal(("500", "Couldn't download the update: the server's TLS certificate is not trusted"), (code, message));
        var line = await LogLineAsync(agent, "agentupdate: downloading from ");
        Assert.EndsWith(
            $"agentupdate: downloading from {Origin(server)} failed: {message} (unable to get local issuer certificate; {ServerCertificateCheck.PrivateCaHint})",
            line,
            StringComparison.Ordinal);
        AssertNothingInstalled(agent);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_certificate_from_the_trusted_ca_for_another_host_name_is_refused_naming_that_name_and_nothing_is_installed()
    {
        using var certificate = _authority.IssueServer(["updates.example"], []);
        await using var server = new TinyHttpServer(certificate);
        server.Serve("/guest-agent-2.0.tar.gz", new UpdateArchive().File("guest-agent", NewAgent).ToBytes());
        await using var agent = await StartAgentAsync(new() { ["SSL_CERT_FILE"] = _authority.WritePem(_directory.Combine("private-ca.pem")) });

        var (code, message) = await UpdateAsync(agent, $"{server.Url("/guest-agent-2.0.tar.gz")},{Md5OfNothing}");

        // The chain is trusted (no "not trusted", no hint): only the name is wrong.
        Assert.Equal(("500", "Couldn't download the update: the server's TLS certificate does not match its host name"), (code, message));
        var line = await LogLineAsync(agent, "agentupdate: downloading from ");
        Assert.EndsWith($"agentupdate: downloading from {Origin(server)} failed: {message} (it is for updates.example)", line, StringComparison.Ordinal);
        AssertNothingInstalled(agent);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_redirect_from_https_to_plain_http_is_refused_and_nothing_is_asked_of_the_http_server()
    {
        using var certificate = _authority.IssueLoopbackServer();
        await using var secure = new TinyHttpServer(certificate);
        await using var plain = new TinyHttpServer();
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        plain.Serve("/guest-agent-2.0.tar.gz", archive);
        secure.Redirect("/latest.tar.gz", plain.Url("/guest-agent-2.0.tar.gz"));
        await using var agent = await StartAgentAsync(new() { ["SSL_CERT_FILE"] = _authority.WritePem(_directory.Combine("private-ca.pem")) });

        var (code, message) = await UpdateAsync(agent, $"{secure.Url("/latest.tar.gz")},{UpdateArchive.Md5(archive)}");

        Assert.Equal(("500", "Refusing a plain http URL: this agent accepts updates over https only"), (code, message));
        var line = await LogLineAsync(agent, "agentupdate: refused the plain http URL from ");
        Assert.Contains($"agentupdate: refused the plain http URL from {Origin(plain)}: to accept http, set 'agentUpdate.allowHttp' to true in ", line, StringComparison.Ordinal);
        Assert.Equal(["/latest.tar.gz"], secure.Requests);
        Assert.Empty(plain.Requests);
        AssertNothingInstalled(agent);
    }

    public async ValueTask DisposeAsync()
    {
        _authority.Dispose();
        _directory.Dispose();
        await Task.CompletedTask;
    }

    /// <summary>XenStore and the agent, with the old binary installed and <paramref name="environment"/> added to the agent's.</summary>
    private static async Task<AgentUnderTest> StartAgentAsync(Dictionary<string, string> environment)
    {
        var agent = await AgentUnderTest.StartAsync(startAgent: false);
        try
        {
            var installed = agent.GuestFile(InstallPath);
            FixtureDirectories.Create(Path.GetDirectoryName(installed)!);
            await File.WriteAllBytesAsync(installed, OldAgent, TestContext.Current.CancellationToken);
            File.SetUnixFileMode(installed, (UnixFileMode)Convert.ToInt32("755", 8));
            await agent.StartAgentWithEnvironmentAsync(environment);
            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    private static async Task<(string Code, string Message)> UpdateAsync(AgentUnderTest agent, string value)
    {
        var result = await agent.CallAsync("agentupdate", value);
        using var response = JsonDocument.Parse(result.StandardOutput);
        return (response.RootElement.GetProperty("returncode").GetString()!, response.RootElement.GetProperty("message").GetString()!);
    }

    /// <summary>The agent's stderr line holding <paramref name="text"/>, once written (the log comes before the answer, but is read from the pipe apart from it).</summary>
    private static async Task<string> LogLineAsync(AgentUnderTest agent, string text)
    {
        await agent.Agent!.WaitForErrorTextAsync(text);
        return Assert.Single(agent.Agent.StandardError.Split('\n'), line => line.Contains(text, StringComparison.Ordinal));
    }

    private static void AssertNothingInstalled(AgentUnderTest agent)
    {
        Assert.Equal(OldAgent, File.ReadAllBytes(agent.GuestFile(InstallPath)));
        // No backup, and no staged binary beside it.
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(agent.GuestFile("/usr/sbin")), entry => Path.GetFileName(entry).Contains("guest-agent.", StringComparison.Ordinal));
        // Neither the new binary's check nor a restart ran.
        Assert.False(File.Exists(agent.GuestFile("/var/lib/guest-agent/actions.log")) &&
            File.ReadAllText(agent.GuestFile("/var/lib/guest-agent/actions.log")).Contains("check-config", StringComparison.Ordinal));
    }

    private static string Origin(TinyHttpServer server) => new Uri(server.Url("/")).GetLeftPart(UriPartial.Authority);
}

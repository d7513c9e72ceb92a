using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Update;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>Where a download's redirects may lead: checked before each is followed.</summary>
public sealed class RedirectFollowerTests : IAsyncDisposable
{
    private readonly TinyHttpServer _server = new();
    private readonly TemporaryDirectory _staging = new("garedirect-");

    [Fact]
    public async Task A_redirect_to_plain_http_is_refused_with_the_http_answer_when_http_is_not_allowed()
    {
        // The start URL's scheme is AgentUpdateRequest's to check; the target's is checked here, before
        // anything is sent to it (in production the start is https, whose redirect .NET would not follow).
        _server.Redirect("/start.tgz", _server.Url("/target.tgz"));
        _server.Serve("/target.tgz", new byte[16]);
        var logs = new CapturingLoggerFactory();

        var error = await Assert.ThrowsAsync<CommandException>(() => UpdateDownloader.DownloadAsync(
            new Uri(_server.Url("/start.tgz")), _staging.Combine("download"), new AgentUpdateOptions { HowToAllowHttp = "allow it" },
            null, logs.CreateLogger("test"), TestContext.Current.CancellationToken));

        Assert.Equal("Refusing a plain http URL: this agent accepts updates over https only", error.Message);
        Assert.Equal(["/start.tgz"], _server.Requests);
        var origin = new Uri(_server.Url("/")).GetLeftPart(UriPartial.Authority);
        Assert.Equal([$"Warning: agentupdate: refused the plain http URL from {origin}: to accept http, allow it"], logs.Messages);
        Assert.False(File.Exists(_staging.Combine("download")));
    }

    [Fact]
    public async Task A_relative_location_is_resolved_against_the_url_that_answered()
    {
        _server.Redirect("/a/start.tgz", _server.Url("/b/middle.tgz"));
        _server.Redirect("/b/middle.tgz", "end.tgz");
        _server.Serve("/b/end.tgz", "update"u8.ToArray());

        var download = await UpdateDownloader.DownloadAsync(
            new Uri(_server.Url("/a/start.tgz")), _staging.Combine("download"), new AgentUpdateOptions { AllowHttp = true },
            null, new CapturingLoggerFactory().CreateLogger("test"), TestContext.Current.CancellationToken);

        Assert.Equal(["/a/start.tgz", "/b/middle.tgz", "/b/end.tgz"], _server.Requests);
        Assert.Equal("update"u8.ToArray(), File.ReadAllBytes(download.HostPath));
    }

    [Theory]
    [InlineData("//")]
    [InlineData("///guest-agent.tgz")]
    [InlineData("//:0/guest-agent.tgz")]
    // Locations .NET's header parser cannot read as a URI at all (Headers.Location is null): not the
    // server's failure, which "HTTP 302" would have told the operator.
    [InlineData("http:///guest-agent.tgz")]
    [InlineData("https://")]
    [InlineData("http://127.0.0.1:99999/guest-agent.tgz")]
    [InlineData("https://user:pw-secret@/token-path/a.tgz?sig=q-secret")]
    // An empty Location (or one of spaces, which the header parser trims) names nowhere to go.
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_location_that_resolves_to_no_url_is_refused_clearly(string location)
    {
        // Relative references with an empty authority: Uri's constructor throws on them.
        _server.Redirect("/start.tgz", location);
        var logs = new CapturingLoggerFactory();

        var error = await Assert.ThrowsAsync<CommandException>(() => UpdateDownloader.DownloadAsync(
            new Uri(_server.Url("/start.tgz")), _staging.Combine("download"), new AgentUpdateOptions { AllowHttp = true },
            null, logs.CreateLogger("test"), TestContext.Current.CancellationToken));

        Assert.Equal("Couldn't download the update: redirected to an invalid URL", error.Message);
        Assert.Equal(["/start.tgz"], _server.Requests);
        // The log names the server that sent the redirect, never what the Location holds past it.
        var origin = new Uri(_server.Url("/")).GetLeftPart(UriPartial.Authority);
        Assert.Equal([$"Warning: agentupdate: downloading from {origin} failed: Couldn't download the update: redirected to an invalid URL"], logs.Messages);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _staging.Dispose();
    }
}

using System.Formats.Tar;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Update;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// <c>agentupdate</c> refusing: malicious archives, checksum mismatches, oversized or slow downloads,
/// HTTP errors, plain http and bad arguments all answer <c>"500"</c> and change nothing.
/// </summary>
public sealed partial class AgentUpdateCommandTests
{
    public static TheoryData<string, string> MaliciousArchives() => new()
    {
        { "traversal", "contains '..'" },
        { "absolute", "has an absolute path" },
        { "symlink escape", "points outside the archive" },
        { "absolute symlink", "points outside the archive" },
        { "file below a symlink", "lies below a symbolic link" },
        { "symlink through a symlink", "points through another link" },
        { "hard link outside", "hard link 'copy' points outside the archive" },
        { "device", "device or FIFO" },
        { "not a tar", "not a readable tar archive" },
        { "duplicate file", "entry 'guest-agent' appears more than once" },
        { "file over a link", "entry 'guest-agent' appears more than once" },
        { "file over a directory", "entry 'guest-agent' appears more than once" },
        { "no binary", "has no 'guest-agent' binary" },
        { "huge metadata entry", "a tar metadata entry declares 2147418112 bytes (at most 1048576)" },
        { "sparse file", "an entry has an unsupported type" },
        { "truncated", "the gzip stream is corrupt or cut short" },
    };

    [Theory]
    [MemberData(nameof(MaliciousArchives))]
    public async Task Malicious_archives_are_refused_and_change_nothing(string kind, string message)
    {
        var outside = _outside.Path;
        var archive = kind switch
        {
            "traversal" => new UpdateArchive().File("guest-agent", NewAgent).File("../../../../../../../../" + outside.TrimStart('/') + "/pwned", "x"u8.ToArray()).ToBytes(),
            "absolute" => new UpdateArchive().File(outside + "/pwned", "x"u8.ToArray()).File("guest-agent", NewAgent).ToBytes(),
            "symlink escape" => new UpdateArchive().Directory("d").Link("d/escape", "../../../../../../../../" + outside.TrimStart('/')).File("guest-agent", NewAgent).ToBytes(),
            "absolute symlink" => new UpdateArchive().Link("escape", outside).File("guest-agent", NewAgent).ToBytes(),
            "file below a symlink" => new UpdateArchive().Link("here", ".").File("here/guest-agent", NewAgent).ToBytes(),
            "symlink through a symlink" => new UpdateArchive().Link("x", ".").Link("y", "x/..").File("guest-agent", NewAgent).ToBytes(),
            "hard link outside" => new UpdateArchive().File("guest-agent", NewAgent).Link("copy", "../../../../../../../../etc/hostname", TarEntryType.HardLink).ToBytes(),
            "device" => new UpdateArchive().File("guest-agent", NewAgent).Device("null").ToBytes(),
            "duplicate file" => new UpdateArchive().File("guest-agent", NewAgent).File("guest-agent", "other"u8.ToArray()).ToBytes(),
            "file over a link" => new UpdateArchive().Link("guest-agent", "elsewhere").File("guest-agent", NewAgent).ToBytes(),
            "file over a directory" => new UpdateArchive().Directory("guest-agent").File("guest-agent", NewAgent).ToBytes(),
            "not a tar" => "this is not an archive at all, just text padded out"u8.ToArray(),
            "huge metadata entry" => RawTar.Gzip(tar =>
            {
                tar.Write(RawTar.Header("././@LongLink", 'L', 0x7FFF_0000));
                RawTar.Zeros(tar, 1024 * 1024);
            }),
            "sparse file" => RawTar.Gzip(tar => tar.Write([.. RawTar.Header("guest-agent", 'S', 0), .. new byte[2 * RawTar.Block]])),
            "truncated" => new UpdateArchive().File("guest-agent", System.Security.Cryptography.RandomNumberGenerator.GetBytes(20_000)).ToBytes()[..10_000],
            _ => new UpdateArchive().File("other-binary", NewAgent).ToBytes(),
        };
        _server.Serve("/evil.tar.gz", archive);

        await AssertRefusedAsync($"\"{_server.Url("/evil.tar.gz")},{UpdateArchive.Md5(archive)}\"", message);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")] // given as sent, as the original's text quotes it
    public async Task A_checksum_mismatch_is_refused_with_both_sums(string wrong)
    {
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/a.tgz", archive);

        // Spec §3.3's text exactly, as the original's tests compare it: nothing before or after it.
        var error = await AssertRefusedAsync($"\"{_server.Url("/a.tgz")},{wrong}\"", "MD5 sums do not match");
        Assert.Equal($"MD5 sums do not match ({wrong} != {UpdateArchive.Md5(archive)})", error.Message);
    }

    [Fact]
    public async Task An_oversized_download_is_refused()
    {
        _root.Services.Add(new AgentUpdateOptions { AllowHttp = true, MaxDownloadBytes = 1024 });
        var archive = new byte[4096];
        _server.Serve("/big.tgz", archive);

        await AssertRefusedAsync($"\"{_server.Url("/big.tgz")},{UpdateArchive.Md5(archive)}\"", "larger than 1024 bytes");
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_before_the_body_is_read()
    {
        // The server sends one byte and stalls: only the declared length can refuse it at once. The
        // timeout is a safety net that turns a missing check into a failure, not a threshold.
        _root.Services.Add(new AgentUpdateOptions { AllowHttp = true, MaxDownloadBytes = 1024, DownloadTimeout = TimeSpan.FromMinutes(1) });
        var archive = new byte[4096];
        _server.Serve("/big.tgz", archive, stall: true);

        await AssertRefusedAsync($"\"{_server.Url("/big.tgz")},{UpdateArchive.Md5(archive)}\"", "Couldn't download the update: larger than 1024 bytes");
    }

    [Fact]
    public async Task A_server_that_sends_less_than_it_declared_is_a_failed_download()
    {
        // The connection closes after half: the transfer's failure, not a checksum mismatch or a truncated archive.
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/short.tgz", archive[..(archive.Length / 2)], declaredLength: archive.Length);

        await AssertRefusedAsync($"\"{_server.Url("/short.tgz")},{UpdateArchive.Md5(archive)}\"", "Couldn't download the update: ResponseEnded");
    }

    [Fact]
    public async Task Bytes_past_the_declared_length_are_not_part_of_the_download()
    {
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/long.tgz", [.. archive, .. "trailing garbage"u8], declaredLength: archive.Length);

        Assert.Equal(CommandResult.Ok(), await Update($"\"{_server.Url("/long.tgz")},{UpdateArchive.Md5(archive)}\""));
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
    }

    [Fact]
    public async Task A_download_without_a_length_is_cut_off_at_the_limit()
    {
        // No Content-Length to refuse up front: the bytes are counted as they come.
        _root.Services.Add(new AgentUpdateOptions { AllowHttp = true, MaxDownloadBytes = 1024 });
        var archive = new byte[4096];
        _server.Serve("/big.tgz", archive, withoutLength: true);

        await AssertRefusedAsync($"\"{_server.Url("/big.tgz")},{UpdateArchive.Md5(archive)}\"", "larger than 1024 bytes");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_download_of_exactly_the_limit_is_installed(bool withoutLength)
    {
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _root.Services.Add(new AgentUpdateOptions { AllowHttp = true, MaxDownloadBytes = archive.Length });
        _server.Serve("/a.tgz", archive, withoutLength: withoutLength);

        var result = await Update($"\"{_server.Url("/a.tgz")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
    }

    [Fact]
    public async Task A_compression_bomb_is_refused()
    {
        _root.Services.Add(new AgentUpdateOptions { AllowHttp = true, MaxExtractedBytes = 1024 });
        var archive = new UpdateArchive().File("guest-agent", new byte[100_000]).ToBytes();
        _server.Serve("/bomb.tgz", archive);

        await AssertRefusedAsync($"\"{_server.Url("/bomb.tgz")},{UpdateArchive.Md5(archive)}\"", "extracts to more than 1024 bytes");
    }

    [Fact]
    public async Task A_slow_server_runs_into_the_download_timeout()
    {
        _root.Services.Add(new AgentUpdateOptions { AllowHttp = true, DownloadTimeout = TimeSpan.FromMilliseconds(300) });
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/slow.tgz", archive, stall: true);

        await AssertRefusedAsync($"\"{_server.Url("/slow.tgz")},{UpdateArchive.Md5(archive)}\"", "Couldn't download the update: timed out");
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1:{port}/served.tgz")]
    public async Task A_redirect_to_another_scheme_is_refused_before_it_is_followed(string location)
    {
        // The URLs refused when asked for are refused where a redirect leads: .NET's client threw a
        // UriFormatException on file:// and spoke HTTP to ftp://'s host and port (here this server,
        // which serves the archive: the update went through).
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/served.tgz", archive);
        _server.Redirect("/moved.tgz", location.Replace("{port}", new Uri(_server.Url("/")).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        await AssertRefusedAsync($"\"{_server.Url("/moved.tgz")},{UpdateArchive.Md5(archive)}\"", "Couldn't download the update: redirected to a URL that is not http or https");
        Assert.Equal(["/moved.tgz"], _server.Requests);
    }

    [Fact]
    public async Task Five_redirects_are_followed_and_a_sixth_is_refused()
    {
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/r0.tgz", archive);
        for (var i = 1; i <= 6; i++)
        {
            // Relative locations, resolved against the URL that answered.
            _server.Redirect($"/r{i}.tgz", $"/r{i - 1}.tgz");
        }

        await AssertRefusedAsync($"\"{_server.Url("/r6.tgz")},{UpdateArchive.Md5(archive)}\"", "Couldn't download the update: more than 5 redirects");
        Assert.Equal(CommandResult.Ok(), await Update($"\"{_server.Url("/r5.tgz")},{UpdateArchive.Md5(archive)}\""));
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
    }

    [Fact]
    public async Task An_http_error_is_reported()
    {
        await AssertRefusedAsync($"\"{_server.Url("/missing.tgz")},{new string('a', 32)}\"", "Couldn't download the update: HTTP 404");
    }

    [Fact]
    public async Task A_refused_connection_is_logged_with_its_cause_and_the_origin_only()
    {
        var logs = new CapturingLoggerFactory();
        _root.Services.Add<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        using var closed = RefusingPort(out var port);

        await AssertRefusedAsync($"\"http://user:pw-secret@127.0.0.1:{port}/token-path/a.tgz?sig=q-secret,{new string('a', 32)}\"", "Couldn't download the update: ConnectionError");

        var line = Assert.Single(logs.Messages);
        Assert.Matches("^Warning: Request [0-9a-f-]{36}: agentupdate: ", line);
        Assert.Contains($": agentupdate: downloading from http://127.0.0.1:{port} failed: Couldn't download the update: ConnectionError (", line, StringComparison.Ordinal);
        Assert.Contains("refused", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
        Assert.DoesNotContain("token-path", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_after_a_redirect_names_the_server_it_happened_at_too()
    {
        var logs = new CapturingLoggerFactory();
        _root.Services.Add<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        using var closed = RefusingPort(out var port);
        _server.Redirect("/moved.tgz", $"http://127.0.0.1:{port}/token-path/a.tgz?sig=q-secret");

        await AssertRefusedAsync($"\"{_server.Url("/moved.tgz")},{new string('a', 32)}\"", "Couldn't download the update: ConnectionError");

        // The refused connection was the redirect's target: an operator told only the first server would check the wrong one.
        var origin = new Uri(_server.Url("/")).GetLeftPart(UriPartial.Authority);
        var line = Assert.Single(logs.Messages);
        Assert.Contains($": agentupdate: downloading from {origin} (redirected to http://127.0.0.1:{port}) failed: Couldn't download the update: ConnectionError (", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
        Assert.DoesNotContain("token-path", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_error_is_logged_with_its_status()
    {
        var logs = new CapturingLoggerFactory();
        _root.Services.Add<Microsoft.Extensions.Logging.ILoggerFactory>(logs);

        await AssertRefusedAsync($"\"{_server.Url("/missing.tgz?token=x")},{new string('a', 32)}\"", "HTTP 404");

        var origin = new Uri(_server.Url("/")).GetLeftPart(UriPartial.Authority);
        var line = Assert.Single(logs.Messages);
        Assert.Matches("^Warning: Request [0-9a-f-]{36}: agentupdate: ", line);
        Assert.EndsWith($": agentupdate: downloading from {origin} failed: Couldn't download the update: HTTP 404", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_is_refused_unless_configured_and_nothing_is_requested()
    {
        _root.Services.Add(new AgentUpdateOptions());

        await AssertRefusedAsync($"\"{_server.Url("/a.tgz")},{new string('a', 32)}\"", "accepts updates over https only");
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData(null, "set AgentUpdateOptions.AllowHttp")]
    [InlineData("set 'agentUpdate.allowHttp' to true in /srv/agent.json", "set 'agentUpdate.allowHttp' to true in /srv/agent.json")]
    public async Task Refusing_plain_http_tells_the_operator_which_setting_accepts_it(string? howTo, string logged)
    {
        var logs = new CapturingLoggerFactory();
        _root.Services.Add<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        _root.Services.Add(howTo is null ? new AgentUpdateOptions() : new AgentUpdateOptions { HowToAllowHttp = howTo });

        // The host's answer stays the one it always was; the hint is the operator's.
        await AssertRefusedAsync($"\"{_server.Url("/a.tgz?token=q-secret")},{new string('a', 32)}\"", "Refusing a plain http URL: this agent accepts updates over https only");

        var origin = new Uri(_server.Url("/")).GetLeftPart(UriPartial.Authority);
        var line = Assert.Single(logs.Messages);
        Assert.Matches("^Warning: Request [0-9a-f-]{36}: agentupdate: ", line);
        Assert.EndsWith($": agentupdate: refused the plain http URL from {origin}: to accept http, {logged}", line, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("\"no-comma-here\"", "Invalid arguments: expected '<url>,<md5 or sha256>'")]
    [InlineData("42", "Invalid arguments")]
    [InlineData("{\"url\":\"https://example.com/a.tgz\"}", "Missing URL or MD5 sum in dictionary arguments")]
    [InlineData("\"https://example.com/a.tgz,xyz\"", "Invalid checksum: expected an md5 (32 hex digits) or sha256 (64 hex digits)")]
    [InlineData("\"https://example.com/a.tgz,zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\"", "Invalid checksum: expected an md5 (32 hex digits) or sha256 (64 hex digits)")]
    [InlineData("\"file:///etc/passwd,0123456789abcdef0123456789abcdef\"", "Invalid URL")]
    [InlineData("\"ftp://example.com/a.tgz,0123456789abcdef0123456789abcdef\"", "Invalid URL")]
    [InlineData("\"/relative/a.tgz,0123456789abcdef0123456789abcdef\"", "Invalid URL")]
    public async Task Invalid_arguments_are_refused_before_any_download(string json, string message)
    {
        // The texts exactly: spec §3.3's where it has one (Invalid arguments, Missing URL…, Invalid URL).
        Assert.Equal(message, (await AssertRefusedAsync(json, message)).Message);
        Assert.Empty(_server.Requests);
    }

    /// <summary>
    /// A loopback port that refuses connections: bound, never listening, and kept while the socket is,
    /// so no other test's listener (port 0 too) can be given it meanwhile, as it could once let go.
    /// </summary>
    private static System.Net.Sockets.Socket RefusingPort(out int port)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        port = ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port;
        return socket;
    }
}

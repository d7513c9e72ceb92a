using System.Text;
using System.Text.Json;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Update;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// <c>agentupdate</c> installing: the binary replaced atomically, the previous one kept, the restart
/// asked for, and put back when the restart or the new binary fails. The refusals are in
/// <c>AgentUpdateCommandTests.Refusals.cs</c>.
/// </summary>
public sealed partial class AgentUpdateCommandTests : IAsyncDisposable
{
    private const string Binary = "/usr/sbin/guest-agent";
    private static readonly byte[] OldAgent = "old agent binary"u8.ToArray();
    private static readonly byte[] NewAgent = Encoding.ASCII.GetBytes("\u007fELF new agent binary, with a comma");

    private readonly CommandRoot _root = new();
    private readonly TemporaryDirectory _outside = new("guestagent-outside-");
    private readonly TinyHttpServer _server = new();
    private readonly CommandRoot _realRoot = new(processes: new ProcessRunner());

    public AgentUpdateCommandTests()
    {
        _root.WriteFile(Binary, Encoding.ASCII.GetString(OldAgent), "755");
        _root.System.FileSystem.CreateDirectory("/var/lib/guest-agent/updates", (UnixFileMode)Convert.ToInt32("700", 8));
        // The staging lock file an earlier update left (it stays, like any lock file), so a refused
        // update is seen to change nothing at all.
        _root.WriteFile("/var/lib/guest-agent/updates.lock", "", "600");
        _root.Services.Add(new AgentUpdateOptions { AllowHttp = true });
    }

    [Fact]
    public async Task A_good_tar_gz_is_installed_atomically_the_previous_binary_kept_and_a_restart_requested()
    {
        var archive = new UpdateArchive().Directory("guest-agent-1.2").File("guest-agent-1.2/guest-agent", NewAgent).File("guest-agent-1.2/README", "hi"u8.ToArray(), "644").ToBytes();
        _server.Serve("/builds/guest-agent-1.2.tar.gz", archive);

        var result = await Update($"\"{_server.Url("/builds/guest-agent-1.2.tar.gz")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
        Assert.Equal(OldAgent, File.ReadAllBytes(_root.HostPath(Binary + ".bak")));
        Assert.Equal((UnixFileMode)Convert.ToInt32("755", 8), _root.System.FileSystem.GetStatus(Binary)!.Value.Mode);
        // The check ran on the new binary staged beside the installed one, before it replaced it.
        Assert.Matches(
            $"^{System.Text.RegularExpressions.Regex.Escape(_root.HostPath("/usr/sbin") + "/")}\\.guest-agent\\.[0-9a-f]{{12}}\\.tmp --version\n/bin/systemctl --no-block restart guest-agent.service\n$",
            _root.ActionsLog());
        Assert.Equal(["/usr/sbin/guest-agent", "/usr/sbin/guest-agent.bak"], _root.System.FileSystem.ListDirectory("/usr/sbin"));
        Assert.Empty(_root.System.FileSystem.ListDirectory("/var/lib/guest-agent/updates"));
    }

    [Fact]
    public async Task A_successful_update_logs_one_Information_line_without_the_urls_secrets()
    {
        var logs = new CapturingLoggerFactory();
        _root.Services.Add<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/token-path/a.tgz?sig=q-secret", archive);
        var url = _server.Url("/token-path/a.tgz?sig=q-secret").Replace("http://", "http://user:pw-secret@", StringComparison.Ordinal);
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(archive));

        var result = await Update($"\"{url},{sha256}\"");

        Assert.Equal(CommandResult.Ok(), result);
        var origin = new Uri(_server.Url("/")).GetLeftPart(UriPartial.Authority);
        var line = Assert.Single(logs.Messages);
        Assert.Matches("^Information: Request [0-9a-f-]{36}: agentupdate: ", line);
        Assert.EndsWith(
            $": agentupdate: installed the update from {origin} ({archive.Length}-byte archive, SHA-256 checksum verified; its binary {NewAgent.Length} bytes) at {Binary}; " +
            $"the previous binary is kept at {Binary}.bak; restart requested with '/bin/systemctl --no-block restart guest-agent.service'",
            line,
            StringComparison.Ordinal);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
        Assert.DoesNotContain("token-path", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice%2Bops:p%40ss:w%20ord@", "Basic YWxpY2Urb3BzOnBAc3M6dyBvcmQ=")] // "alice+ops:p@ss:w ord"
    [InlineData("bob@", "Basic Ym9iOg==")] // "bob:", an empty password
    [InlineData("j%E4ger:p%E4ss%FF@", "Basic auRnZXI6cORzc/8=")] // Latin-1 "j\u00e4ger:p\u00e4ss" and 0xFF: the octets RFC 3986 encodes, not "%E4"
    [InlineData("", null)] // none at all: no header
    public async Task The_user_and_password_in_the_url_are_sent_as_basic_authentication(string userInfo, string? authorization)
    {
        // A private build server (the original agent's urllib sent them; .NET drops them). The
        // expected headers are the ones curl sends for the same URLs.
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/private/a.tgz", archive, authorization: authorization);
        var url = _server.Url("/private/a.tgz").Replace("http://", "http://" + userInfo, StringComparison.Ordinal);

        var result = await Update($"\"{url},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
        Assert.Equal([authorization], _server.Authorizations);
    }

    [Fact]
    public async Task The_urls_credentials_are_not_sent_on_to_where_a_redirect_leads()
    {
        // Even on the same server: the redirect may lead to a place the credentials were not meant for.
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Redirect("/private/latest.tgz", _server.Url("/public/a.tgz"));
        _server.Serve("/public/a.tgz", archive);
        var url = _server.Url("/private/latest.tgz").Replace("http://", "http://bob:secret@", StringComparison.Ordinal);

        var result = await Update($"\"{url},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(["/private/latest.tgz", "/public/a.tgz"], _server.Requests);
        Assert.Equal(["Basic Ym9iOnNlY3JldA==", null], _server.Authorizations);
    }

    [Fact]
    public async Task A_first_install_logs_that_there_was_no_previous_binary()
    {
        var logs = new CapturingLoggerFactory();
        _root.Services.Add<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        File.Delete(_root.HostPath(Binary));
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/first.tgz", archive);

        Assert.Equal(CommandResult.Ok(), await Update($"\"{_server.Url("/first.tgz")},{UpdateArchive.Md5(archive)}\""));

        // The archive is what the checksum verified; the binary is what was installed: both counted, each named.
        Assert.NotEqual(archive.Length, NewAgent.Length);
        Assert.Contains($"({archive.Length}-byte archive, MD5 checksum verified; its binary {NewAgent.Length} bytes) at {Binary}; there was no previous binary; restart requested", Assert.Single(logs.Messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_merged_usr_the_binary_is_installed_through_roots_own_sbin_link()
    {
        // Arch and Fedora 42+: /usr/sbin -> bin, a link only root can change.
        Directory.Move(_root.HostPath("/usr/sbin"), _root.HostPath("/usr/bin"));
        File.CreateSymbolicLink(_root.HostPath("/usr/sbin"), "bin");
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/merged.tgz", archive);

        var result = await Update($"\"{_server.Url("/merged.tgz")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath("/usr/bin/guest-agent")));
        Assert.Equal(OldAgent, File.ReadAllBytes(_root.HostPath("/usr/bin/guest-agent.bak")));
        Assert.Equal("bin", _root.System.FileSystem.ReadLink("/usr/sbin"));
    }

    [Fact]
    public async Task A_release_tarball_made_by_gnu_tar_with_an_inner_link_is_installed()
    {
        var tar = ExternalTool.Require("tar", "tar");
        using var source = new TemporaryDirectory();
        var release = Directory.CreateDirectory(source.Combine("guest-agent-1.3")).FullName;
        File.WriteAllBytes(Path.Combine(release, "guest-agent"), NewAgent);
        File.WriteAllText(Path.Combine(release, "README"), "release notes");
        File.CreateSymbolicLink(Path.Combine(release, "current"), "guest-agent");
        var archivePath = source.Combine("release.tar.gz");
        var made = await ExternalTool.RunAsync(tar, ["-C", source.Path, "-czf", archivePath, "./guest-agent-1.3"]);
        Assert.Equal(0, made.ExitCode);
        var archive = File.ReadAllBytes(archivePath);
        _server.Serve("/release.tar.gz", archive);

        var result = await Update($"\"{_server.Url("/release.tar.gz")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
    }

    [Fact]
    public async Task A_release_tarball_whose_binary_is_a_hard_link_to_its_versioned_name_is_installed()
    {
        // GNU tar archives the second name of one inode as a hard link ("guest-agent link to guest-agent-1.3.0").
        var tar = ExternalTool.Require("tar", "tar");
        var ln = ExternalTool.Require("ln", "coreutils");
        using var source = new TemporaryDirectory();
        var release = Directory.CreateDirectory(source.Combine("guest-agent-1.3")).FullName;
        File.WriteAllBytes(Path.Combine(release, "guest-agent-1.3.0"), NewAgent);
        Assert.Equal(0, (await ExternalTool.RunAsync(ln, ["guest-agent-1.3.0", "guest-agent"], workingDirectory: release)).ExitCode);
        var archivePath = source.Combine("release.tar.gz");
        var made = await ExternalTool.RunAsync(tar, ["-C", source.Path, "-czf", archivePath, "guest-agent-1.3/guest-agent-1.3.0", "guest-agent-1.3/guest-agent"]);
        Assert.Equal(0, made.ExitCode);
        var archive = File.ReadAllBytes(archivePath);
        _server.Serve("/release.tar.gz", archive);

        var result = await Update($"\"{_server.Url("/release.tar.gz")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
    }

    [Fact]
    public async Task Of_several_binaries_one_directory_down_the_first_in_name_order_is_installed()
    {
        // Whatever order the archive lists them in, the same one is chosen.
        var archive = new UpdateArchive()
            .File("guest-agent-2.0/guest-agent", "\u007fELF the 2.0 binary"u8.ToArray())
            .File("guest-agent-1.9/guest-agent", NewAgent)
            .ToBytes();
        _server.Serve("/two.tgz", archive);

        var result = await Update($"\"{_server.Url("/two.tgz")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
    }

    [Fact]
    public async Task The_dictionary_form_with_an_uppercase_md5_and_a_plain_tar_works()
    {
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes(gzip: false);
        _server.Serve("/a.tar", archive);

        var result = await Update($"{{\"url\":\"{_server.Url("/a.tar")}\",\"md5sum\":\"{UpdateArchive.Md5(archive).ToUpperInvariant()}\"}}");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
    }

    [Fact]
    public async Task A_url_with_a_comma_is_split_from_its_checksum_at_the_last_comma()
    {
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/builds/1,2/a.tgz", archive);

        var result = await Update($"\"{_server.Url("/builds/1,2/a.tgz")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
    }

    [Fact]
    public async Task A_sha256_checksum_is_accepted()
    {
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/a.tgz", archive);

        var result = await Update($"\"{_server.Url("/a.tgz")},{UpdateArchive.Sha256(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
    }

    [Fact]
    public async Task A_failed_restart_puts_the_previous_binary_back()
    {
        _root.WriteFile(RecordingProcessRunner.FailActionsPath, "systemctl\n");
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/a.tgz", archive);

        var error = await Assert.ThrowsAsync<CommandException>(() => Update($"\"{_server.Url("/a.tgz")},{UpdateArchive.Md5(archive)}\""));

        Assert.Equal("Couldn't restart the agent: 1", error.Message);
        Assert.Equal(OldAgent, File.ReadAllBytes(_root.HostPath(Binary)));
        Assert.Equal((UnixFileMode)Convert.ToInt32("755", 8), _root.System.FileSystem.GetStatus(Binary)!.Value.Mode);
        Assert.Empty(_root.System.FileSystem.ListDirectory("/var/lib/guest-agent/updates"));
    }

    [Fact]
    public async Task A_rollback_that_fails_too_says_where_the_previous_binary_is()
    {
        // The restart fails, and meanwhile a directory has taken the binary's place, so the previous
        // binary cannot be renamed back.
        CommandRoot? root = null;
        using var broken = new CommandRoot(processes: new ScriptedProcessRunner(spec =>
        {
            if (spec.Program != "/bin/systemctl")
            {
                return new ProcessResult(0, "1.2", ""); // the new binary's --version
            }

            File.Delete(root!.HostPath(Binary));
            root.CreateDirectory(Binary + "/in-the-way");
            return new ProcessResult(1, "", "");
        }));
        root = broken;
        root.WriteFile(Binary, Encoding.ASCII.GetString(OldAgent), "755");
        root.System.FileSystem.CreateDirectory("/var/lib/guest-agent/updates", (UnixFileMode)Convert.ToInt32("700", 8));
        root.Services.Add(new AgentUpdateOptions { AllowHttp = true });
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/a.tgz", archive);
        using var document = JsonDocument.Parse($"\"{_server.Url("/a.tgz")},{UpdateArchive.Md5(archive)}\"");

        var error = await Assert.ThrowsAsync<CommandException>(() => AgentUpdateCommand.AgentUpdate(document.RootElement.Clone(), root.Context("agentupdate")));

        Assert.StartsWith("Couldn't restart the agent: 1; putting the previous binary back failed too (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("): it is still at /usr/sbin/guest-agent.bak", error.Message, StringComparison.Ordinal);
        Assert.Equal(OldAgent, File.ReadAllBytes(root.HostPath(Binary + ".bak")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_binary_whose_name_is_as_long_as_a_file_name_may_be_keeps_its_backup_and_is_put_back(bool restartFails)
    {
        // NAME_MAX is 255 bytes: "<name>.bak" would be 259, so the backup gets a shortened name.
        var installPath = "/opt/" + new string('g', 255);
        using var root = new CommandRoot();
        root.WriteFile(installPath, Encoding.ASCII.GetString(OldAgent), "755");
        root.System.FileSystem.CreateDirectory("/var/lib/guest-agent/updates", (UnixFileMode)Convert.ToInt32("700", 8));
        root.Services.Add(new AgentUpdateOptions { AllowHttp = true, InstallPath = installPath });
        if (restartFails)
        {
            root.WriteFile(RecordingProcessRunner.FailActionsPath, "systemctl\n");
        }

        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/long.tgz", archive);
        using var document = JsonDocument.Parse($"\"{_server.Url("/long.tgz")},{UpdateArchive.Md5(archive)}\"");

        var update = AgentUpdateCommand.AgentUpdate(document.RootElement.Clone(), root.Context("agentupdate"));

        if (restartFails)
        {
            Assert.Equal("Couldn't restart the agent: 1", (await Assert.ThrowsAsync<CommandException>(() => update)).Message);
            Assert.Equal(OldAgent, File.ReadAllBytes(root.HostPath(installPath)));
            Assert.Equal([installPath], root.System.FileSystem.ListDirectory("/opt"));
        }
        else
        {
            Assert.Equal(CommandResult.Ok(), await update);
            Assert.Equal(NewAgent, File.ReadAllBytes(root.HostPath(installPath)));
            var backup = Assert.Single(root.System.FileSystem.ListDirectory("/opt"), entry => entry != installPath);
            Assert.Equal(OldAgent, File.ReadAllBytes(root.HostPath(backup)));
            Assert.EndsWith(".bak", backup, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("#!/bin/sh\nexit 3\n", "The new agent does not run on this guest: 3")]
    [InlineData("\u007fELF but not a program for any machine", "The new agent does not run on this guest: it could not be started (Exec format error)")]
    public async Task A_new_binary_that_does_not_run_here_is_taken_back_before_any_restart(string binary, string message)
    {
        var error = await Assert.ThrowsAsync<CommandException>(() => UpdateWithRealProcessesAsync(binary));

        Assert.Equal(message, error.Message);
        Assert.Equal(OldAgent, File.ReadAllBytes(_realRoot.HostPath(Binary)));
        Assert.False(File.Exists(_realRoot.HostPath("/restarted")));
    }

    [Fact]
    public async Task A_new_binary_that_runs_here_is_installed_and_the_agent_restarted()
    {
        var result = await UpdateWithRealProcessesAsync("#!/bin/sh\n[ \"$1\" = --version ] && echo 1.2\n");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.StartsWith("#!/bin/sh", File.ReadAllText(_realRoot.HostPath(Binary)), StringComparison.Ordinal);
        Assert.True(File.Exists(_realRoot.HostPath("/restarted")));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _outside.Dispose();
        _root.Dispose();
        _realRoot.Dispose();
    }

    /// <summary>
    /// An update whose check and restart really run (<see cref="ProcessRunner"/>): the restart
    /// command only leaves a mark, <c>/restarted</c>, in the root.
    /// </summary>
    private async Task<CommandResult> UpdateWithRealProcessesAsync(string binary)
    {
        _realRoot.WriteFile(Binary, Encoding.ASCII.GetString(OldAgent), "755");
        _realRoot.System.FileSystem.CreateDirectory("/var/lib/guest-agent/updates", (UnixFileMode)Convert.ToInt32("700", 8));
        _realRoot.Services.Add(new AgentUpdateOptions { AllowHttp = true, RestartCommand = ["/usr/bin/touch", _realRoot.HostPath("/restarted")] });
        var archive = new UpdateArchive().File("guest-agent", Encoding.ASCII.GetBytes(binary)).ToBytes();
        _server.Serve("/real.tgz", archive);
        using var document = JsonDocument.Parse($"\"{_server.Url("/real.tgz")},{UpdateArchive.Md5(archive)}\"");
        return await AgentUpdateCommand.AgentUpdate(document.RootElement.Clone(), _realRoot.Context("agentupdate"));
    }

    private Task<CommandResult> Update(string json)
    {
        using var document = JsonDocument.Parse(json);
        return AgentUpdateCommand.AgentUpdate(document.RootElement.Clone(), _root.Context("agentupdate"));
    }

    /// <summary>Asserts a <c>"500"</c> whose text contains <paramref name="message"/> and no change; returns it for an exact check.</summary>
    private async Task<CommandException> AssertRefusedAsync(string json, string message)
    {
        var before = TreeSnapshot.Take(_root.System.FileSystem.Root);

        var error = await Assert.ThrowsAsync<CommandException>(() => Update(json));

        Assert.Equal("500", error.ReturnCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TreeSnapshot.Take(_root.System.FileSystem.Root));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside.Path));
        return error;
    }
}

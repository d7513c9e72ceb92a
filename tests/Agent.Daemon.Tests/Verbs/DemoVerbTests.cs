using System.Text.RegularExpressions;
using GuestAgent.Daemon.Cli;

namespace GuestAgent.Daemon.Tests.Verbs;

public sealed class DemoVerbTests
{
    private static async Task<(int Code, string Transcript, string Error)> RunDemoAsync()
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter();

        var code = await Program.RunAsync(["demo"], new StandardStreams(TextReader.Null, output, error), TestContext.Current.CancellationToken);

        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_demo_runs_in_process_and_shows_every_step_and_file()
    {
        var (code, transcript, error) = await RunDemoAsync();

        Assert.True(code == ExitCodes.Success, transcript + error);
        Assert.Contains("""{"name": "keyinit", "value": """, transcript, StringComparison.Ordinal);
        Assert.Contains("""{"returncode":"D0","message":""", transcript, StringComparison.Ordinal);
        Assert.Contains("/etc/netplan/90-guest-agent.yaml", transcript, StringComparison.Ordinal);
        Assert.Contains("netplan apply", transcript, StringComparison.Ordinal);
        Assert.Contains("ssh-ed25519 AAAA", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", transcript, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Each_request_and_its_response_are_shown_by_their_path_in_the_guests_home()
    {
        var (_, transcript, _) = await RunDemoAsync();

        var lines = transcript.Split('\n');
        var requests = lines.Select(line => Regex.Match(line, @"^   host  → data/host/(?<id>[0-9a-f-]{36})  \{""name"": ""(?<name>[a-z]+)""")).Where(match => match.Success).ToList();
        Assert.Equal(["version", "features", "injectfile", "keyinit", "password", "resetnetwork"], requests.Select(match => match.Groups["name"].Value));
        Assert.All(requests, request =>
        {
            var at = Array.FindIndex(lines, line => line.StartsWith($"   host  → data/host/{request.Groups["id"].Value}  ", StringComparison.Ordinal));
            Assert.StartsWith($"   agent ← data/guest/{request.Groups["id"].Value}  {{\"returncode\":\"", lines[at + 1], StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_files_shown_are_the_guests_with_their_modes_and_backups_are_only_named()
    {
        var (_, transcript, _) = await RunDemoAsync();

        var files = transcript[transcript.IndexOf("\nFiles the agent wrote", StringComparison.Ordinal)..].Split('\n');
        // The hostname from vm-data, written whole (no empty line after its final newline).
        var hostname = Array.IndexOf(files, "   /etc/hostname (mode 0644)");
        Assert.True(hostname > 0, transcript);
        Assert.Equal("     │ demo-instance", files[hostname + 1]);
        Assert.StartsWith("   /", files[hostname + 2], StringComparison.Ordinal);
        // sshd refuses an authorized_keys others may read or write.
        Assert.Contains("   /root/.ssh/authorized_keys (mode 0600)", files);
        // A backup is the guest's previous file: named, its contents not shown again.
        Assert.Contains("   /etc/hostname.bak (the previous version, kept as a backup)", files);
        Assert.DoesNotContain(files, line => line.StartsWith("   /etc/hostname.bak (mode", StringComparison.Ordinal));
        // The agent's own bookkeeping (its response journal) is not a change to the guest; the
        // list of programs it would have run is.
        var stateFiles = files.Where(line => line.StartsWith("   /var/lib/guest-agent/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["   /var/lib/guest-agent/actions.log (mode 0600)"], stateFiles);
        // The password file's lock, taken while /etc/shadow changes, is not one either.
        Assert.DoesNotContain(files, line => line.StartsWith("   /etc/.pwd.lock", StringComparison.Ordinal));
    }
}

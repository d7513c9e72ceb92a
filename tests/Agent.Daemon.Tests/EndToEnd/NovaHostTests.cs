using System.Text;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The published agent met by Nova's own side of the protocol (<see cref="NovaHostScript"/>): Python's
/// <c>json.dumps</c> requests (default <c>", "</c>/<c>": "</c> separators, non-ASCII as <c>\uXXXX</c>)
/// written with the plain <c>xenstore-write</c>, answers read with the plain <c>xenstore-read</c> and
/// judged by <c>json.loads</c> and Nova's accepted return codes, the agent's version compared with
/// <c>LooseVersion</c>, the password encrypted by the <c>openssl</c> CLI as <c>SimpleDH</c> does.
/// </summary>
public sealed class NovaHostTests
{
    private static Task<string[]> RunNovaAsync(AgentUnderTest agent, params string[] scenario) =>
        NovaHostScript.RunAsync(agent.Socket, AgentUnderTest.Home, scenario);

    [Fact]
    public async Task Novas_first_boot_sequence_succeeds_as_nova_judges_it()
    {
        await using var agent = await AgentUnderTest.StartAsync();
        await agent.Tools.WriteAsync(
            $"{AgentUnderTest.Home}/vm-data/networking/bc764e206c5b", GuestAgent.Daemon.Demo.DemoGuest.NetworkingJson,
            $"{AgentUnderTest.Home}/vm-data/hostname", "nova-first-boot");
        // A file near the longest request the host can write (4096 bytes with the node's path): its
        // base64 fills about 3.7 KB; binary, with commas and UTF-8 outside ASCII.
        var contents = new byte[2700];
        new Random(2812).NextBytes(contents);
        Encoding.UTF8.GetBytes("caf\u00e9,na\u00efve,").CopyTo(contents, 0);
        const string Password = "N0va's first-boot p\u00e4ss";

        var lines = await RunNovaAsync(agent, "first-boot", "ssh-ed25519 AAAAC3Nza nova@host\n", "/etc/nova-injected/blob,bin", Convert.ToBase64String(contents), Password);

        var version = lines[0]["version ".Length..];
        Assert.Equal(
            [
                $"version {version}",
                // Nova offers agentupdate only for a newer build, and can compare every one with the answer.
                $"upgrades 0.0.1:False {version}:False {version}.1:True 99:True",
                // The agent lists file_inject, so Nova sends the dict form.
                "ssh key file_inject ",
                "file file_inject ",
                "password ''",
                "resetnetwork ''",
            ],
            lines);
        Assert.Equal(
            "\n# The following ssh key was injected by Nova\nssh-ed25519 AAAAC3Nza nova@host\n",
            await File.ReadAllTextAsync(agent.GuestFile("/root/.ssh/authorized_keys"), TestContext.Current.CancellationToken));
        Assert.Equal(contents, await File.ReadAllBytesAsync(agent.GuestFile("/etc/nova-injected/blob,bin"), TestContext.Current.CancellationToken));
        await ShadowAssert.RootPasswordIsAsync(agent, Password);
        Assert.Equal("nova-first-boot\n", await File.ReadAllTextAsync(agent.GuestFile("/etc/hostname"), TestContext.Current.CancellationToken));
        Assert.Empty(await agent.Tools.ListAsync($"{AgentUnderTest.Home}/data/host"));
    }

    [Fact]
    public async Task Requests_pending_together_are_each_answered_in_a_form_json_loads_reads()
    {
        await using var agent = await AgentUnderTest.StartAsync();

        var lines = await RunNovaAsync(agent, "together");

        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^0 [0-9]+(\.[0-9]+)+$", lines[0]);
        // Python 2's dict order (value first) is read as well.
        Assert.Matches("^0 [a-z_,]*injectfile", lines[1]);
        // json.dumps wrote "caf\u00e9"; xenstore-write dropped the backslash before the agent saw it.
        Assert.Equal("404 No such agent command 'cafu00e9'", lines[2]);
        // An older plugin's JSON number for keyinit.
        Assert.Matches("^D0 [0-9]+$", lines[3]);
        Assert.Empty(await agent.Tools.ListAsync($"{AgentUnderTest.Home}/data/host"));
    }
}

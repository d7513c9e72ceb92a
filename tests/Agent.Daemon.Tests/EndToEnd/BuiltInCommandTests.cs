using System.Text;
using System.Text.Json;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>Every built-in command through the published binary, driven by <c>guest-agent call</c>.</summary>
public sealed class BuiltInCommandTests
{
    private static async Task<(string Code, string Message)> CallAsync(AgentUnderTest agent, params string[] commandAndValue)
    {
        var result = await agent.CallAsync(commandAndValue);
        using var response = JsonDocument.Parse(result.StandardOutput);
        var code = response.RootElement.GetProperty("returncode").GetString()!;
        // An error answer is printed and exits 1, so a script can test it; success (0, keyinit's D0) exits 0.
        var expectedExit = code is "0" or "D0" ? 0 : 1;
        Assert.True(result.ExitCode == expectedExit, $"call {commandAndValue[0]} answered {code} and exited {result.ExitCode}: {result.StandardError}");
        return (code, response.RootElement.GetProperty("message").GetString()!);
    }

    [Fact]
    public async Task Version_answers_0_with_the_agent_version()
    {
        await using var agent = await AgentUnderTest.StartAsync();

        var (code, message) = await CallAsync(agent, "version", "agent");

        Assert.Equal("0", code);
        // The same version as the binary reports, and a real one: an empty message must not pass.
        Assert.Matches(@"^[0-9]+\.[0-9]+\.[0-9]+", message);
        var binaryVersion = (await AgentUnderTest.RunBinaryAsync(["--version"])).StandardOutput.Trim();
        Assert.StartsWith("guest-agent ", binaryVersion, StringComparison.Ordinal);
        Assert.Equal(binaryVersion["guest-agent ".Length..].Split('+')[0], message.Split('+')[0]);
    }

    [Fact]
    public async Task Features_lists_every_command_the_schema_lists_including_injectfile()
    {
        await using var agent = await AgentUnderTest.StartAsync();

        var (code, message) = await CallAsync(agent, "features");
        using var schema = JsonDocument.Parse((await AgentUnderTest.RunBinaryAsync(["schema"])).StandardOutput);

        Assert.Equal("0", code);
        var advertised = message.Split(',').Order(StringComparer.Ordinal).ToArray();
        var registered = schema.RootElement.GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(registered, advertised);
        Assert.Contains("injectfile", advertised);
        Assert.Contains("file_inject", advertised);
    }

    [Fact]
    public async Task Keyinit_answers_D0_with_a_decimal_public_key()
    {
        await using var agent = await AgentUnderTest.StartAsync();

        var (code, message) = await CallAsync(agent, "keyinit", "72934389420761065950890858028106");

        Assert.Equal("D0", code);
        Assert.Matches("^[0-9]+$", message);
    }

    [Fact]
    public async Task Injectfile_writes_the_file_nova_sends_under_the_root()
    {
        await using var agent = await AgentUnderTest.StartAsync();
        var contents = "\n# The following ssh key was injected by Nova\nssh-ed25519 AAAAkey nova@host\n";

        var (code, message) = await CallAsync(agent, "injectfile", Convert.ToBase64String(Encoding.UTF8.GetBytes("/root/.ssh/authorized_keys," + contents)));

        Assert.Equal(("0", ""), (code, message));
        Assert.Equal(contents, await File.ReadAllTextAsync(agent.GuestFile("/root/.ssh/authorized_keys"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Injectfile_refuses_a_users_ssh_directory_linked_to_roots()
    {
        await using var agent = await AgentUnderTest.StartAsync();
        FixtureDirectories.Create(agent.GuestFile("/root/.ssh"));
        await File.WriteAllTextAsync(agent.GuestFile("/root/.ssh/authorized_keys"), "root's key\n", TestContext.Current.CancellationToken);
        FixtureDirectories.Create(agent.GuestFile("/home/alice"));
        // Alice's home is hers (as root, as in CI) or writable by all: either way no link in it is trusted.
        if (Owners.AsRoot)
        {
            new GuestAgent.Platform.RootedFileSystem(agent.Root).SetOwner("/home/alice", new GuestAgent.Platform.FileOwner(4321, 4321));
        }
        else
        {
            File.SetUnixFileMode(agent.GuestFile("/home/alice"), (UnixFileMode)0b111_111_111);
        }

        File.CreateSymbolicLink(agent.GuestFile("/home/alice/.ssh"), "../../root/.ssh");

        var (code, message) = await CallAsync(agent, "injectfile", Convert.ToBase64String(Encoding.UTF8.GetBytes("/home/alice/.ssh/authorized_keys,alice's key\n")));

        Assert.Equal(("500", "File path goes through a symbolic link; refusing to follow it"), (code, message));
        Assert.Equal("root's key\n", await File.ReadAllTextAsync(agent.GuestFile("/root/.ssh/authorized_keys"), TestContext.Current.CancellationToken));
        Assert.Equal(["authorized_keys"], Directory.GetFiles(agent.GuestFile("/root/.ssh")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task File_inject_takes_the_dict_form()
    {
        await using var agent = await AgentUnderTest.StartAsync();
        var path = Convert.ToBase64String("/etc/motd"u8);
        var file = Convert.ToBase64String("welcome, to the instance\n"u8);

        var (code, _) = await CallAsync(agent, "file_inject", $$"""{"b64_path": "{{path}}", "b64_file": "{{file}}"}""");

        Assert.Equal("0", code);
        Assert.Equal("welcome, to the instance\n", await File.ReadAllTextAsync(agent.GuestFile("/etc/motd"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Unknown_and_malformed_requests_get_the_original_texts()
    {
        await using var agent = await AgentUnderTest.StartAsync();

        Assert.Equal(("404", "No such agent command 'reboot'"), await CallAsync(agent, "reboot"));
        var tools = agent.Tools;
        await tools.WriteAsync($"{AgentUnderTest.Home}/data/host/broken", "{not json");
        Assert.Equal("""{"returncode":"500","message":"Request is malformed"}""", await tools.WaitForResponseAsync(AgentUnderTest.Home, "broken"));
    }

    [Fact]
    public async Task Resetnetwork_writes_the_network_from_vm_data_and_records_the_programs_it_would_run()
    {
        await using var agent = await AgentUnderTest.StartAsync();
        var tools = agent.Tools;
        await tools.WriteAsync(
            $"{AgentUnderTest.Home}/vm-data/networking/bc764e206c5b", GuestAgent.Daemon.Demo.DemoGuest.NetworkingJson,
            $"{AgentUnderTest.Home}/vm-data/hostname", "e2e-instance");

        var (code, message) = await CallAsync(agent, "--timeout", "60", "resetnetwork");

        Assert.Equal(("0", ""), (code, message));
        var netplan = await File.ReadAllTextAsync(agent.GuestFile("/etc/netplan/90-guest-agent.yaml"), TestContext.Current.CancellationToken);
        Assert.Contains("203.0.113.10/24", netplan, StringComparison.Ordinal);
        Assert.Equal("e2e-instance\n", await File.ReadAllTextAsync(agent.GuestFile("/etc/hostname"), TestContext.Current.CancellationToken));
        var actions = await File.ReadAllTextAsync(agent.GuestFile("/var/lib/guest-agent/actions.log"), TestContext.Current.CancellationToken);
        Assert.Contains("netplan apply", actions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agentupdate_refuses_plain_http_by_default()
    {
        await using var agent = await AgentUnderTest.StartAsync();

        var (code, message) = await CallAsync(agent, "agentupdate", "http://192.0.2.1/guest-agent-1.0.tar.gz,0123456789abcdef0123456789abcdef");

        Assert.Equal(("500", "Refusing a plain http URL: this agent accepts updates over https only"), (code, message));
        Assert.False(File.Exists(agent.GuestFile("/usr/sbin/guest-agent")));
    }

    [Fact]
    public async Task Kmsactivate_is_refused_outside_the_red_hat_family()
    {
        await using var agent = await AgentUnderTest.StartAsync();

        var (code, message) = await CallAsync(agent, "kmsactivate", """{"activation_key": "key", "profile": "p", "domains": ["rhn.example"]}""");

        Assert.Equal(("500", "KMS not supported on this OS"), (code, message));
    }

    [Fact]
    public async Task A_command_left_out_of_commands_enabled_answers_404_and_is_not_advertised()
    {
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        await agent.StartAgentAsync("--config", agent.WriteConfig("""{"commands":{"enabled":["version","features","injectfile"]}}"""));

        Assert.Equal(("404", "No such agent command 'password'"), await CallAsync(agent, "password", "x"));
        Assert.Equal(("0", "features,injectfile,version"), await CallAsync(agent, "features"));
    }
}

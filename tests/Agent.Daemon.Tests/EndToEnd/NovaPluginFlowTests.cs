using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The agent driven exactly as Nova's dom0 plugin drives it: <c>xenstore-write</c> of
/// <c>{"name": …, "value": …}</c> (Python's json.dumps spacing) to <c>data/host/&lt;uuid&gt;</c>, then
/// plain <c>xenstore-read</c> of <c>data/guest/&lt;uuid&gt;</c> every 0.5 s; and the password set the way
/// Nova sets it, with the real <c>openssl</c> CLI doing the encryption.
/// </summary>
public sealed class NovaPluginFlowTests
{
    // Nova's SimpleDH parameters, computed here independently of the agent's code.
    private static readonly BigInteger Prime = (BigInteger.One << 107) - 1;

    private static async Task<string> SendAsync(XenStoreTools tools, string name, string value)
    {
        var id = Guid.NewGuid().ToString("D");
        await tools.WriteAsync($"{AgentUnderTest.Home}/data/host/{id}", $"{{\"name\": \"{name}\", \"value\": \"{value}\"}}");
        var response = await tools.WaitForResponseAsync(AgentUnderTest.Home, id);
        Assert.True(await tools.IsRemovedAsync($"{AgentUnderTest.Home}/data/host/{id}"), "the agent removes the request it answered");
        return response;
    }

    [Fact]
    public async Task Requests_written_with_xenstore_write_are_answered_in_data_guest_without_json_escapes()
    {
        await using var agent = await AgentUnderTest.StartAsync();
        var tools = agent.Tools;

        // System.Text.Json's default encoder would escape every one of ' + < > &.
        var response = await SendAsync(tools, "it's+<b>&", "agent");

        // Read with plain xenstore-read (as the plugin does): any JSON escape would show up doubled.
        Assert.Equal("""{"returncode":"404","message":"No such agent command 'it's+<b>&'"}""", response);
        Assert.DoesNotContain('\\', response);
    }

    [Theory]
    [InlineData("")]
    [InlineData("md5")]
    public async Task Password_encrypted_by_the_openssl_cli_as_nova_does_sets_a_verifiable_root_hash(string digest)
    {
        var openssl = ExternalTool.Require("openssl", "openssl");
        await using var agent = await AgentUnderTest.StartAsync();
        var tools = agent.Tools;
        const string password = "N0va-sets-th1s!";

        // Nova: an 80-bit private key, the public key sent as a decimal string.
        var privateKey = new BigInteger(RandomNumberGenerator.GetBytes(10), isUnsigned: true);
        var publicKey = BigInteger.ModPow(5, privateKey, Prime);
        var keyInit = await SendAsync(tools, "keyinit", publicKey.ToString(CultureInfo.InvariantCulture));
        Assert.StartsWith("""{"returncode":"D0","message":""", keyInit, StringComparison.Ordinal);
        var agentKey = BigInteger.Parse(keyInit.Split('"')[7], CultureInfo.InvariantCulture);
        var secret = BigInteger.ModPow(agentKey, privateKey, Prime).ToString(CultureInfo.InvariantCulture);

        // Nova's _run_ssl: openssl aes-128-cbc -A -a -pass pass:<secret> -nosalt, plaintext password + "\n".
        // No -md is Nova's real command line (SHA-256 since OpenSSL 1.1); -md md5 is what old OpenSSL did.
        string[] digestOptions = digest.Length == 0 ? [] : ["-md", digest];
        var encrypted = await ExternalTool.RunAsync(openssl, ["aes-128-cbc", "-A", "-a", "-pass", "pass:" + secret, "-nosalt", .. digestOptions], password + "\n");
        Assert.Equal(0, encrypted.ExitCode);
        var ciphertext = encrypted.StandardOutput.Trim('\n');

        Assert.Equal("""{"returncode":"0","message":""}""", await SendAsync(tools, "password", ciphertext));
        await ShadowAssert.RootPasswordIsAsync(agent, password);
    }

    [Fact]
    public async Task Set_password_reads_stdin_and_sets_the_root_password()
    {
        await using var agent = await AgentUnderTest.StartAsync();

        var result = await AgentUnderTest.RunBinaryAsync(["set-password", "--xenstore", agent.Socket, "--domid", "5"], "correct horse battery staple\n");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("""{"returncode":"0","message":""}""", result.StandardOutput.Trim());
        // Not a terminal: no prompt, as a script expects.
        Assert.DoesNotContain("Password:", result.StandardError, StringComparison.Ordinal);
        await ShadowAssert.RootPasswordIsAsync(agent, "correct horse battery staple");
    }

    [Fact]
    public async Task A_password_without_keyinit_is_refused_and_the_shadow_file_is_untouched()
    {
        await using var agent = await AgentUnderTest.StartAsync();
        var shadow = await File.ReadAllTextAsync(agent.GuestFile("/etc/shadow"), TestContext.Current.CancellationToken);

        var response = await SendAsync(agent.Tools, "password", "IqgRf/4mhb4VAlvAFe9OSQ==");

        Assert.Equal("""{"returncode":"500","message":"Password without key exchange"}""", response);
        Assert.Equal(shadow, await File.ReadAllTextAsync(agent.GuestFile("/etc/shadow"), TestContext.Current.CancellationToken));
    }
}

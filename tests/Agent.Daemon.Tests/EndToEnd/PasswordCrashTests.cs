using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The published daemon killed by strace's fault injection at the fsync of <c>/etc</c> that follows
/// the rename of <c>/etc/shadow</c>: the password has changed, the answer was never journaled. The
/// restarted agent, which no longer has the <c>keyinit</c> key, answers the request still waiting
/// with what it knows (the password may have changed), not "Password without key exchange".
/// </summary>
public sealed class PasswordCrashTests
{
    private static readonly BigInteger Prime = (BigInteger.One << 107) - 1;

    [Fact]
    public async Task A_password_killed_after_the_shadow_rename_is_answered_as_possibly_changed_after_the_restart()
    {
        var strace = ExternalTool.Require("strace", "strace");
        var openssl = ExternalTool.Require("openssl", "openssl");
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        var tools = agent.Tools;
        const string Password = "crash-Pa55word";
        await agent.StartAgentWrappedAsync(
            [strace, "-f", "-qq", "-o", "/dev/null", "-P", agent.GuestFile("/etc"), "-e", "trace=fsync", "-e", "inject=fsync:signal=SIGKILL:when=1"]);

        // Nova's keyinit, then its password encrypted by the openssl command line.
        var privateKey = new BigInteger(RandomNumberGenerator.GetBytes(10), isUnsigned: true);
        await tools.WriteAsync($"{AgentUnderTest.Home}/data/host/key-1", $$"""{"name": "keyinit", "value": "{{BigInteger.ModPow(5, privateKey, Prime).ToString(CultureInfo.InvariantCulture)}}"}""");
        var keyInit = await tools.WaitForResponseAsync(AgentUnderTest.Home, "key-1");
        var secret = BigInteger.ModPow(BigInteger.Parse(keyInit.Split('"')[7], CultureInfo.InvariantCulture), privateKey, Prime).ToString(CultureInfo.InvariantCulture);
        var encrypted = await ExternalTool.RunAsync(openssl, ["aes-128-cbc", "-A", "-a", "-pass", "pass:" + secret, "-nosalt"], Password + "\n");
        Assert.Equal(0, encrypted.ExitCode);
        await tools.WriteAsync($"{AgentUnderTest.Home}/data/host/pw-1", $$"""{"name": "password", "value": "{{encrypted.StandardOutput.Trim('\n')}}"}""");
        await agent.WaitForAgentDeathAsync();

        // The password changed before the kill; no answer was written.
        await ShadowAssert.RootPasswordIsAsync(agent, Password);
        Assert.Null(await tools.ReadAsync($"{AgentUnderTest.Home}/data/guest/pw-1"));

        await agent.StartAgentAsync();

        Assert.Equal(
            """{"returncode":"500","message":"The agent restarted while setting this password: it may or may not have been changed; send keyinit and the password again"}""",
            await tools.WaitForResponseAsync(AgentUnderTest.Home, "pw-1"));
        await ShadowAssert.RootPasswordIsAsync(agent, Password);
        Assert.Equal(0, await agent.StopAgentAsync());
    }
}

using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// "Zero key material after use", checked on the published daemon's memory rather than by reading
/// its code: after Nova's <c>keyinit</c> and <c>password</c> and a few requests more, nothing in the
/// agent's writable memory (managed heap, live or freed, stacks, native allocations) holds the
/// password, the Diffie-Hellman shared secret's decimal text (the openssl passphrase) or the AES keys
/// and IVs derived from it (docs/commands.md, keyinit and password, and "Known limits": the
/// <c>BigInteger</c>s alone may keep the secret, in binary, and that is reported here, not asserted).
/// A failure names the secret, the region and the offset, never the bytes.
/// </summary>
public sealed class SecretsInMemoryTests
{
    private static readonly BigInteger Prime = (BigInteger.One << 107) - 1;

    /// <summary>An entry libxcrypt wrote (<c>$y$j9T$</c>, its default cost): the new hash is yescrypt, 16 MiB of work memory.</summary>
    private const string YescryptEntry = "$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7";

    [Theory]
    [InlineData("*")]
    [InlineData(YescryptEntry)]
    public async Task After_a_password_is_set_no_copy_of_it_or_of_its_key_is_left_in_the_daemon_s_memory(string rootField)
    {
        var openssl = ExternalTool.Require("openssl", "openssl");
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        var shadow = agent.GuestFile("/etc/shadow");
        await File.WriteAllTextAsync(shadow, $"root:{rootField}:19800:0:99999:7:::\ndaemon:*:19800:0:99999:7:::\n", TestContext.Current.CancellationToken);
        await agent.StartAgentAsync();
        var pid = agent.Agent!.Id;
        RequireMemoryAccess(pid);
        var tools = agent.Tools;

        // Nova's keyinit; the shared secret is worked out here from the test's own private key.
        var privateKey = new BigInteger(RandomNumberGenerator.GetBytes(16), isUnsigned: true);
        await tools.WriteAsync($"{AgentUnderTest.Home}/data/host/key-1", $$"""{"name": "keyinit", "value": "{{BigInteger.ModPow(5, privateKey, Prime).ToString(CultureInfo.InvariantCulture)}}"}""");
        var agentPublic = BigInteger.Parse((await tools.WaitForResponseAsync(AgentUnderTest.Home, "key-1")).Split('"')[7], CultureInfo.InvariantCulture);
        var secretValue = BigInteger.ModPow(agentPublic, privateKey, Prime);
        var secret = secretValue.ToString(CultureInfo.InvariantCulture);

        // A password no program could hold by chance, encrypted by Nova's openssl command line.
        var password = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 48);
        var encrypted = await ExternalTool.RunAsync(openssl, ["aes-128-cbc", "-A", "-a", "-pass", "pass:" + secret, "-nosalt"], password + "\n");
        Assert.Equal(0, encrypted.ExitCode);
        var ciphertext = encrypted.StandardOutput.Trim('\n');
        var keys = NovaKeys.Derive(Encoding.ASCII.GetBytes(secret));
        // The derivation here is openssl's: otherwise the needles below would be the wrong bytes and the check empty.
        Assert.True(keys.Decrypts(Convert.FromBase64String(ciphertext), Encoding.ASCII.GetBytes(password + "\n")), "the test's SHA-256 key and IV do not decrypt openssl's ciphertext");

        // The request id is the control: the agent keeps it (journal, logs), so a scan that misses it is broken.
        var requestId = "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await tools.WriteAsync($"{AgentUnderTest.Home}/data/host/{requestId}", $$"""{"name": "password", "value": "{{ciphertext}}"}""");
        Assert.Equal("""{"returncode":"0","message":""}""", await tools.WaitForResponseAsync(AgentUnderTest.Home, requestId));
        if (rootField == "*")
        {
            await ShadowAssert.RootPasswordIsAsync(agent, password);
        }
        else
        {
            Assert.StartsWith("root:$y$j9T$", await File.ReadAllTextAsync(shadow, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        // A few harmless requests more, so that the agent allocates (and its garbage collector runs) after the password.
        for (var i = 1; i <= 3; i++)
        {
            await tools.WriteAsync($"{AgentUnderTest.Home}/data/host/v-{i}", """{"name": "version", "value": ""}""");
            await tools.WaitForResponseAsync(AgentUnderTest.Home, $"v-{i}");
        }

        var secrets = new Dictionary<string, byte[]>
        {
            ["password (ASCII)"] = Encoding.ASCII.GetBytes(password),
            ["password (UTF-16)"] = Encoding.Unicode.GetBytes(password),
            ["shared secret, decimal (ASCII)"] = Encoding.ASCII.GetBytes(secret),
            ["shared secret, decimal (UTF-16)"] = Encoding.Unicode.GetBytes(secret),
            ["AES key (SHA-256 derivation)"] = keys.Sha256Key,
            ["AES IV (SHA-256 derivation)"] = keys.Sha256Iv,
            ["AES key (MD5 derivation, tried first)"] = keys.Md5Key,
            ["AES IV (MD5 derivation, tried first)"] = keys.Md5Iv,
        };
        var admitted = new Dictionary<string, byte[]>
        {
            // BigInteger's magnitude (little-endian 32-bit words): docs/commands.md, "Known limits".
            ["shared secret, BigInteger magnitude"] = secretValue.ToByteArray(isUnsigned: true),
        };
        var controls = new Dictionary<string, byte[]>
        {
            ["request id (ASCII)"] = Encoding.ASCII.GetBytes(requestId),
            ["request id (UTF-16)"] = Encoding.Unicode.GetBytes(requestId),
        };
        var scan = ProcessMemory.Find(pid, new Dictionary<string, byte[]>([.. secrets, .. admitted, .. controls]));

        var report = Report(scan);
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Assert.True(scan.Hits.Any(hit => controls.ContainsKey(hit.Needle)), "The scan did not find the password request's id, which the agent keeps: it reads nothing useful.\n" + report);
        var leaks = scan.Hits.Where(hit => secrets.ContainsKey(hit.Needle)).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} copies of secrets left in the daemon's memory:\n" + report);
    }

    /// <summary>Skips locally (fails in CI) where this process may not read the non-dumpable daemon's memory: that takes root.</summary>
    private static void RequireMemoryAccess(int pid)
    {
        try
        {
            using var memory = File.OpenHandle($"/proc/{pid}/mem", FileMode.Open, FileAccess.Read);
        }
        catch (UnauthorizedAccessException)
        {
            Requirement.Unmet("Reading the daemon's /proc/PID/mem needs root (CAP_SYS_PTRACE): it is not dumpable");
        }
    }

    /// <summary>The scan in words: sizes, and per needle its count and first places (region, offset), never its bytes.</summary>
    private static string Report(ProcessMemory.Scan scan)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Read {scan.BytesRead} bytes of writable memory; {scan.Unreadable.Count} unreadable ranges");
        foreach (var range in scan.Unreadable)
        {
            text.Append("\n  unreadable: ").Append(range);
        }

        foreach (var needle in scan.Hits.GroupBy(hit => hit.Needle).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  {needle.Key}: {needle.Count()} found");
            foreach (var hit in needle.OrderBy(hit => hit.Region.Start + hit.Offset).Take(3))
            {
                text.Append("\n    ").Append(hit.ToString());
            }
        }

        return text.ToString();
    }
}

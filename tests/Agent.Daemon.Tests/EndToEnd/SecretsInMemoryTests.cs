using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// "Zero key material after use", checked on the published daemon's memory rather than by reading
/// its code: after Nova's <c>keyinit</c>, other requests and <c>password</c> (four times), nothing in the
/// agent's writable memory (managed heap, live or freed, stacks, native allocations) holds the
/// password, the Diffie-Hellman shared secret's decimal text (the openssl passphrase) or the AES keys
/// and IVs derived from it (docs/commands.md, keyinit and password, and "Known limits": the
/// <c>BigInteger</c>s alone may keep the secret, in binary, and that is reported here, not asserted).
/// A failure names the secret, the region and the offset, never the bytes.
/// </summary>
public sealed class SecretsInMemoryTests
{
    private static readonly BigInteger Prime = (BigInteger.One << 107) - 1;

    // Several passwords per agent, each followed by a scan: whether the collector leaves a copy
    // depends on when it runs, so each round is one more chance for a leak to show.
    private const int Rounds = 4;

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
        // A gen0 budget of 8 KiB (hex) instead of the daemon's 256 KiB: the collector then runs every few
        // allocations, so an array it moves (promotes) while it holds a secret, leaving the old copy in
        // freed memory where no zeroing reaches it, is caught on every run rather than now and then.
        await agent.StartAgentWithEnvironmentAsync(new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "2000" });
        var pid = agent.Agent!.Id;
        RequireMemoryAccess(pid);
        var secrets = new Dictionary<string, byte[]>();
        var admitted = new Dictionary<string, byte[]>();
        var reports = new List<string>();
        var leaks = 0;
        for (var round = 1; round <= Rounds; round++)
        {
            var set = await SetPasswordAsync(agent, openssl, round);
            if (rootField == "*")
            {
                await ShadowAssert.RootPasswordIsAsync(agent, set.Password);
            }
            else
            {
                Assert.StartsWith("root:$y$j9T$", await File.ReadAllTextAsync(shadow, TestContext.Current.CancellationToken), StringComparison.Ordinal);
            }

            secrets[$"round {round}: password (ASCII)"] = Encoding.ASCII.GetBytes(set.Password);
            secrets[$"round {round}: password (UTF-16)"] = Encoding.Unicode.GetBytes(set.Password);
            secrets[$"round {round}: shared secret, decimal (ASCII)"] = Encoding.ASCII.GetBytes(set.Secret);
            secrets[$"round {round}: shared secret, decimal (UTF-16)"] = Encoding.Unicode.GetBytes(set.Secret);
            secrets[$"round {round}: AES key (SHA-256 derivation)"] = set.Keys.Sha256Key;
            secrets[$"round {round}: AES IV (SHA-256 derivation)"] = set.Keys.Sha256Iv;
            secrets[$"round {round}: AES key (MD5 derivation, tried first)"] = set.Keys.Md5Key;
            secrets[$"round {round}: AES IV (MD5 derivation, tried first)"] = set.Keys.Md5Iv;
            // BigInteger's magnitude (little-endian 32-bit words): docs/commands.md, "Known limits".
            admitted[$"round {round}: shared secret, BigInteger magnitude"] = set.SecretValue.ToByteArray(isUnsigned: true);
            var controls = new Dictionary<string, byte[]>
            {
                [$"round {round}: request id (ASCII)"] = Encoding.ASCII.GetBytes(set.RequestId),
                [$"round {round}: request id (UTF-16)"] = Encoding.Unicode.GetBytes(set.RequestId),
            };

            // Scanned at once after each round: what the agent allocates next reuses freed memory and
            // would wipe a stale copy by chance, hiding the leak (so no requests in between either).
            var scan = ProcessMemory.Find(pid, new Dictionary<string, byte[]>([.. secrets, .. admitted, .. controls]));
            var report = $"After round {round}: {Report(scan)}";
            reports.Add(report);
            Assert.True(scan.Hits.Any(hit => controls.ContainsKey(hit.Needle)), "The scan did not find the password request's id, which the agent keeps: it reads nothing useful.\n" + report);
            leaks += scan.Hits.Count(hit => secrets.ContainsKey(hit.Needle));
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', reports));
        Assert.True(leaks == 0, $"{leaks} copies of secrets found in the daemon's memory over {Rounds} scans (a copy still there is counted again):\n" + string.Join('\n', reports));
    }

    /// <summary>
    /// Nova's keyinit, other host traffic, then its password: a fresh random password under a fresh
    /// key, answered "0". Returns what the test knows of it (the shared secret worked out here from
    /// the test's own private key and the agent's public one).
    /// </summary>
    private static async Task<SetPassword> SetPasswordAsync(AgentUnderTest agent, string openssl, int round)
    {
        var tools = agent.Tools;
        var privateKey = new BigInteger(RandomNumberGenerator.GetBytes(16), isUnsigned: true);
        await tools.WriteAsync($"{AgentUnderTest.Home}/data/host/key-{round}", $$"""{"name": "keyinit", "value": "{{BigInteger.ModPow(5, privateKey, Prime).ToString(CultureInfo.InvariantCulture)}}"}""");
        var agentPublic = BigInteger.Parse((await tools.WaitForResponseAsync(AgentUnderTest.Home, $"key-{round}")).Split('"')[7], CultureInfo.InvariantCulture);
        var secretValue = BigInteger.ModPow(agentPublic, privateKey, Prime);
        var secret = secretValue.ToString(CultureInfo.InvariantCulture);

        // Requests between keyinit and password, as any other host traffic may be: the collector runs
        // while the agent holds the key and may move (promote) its array, leaving a copy its zeroing never reaches.
        await SendVersionRequestsAsync(tools, $"between-{round}", 40);

        // A password no program could hold by chance, encrypted by Nova's openssl command line.
        var password = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 48);
        var encrypted = await ExternalTool.RunAsync(openssl, ["aes-128-cbc", "-A", "-a", "-pass", "pass:" + secret, "-nosalt"], password + "\n");
        Assert.Equal(0, encrypted.ExitCode);
        var ciphertext = encrypted.StandardOutput.Trim('\n');
        var keys = NovaKeys.Derive(Encoding.ASCII.GetBytes(secret));
        // The derivation here is openssl's: otherwise the needles would be the wrong bytes and the check empty.
        Assert.True(keys.Decrypts(Convert.FromBase64String(ciphertext), Encoding.ASCII.GetBytes(password + "\n")), "the test's SHA-256 key and IV do not decrypt openssl's ciphertext");

        // The request id is the control: the agent keeps it (journal, logs), so a scan that misses it is broken.
        var requestId = "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await tools.WriteAsync($"{AgentUnderTest.Home}/data/host/{requestId}", $$"""{"name": "password", "value": "{{ciphertext}}"}""");
        Assert.Equal("""{"returncode":"0","message":""}""", await tools.WaitForResponseAsync(AgentUnderTest.Home, requestId));
        return new SetPassword(password, secret, secretValue, keys, requestId);
    }

    /// <summary>Writes <paramref name="count"/> <c>version</c> requests at once and waits for every answer.</summary>
    private static async Task SendVersionRequestsAsync(XenStoreTools tools, string prefix, int count)
    {
        var ids = Enumerable.Range(1, count).Select(i => $"{prefix}-{i}").ToList();
        await tools.WriteAsync([.. ids.SelectMany(id => new[] { $"{AgentUnderTest.Home}/data/host/{id}", """{"name": "version", "value": ""}""" })]);
        foreach (var id in ids)
        {
            await tools.WaitForResponseAsync(AgentUnderTest.Home, id);
        }
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

    private sealed record SetPassword(string Password, string Secret, BigInteger SecretValue, NovaKeys Keys, string RequestId);
}

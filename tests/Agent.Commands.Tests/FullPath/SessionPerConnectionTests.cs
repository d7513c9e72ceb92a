using System.Globalization;
using System.Numerics;
using System.Text;
using GuestAgent.Commands.Security;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Generated;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.Tests.Exchanges;

namespace GuestAgent.Commands.Tests.FullPath;

/// <summary>
/// <c>keyinit</c> and <c>password</c> through a real host over an exchange that keeps a session per
/// connection (docs/plugins.md, "Sessions": <see cref="LineSocketExchange"/>, the page's example): one
/// client's key never serves another client's <c>password</c>, and two clients' keys never mix.
/// </summary>
public sealed class SessionPerConnectionTests : IDisposable
{
    private const string Success = """{"returncode":"0","message":""}""";
    private const string NoKeyExchange = """{"returncode":"500","message":"Password without key exchange"}""";

    private readonly CommandRoot _root = new();
    private readonly TemporaryDirectory _sockets = new();
    private readonly NovaJsonParser _parser;

    public SessionPerConnectionTests()
    {
        var registry = AgentCommands.CreateRegistry(_root.Services);
        _root.Services.Add(registry);
        _parser = new NovaJsonParser(registry, _root.Services);
        _root.WriteFile("/etc/shadow", "root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n", "640");
    }

    [Fact]
    public async Task A_keyinit_on_one_connection_leaves_a_password_on_another_without_a_key_and_still_serves_its_own()
    {
        await using var exchange = new LineSocketExchange(_sockets.Combine("agent.sock"));
        await using var host = await ServeAsync(exchange);
        using var first = await LineSocketClient.ConnectAsync(_sockets.Combine("agent.sock"));
        using var second = await LineSocketClient.ConnectAsync(_sockets.Combine("agent.sock"));
        var nova = new NovaPeer();

        var secret = nova.SecretFrom(await RequestAsync(first, nova.KeyInit()));
        // Encrypted with the first connection's key: were the sessions one, it would set the password.
        Assert.Equal(NoKeyExchange, await RequestAsync(second, Password(secret, "Second-Passw0rd")));
        Assert.Equal("*", RootHash());

        // The second connection's password took nothing from the first's session.
        Assert.Equal(Success, await RequestAsync(first, Password(secret, "First-Passw0rd")));
        AssertRootPassword("First-Passw0rd");
        // And used it once: the key is gone from the first connection's session now.
        Assert.Equal(NoKeyExchange, await RequestAsync(first, Password(secret, "Again-Passw0rd")));
        AssertRootPassword("First-Passw0rd");
    }

    [Fact]
    public async Task Keyinits_interleaved_on_two_connections_each_keep_their_own_key()
    {
        await using var exchange = new LineSocketExchange(_sockets.Combine("agent.sock"));
        await using var host = await ServeAsync(exchange);
        using var first = await LineSocketClient.ConnectAsync(_sockets.Combine("agent.sock"));
        using var second = await LineSocketClient.ConnectAsync(_sockets.Combine("agent.sock"));
        var (novaFirst, novaSecond) = (new NovaPeer(), new NovaPeer());

        var firstSecret = novaFirst.SecretFrom(await RequestAsync(first, novaFirst.KeyInit()));
        // The second keyinit replaces no key but its own connection's.
        var secondSecret = novaSecond.SecretFrom(await RequestAsync(second, novaSecond.KeyInit()));

        Assert.Equal(Success, await RequestAsync(first, Password(firstSecret, "First-Passw0rd")));
        AssertRootPassword("First-Passw0rd");
        Assert.Equal(Success, await RequestAsync(second, Password(secondSecret, "Second-Passw0rd")));
        AssertRootPassword("Second-Passw0rd");
    }

    [Fact]
    public async Task Keyinits_running_at_once_on_connections_of_two_exchanges_do_not_mix_keys()
    {
        // Two exchanges are two loops: their keyinits run concurrently, on connections of their own.
        await using var one = new LineSocketExchange(_sockets.Combine("one.sock"));
        await using var other = new LineSocketExchange(_sockets.Combine("other.sock"));
        await using var host = await ServeAsync(one, other);
        using var first = await LineSocketClient.ConnectAsync(_sockets.Combine("one.sock"));
        using var second = await LineSocketClient.ConnectAsync(_sockets.Combine("other.sock"));
        var (novaFirst, novaSecond) = (new NovaPeer(), new NovaPeer());

        var keyinits = await Task.WhenAll(RequestAsync(first, novaFirst.KeyInit()), RequestAsync(second, novaSecond.KeyInit()));
        var (firstSecret, secondSecret) = (novaFirst.SecretFrom(keyinits[0]), novaSecond.SecretFrom(keyinits[1]));

        Assert.Equal(Success, await RequestAsync(second, Password(secondSecret, "Second-Passw0rd")));
        AssertRootPassword("Second-Passw0rd");
        Assert.Equal(Success, await RequestAsync(first, Password(firstSecret, "First-Passw0rd")));
        AssertRootPassword("First-Passw0rd");
    }

    public void Dispose()
    {
        _sockets.Dispose();
        _root.Dispose();
    }

    private static string Password(byte[] secret, string password) =>
        $$"""{"name":"password","value":"{{NovaPasswordCipher.Encrypt(secret, password)}}"}""";

    private static async Task<string> RequestAsync(LineSocketClient client, string request)
    {
        await client.SendAsync(request);
        return await client.ReadLineAsync() ?? throw new InvalidOperationException("The connection closed without an answer.");
    }

    private async Task<RunningHost> ServeAsync(params LineSocketExchange[] exchanges)
    {
        var host = new AgentHost();
        foreach (var exchange in exchanges)
        {
            host.Register(exchange, _parser);
        }

        var stop = new CancellationTokenSource();
        var running = new RunningHost(host.RunAsync(stop.Token), stop);
        await host.WhenServing.WithinSafetyNet();
        return running;
    }

    private string RootHash() => File.ReadAllText(_root.HostPath("/etc/shadow")).Split('\n')[0].Split(':')[1];

    private void AssertRootPassword(string password)
    {
        var hash = RootHash();
        var fields = hash.Split('$');
        Assert.Equal("6", fields[1]);
        Assert.Equal(hash, ShaCrypt.HashSha512(Encoding.UTF8.GetBytes(password), fields[2]));
    }

    /// <summary>Nova's side of one key exchange.</summary>
    private sealed class NovaPeer
    {
        private readonly BigInteger _private = NovaDiffieHellman.CreatePrivateKey();

        public string KeyInit() =>
            $$"""{"name":"keyinit","value":"{{NovaDiffieHellman.ComputePublicKey(_private).ToString(CultureInfo.InvariantCulture)}}"}""";

        /// <summary>The shared secret, from the agent's answer to <see cref="KeyInit"/>.</summary>
        public byte[] SecretFrom(string answer)
        {
            Assert.Matches("""^\{"returncode":"D0","message":"[0-9]+"\}$""", answer);
            return NovaDiffieHellman.ComputeSharedSecret(_private, BigInteger.Parse(answer.Split('"')[7], CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A host serving until disposed, which stops it and waits for its end.</summary>
    private sealed class RunningHost(Task running, CancellationTokenSource stop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await running.WithinSafetyNet();
            stop.Dispose();
        }
    }
}

using System.Numerics;
using System.Text;
using System.Text.Json;
using GuestAgent.Commands.Security;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.NovaHost;
using GuestAgent.Testing;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Tests.NovaHost;

/// <summary>
/// <c>set-password</c> speaks as Nova does today: its public key as a JSON string of digits, the
/// password encrypted with the SHA-256 key derivation (OpenSSL 1.1.0's default), and a keyinit that
/// was not answered "D0" stops it before the password is sent.
/// </summary>
public sealed class NovaPasswordSetterTests
{
    private const string Home = "/local/domain/5";

    private static CancellationToken Test => TestContext.Current.CancellationToken;

    /// <summary>Plays the agent's side of one request: waits for it, answers it, and takes it away as the agent does.</summary>
    private static async Task<(string Name, JsonElement Value)> AnswerNextAsync(XenStoreServer server, Func<string, JsonElement, string> answer, CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? ids;
        while ((ids = server.TryList(Home + "/data/host")) is not { Count: > 0 })
        {
            await Task.Delay(5, cancellationToken);
        }

        using var request = JsonDocument.Parse(server.TryRead($"{Home}/data/host/{ids[0]}")!);
        var name = request.RootElement.GetProperty("name").GetString()!;
        var value = request.RootElement.GetProperty("value").Clone();
        server.Remove($"{Home}/data/host/{ids[0]}");
        server.Write($"{Home}/data/guest/{ids[0]}", Encoding.UTF8.GetBytes(answer(name, value)));
        return (name, value);
    }

    private static async Task<(XenStoreServer Server, XenStoreClient Client, TemporaryDirectory Directory)> StartAsync()
    {
        var directory = new TemporaryDirectory();
        var server = new XenStoreServer();
        server.Listen(directory.Combine("xs.sock"));
        server.CreateGuestDomain(5);
        var client = await XenStoreClient.ConnectAsync(directory.Combine("xs.sock"), Test);
        return (server, client, directory);
    }

    [Fact]
    public async Task The_key_is_a_string_of_digits_and_the_password_is_encrypted_with_sha256()
    {
        var (server, client, directory) = await StartAsync();
        await using (server)
        await using (client)
        using (directory)
        {
            var agentPrivate = NovaDiffieHellman.CreatePrivateKey();
            var agentPublic = NovaDiffieHellman.ComputePublicKey(agentPrivate);
            // Bounded so that a request never written fails the test instead of hanging it.
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(Test);
            bound.CancelAfter(TimeSpan.FromMinutes(1));
            var agent = Task.Run(async () =>
            {
                var keyinit = await AnswerNextAsync(server, (_, _) => $$"""{"returncode":"D0","message":"{{agentPublic}}"}""", bound.Token);
                var hostKey = keyinit.Value.ValueKind == JsonValueKind.String ? BigInteger.Parse(keyinit.Value.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : BigInteger.Zero;
                var password = await AnswerNextAsync(server, (_, _) => """{"returncode":"0","message":""}""", bound.Token);
                var secret = NovaDiffieHellman.ComputeSharedSecret(agentPrivate, hostKey);
                var plaintext = NovaPasswordCipher.TryDecrypt(secret, Convert.FromBase64String(password.Value.GetString()!), out var digest);
                return (KeyName: keyinit.Name, KeyKind: keyinit.Value.ValueKind, PasswordName: password.Name, Plaintext: plaintext is null ? null : Encoding.UTF8.GetString(plaintext), Digest: digest);
            }, Test);

            var answer = await new NovaPasswordSetter(new NovaAgentCall(client, 5) { PollInterval = TimeSpan.FromMilliseconds(10) }, TimeSpan.FromMinutes(1))
                .SetAsync("s3cret pass".AsMemory(), Test);
            var seen = await agent;

            Assert.Equal("""{"returncode":"0","message":""}""", answer);
            Assert.Equal(("keyinit", JsonValueKind.String, "password"), (seen.KeyName, seen.KeyKind, seen.PasswordName));
            Assert.Equal("s3cret pass\n", seen.Plaintext);
            Assert.Equal(NovaCipherDigest.Sha256, seen.Digest);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("500")]
    public async Task A_keyinit_not_answered_D0_stops_before_the_password_is_sent(string code)
    {
        var (server, client, directory) = await StartAsync();
        await using (server)
        await using (client)
        using (directory)
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(Test);
            bound.CancelAfter(TimeSpan.FromMinutes(1));
            var agent = Task.Run(() => AnswerNextAsync(server, (_, _) => $$"""{"returncode":"{{code}}","message":"12345"}""", bound.Token), Test);
            var requests = new List<string>();
            var call = new NovaAgentCall(client, 5) { PollInterval = TimeSpan.FromMilliseconds(10), RequestWritten = (_, request) => requests.Add(request) };

            var failure = await Assert.ThrowsAsync<DaemonException>(() => new NovaPasswordSetter(call, TimeSpan.FromMinutes(1)).SetAsync("s3cret".AsMemory(), Test));
            await agent;

            Assert.Equal($"keyinit failed: the agent answered '{code}' (12345)", failure.Message);
            Assert.Single(requests);
        }
    }
}

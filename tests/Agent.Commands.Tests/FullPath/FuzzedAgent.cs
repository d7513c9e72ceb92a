using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using System.Text.Json;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Sources;
using GuestAgent.Commands.Security;
using GuestAgent.Commands.Tests.Network;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Generated;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Tests.FullPath;

/// <summary>
/// A fresh agent for one fuzzed request: a temporary root that looks like a CentOS guest (so that
/// <c>kmsactivate</c> and <c>resetnetwork</c> get past their OS checks and reach their validation),
/// the generated registry behind <see cref="NovaJsonParser"/> as the daemon serves it, every log line
/// captured, root mode's process recorder (which runs nothing) and an HTTP client that answers 404
/// to every request without touching the network.
/// </summary>
internal sealed class FuzzedAgent : IDisposable
{
    /// <summary>The root password every valid <c>password</c> mutant sets.</summary>
    public const string Password = "Fuzz-Secret-Pw1";

    /// <summary>The contents every valid injection writes (a secret: never in a message or a log).</summary>
    public const string FileContents = "ssh-rsa FUZZSECRETCONTENT nova";

    /// <summary>The RHN activation key (a secret: never in a message, a log or <c>actions.log</c>).</summary>
    public const string ActivationKey = "FUZZSECRETKEY";

    /// <summary>What every valid <c>agentupdate</c> answers: it gets as far as the download.</summary>
    public const string DownloadRefused = "Couldn't download the update: HTTP 404";

    // Fixed private keys, so that the shared secret, and with it the ciphertext, is the same on every run.
    private static readonly BigInteger NovaPrivate = BigInteger.Parse("60247499451730163883463283710829", CultureInfo.InvariantCulture);
    private static readonly BigInteger AgentPrivate = BigInteger.Parse("87362615283764526365473627358461", CultureInfo.InvariantCulture);

    /// <summary>
    /// A tmpfs when the machine has one: every write the agent makes is synced (file and directory),
    /// which on a disk costs tens of milliseconds each and on a tmpfs nothing, and a few hundred
    /// accepted requests would otherwise take minutes. The code run is the same on either.
    /// </summary>
    private static readonly string? Parent = IsWritableDirectory("/dev/shm") ? "/dev/shm" : null;

    private readonly CommandRoot _root = new(parent: Parent);
    private readonly CapturingLoggerFactory _logs = new();
    private readonly NovaJsonParser _parser;

    /// <param name="vmData">What <c>resetnetwork</c> reads; the Rackspace fixture when <c>null</c>.</param>
    /// <param name="distribution">Which of <see cref="FakeRoot.Distributions"/> the tree looks like.</param>
    public FuzzedAgent(IVmDataSource? vmData = null, string distribution = "centos")
    {
        var (osRelease, tools) = FakeRoot.Distributions[distribution];
        _root.WriteFile("/etc/os-release", osRelease);
        foreach (var tool in tools)
        {
            _root.WriteFile(tool, "");
        }

        _root.WriteFile("/etc/hosts", "127.0.0.1\tlocalhost\n");
        _root.WriteFile("/etc/hostname", "old-name\n");
        _root.WriteFile("/etc/shadow", "root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n", "640");
        _root.WriteFile("/root/.ssh/authorized_keys", "ssh-rsa OLD old\n", "600");
        _root.WriteFile("/etc/injected", "old contents\n", "640");
        _root.WriteFile("/usr/sbin/guest-agent", "old agent", "755");
        _root.WriteFile("/etc/sysconfig/rhn/up2date", "old up2date\n");
        _root.WriteFile("/etc/sysconfig/rhn/systemid", "old systemid\n", "600");
        foreach (var (name, mac) in (ReadOnlySpan<(string, string)>)[("eth0", "bc:76:4e:20:6c:5a"), ("eth1", "bc:76:4e:20:6c:5b")])
        {
            _root.WriteFile($"/sys/class/net/{name}/address", mac + "\n");
            _root.WriteFile($"/sys/class/net/{name}/type", "1\n");
        }

        _root.Services.Add<ILoggerFactory>(_logs);
        _root.Services.Add(_logs.CreateLogger<NetworkCommands>());
        _root.Services.Add<IVmDataSource>(vmData ?? ResetNetworkEndToEndTests.VmData());
        _root.Services.Add(new HttpClient(new NotFoundHandler()));
        var registry = AgentCommands.CreateRegistry(_root.Services);
        _root.Services.Add(registry);
        _parser = new NovaJsonParser(registry, _root.Services, _logs.CreateLogger<NovaJsonParser>());
    }

    /// <summary>The host's half of the key exchange every <c>password</c> mutant follows: a valid <c>keyinit</c> value.</summary>
    public static string NovaPublicKey { get; } = NovaDiffieHellman.ComputePublicKey(NovaPrivate).ToString(CultureInfo.InvariantCulture);

    /// <summary>Base64 of <see cref="Password"/> encrypted under the key <see cref="ExchangeKeys"/> leaves.</summary>
    public static string PasswordCiphertext { get; } = NovaPasswordCipher.Encrypt(
        NovaDiffieHellman.ComputeSharedSecret(NovaPrivate, NovaDiffieHellman.ComputePublicKey(AgentPrivate)), Password);

    /// <summary>Every file under the root (except the agent's state directory, where locks are left) with its mode and bytes.</summary>
    public string Tree() => TreeSnapshot.TakeExceptState(_root.HostPath("/"));

    /// <summary>The root's directory on the host.</summary>
    public string HostRoot => _root.HostPath("/");

    /// <summary>Every line logged since <see cref="ClearLog"/>, by the parser and the commands.</summary>
    public IEnumerable<string> LogLines => _logs.Messages;

    public void ClearLog() => _logs.Messages.Clear();

    /// <summary>Runs a <c>keyinit</c> with the fixed keys on this exchange, as Nova does before each <c>password</c>.</summary>
    public void ExchangeKeys()
    {
        using var value = JsonDocument.Parse($"\"{NovaPublicKey}\"");
        var result = KeyInitCommand.KeyInitWith(value.RootElement, _root.Context("keyinit"), AgentPrivate);
        Assert.Equal(ReturnCodes.KeyInitSuccess, result.ReturnCode);
    }

    /// <summary>Sends raw request text through the parser; the response exactly as it goes on the wire.</summary>
    public async Task<byte[]> SendAsync(string request)
    {
        var response = await _parser.ParseRequestAsync(
            new AgentRequest(Guid.NewGuid().ToString(), Encoding.UTF8.GetBytes(request), _root.Session), TestContext.Current.CancellationToken);
        return response.ToUtf8Json();
    }

    public void Dispose() => _root.Dispose();

    private static bool IsWritableDirectory(string path)
    {
        try
        {
            new TemporaryDirectory(parent: path).Dispose();
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Answers 404 to everything: an update gets as far as its download and no further, with no network.</summary>
    private sealed class NotFoundHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request });
    }
}

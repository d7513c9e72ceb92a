using System.Globalization;
using System.Numerics;
using System.Text;
using GuestAgent.Commands.Info;
using GuestAgent.Commands.Security;
using GuestAgent.Commands.Tests.Security;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Tests.Update;
using GuestAgent.Commands.Update;
using GuestAgent.Generated;
using GuestAgent.Protocol;

namespace GuestAgent.Commands.Tests.FullPath;

/// <summary>
/// Every built-in command the way Nova reaches it: raw request JSON → NovaJsonParser → the
/// generated registry → the exact response JSON the dom0 plugin reads.
/// </summary>
public sealed class NovaWireTests : IAsyncDisposable
{
    private readonly CommandRoot _root = new();
    private readonly ICommandRegistry _registry;
    private readonly NovaJsonParser _parser;
    private readonly TinyHttpServer _server = new();

    public NovaWireTests()
    {
        _registry = AgentCommands.CreateRegistry(_root.Services);
        _root.Services.Add(_registry);
        _parser = new NovaJsonParser(_registry, _root.Services);
        _root.WriteFile("/etc/shadow", "root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n", "640");
    }

    [Fact]
    public async Task Version_answers_the_dotted_build_version()
    {
        Assert.Equal($"{{\"returncode\":\"0\",\"message\":\"{AgentVersionInfo.Build.Version}\"}}", await Send("""{"name": "version", "value": "agent"}"""));
        Assert.Equal($"{{\"returncode\":\"0\",\"message\":\"{AgentVersionInfo.Build.Version}\"}}", await Send("""{"name": "version"}"""));
    }

    [Fact]
    public async Task Features_lists_the_served_commands_without_the_registry_in_the_services()
    {
        var parser = new NovaJsonParser(_registry, new GuestAgent.Hosting.ServiceMap());

        var response = await parser.ParseRequestAsync(new AgentRequest("f", System.Text.Encoding.UTF8.GetBytes("""{"name": "features", "value": ""}"""), new ExchangeSession()), CancellationToken.None);

        Assert.Equal($"{{\"returncode\":\"0\",\"message\":\"{string.Join(',', _registry.Commands.Select(c => c.Name))}\"}}", response.ToJson());
    }

    [Fact]
    public async Task Features_lists_every_served_command_including_both_injection_forms()
    {
        var response = await Send("""{"name": "features", "value": ""}""");

        var names = string.Join(',', _registry.Commands.Select(c => c.Name));
        Assert.Equal($"{{\"returncode\":\"0\",\"message\":\"{names}\"}}", response);
        Assert.Subset(names.Split(',').ToHashSet(), new HashSet<string> { "agentupdate", "features", "file_inject", "injectfile", "keyinit", "kmsactivate", "password", "version" });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Keyinit_then_password_sets_the_root_password_as_nova_does(bool keyAsNumber)
    {
        var novaPrivate = NovaDiffieHellman.CreatePrivateKey();
        var novaPublic = NovaDiffieHellman.ComputePublicKey(novaPrivate).ToString(CultureInfo.InvariantCulture);
        var value = keyAsNumber ? novaPublic : $"\"{novaPublic}\"";

        var keyinit = await Send($$"""{"name": "keyinit", "value": {{value}}}""");

        Assert.Matches("""^\{"returncode":"D0","message":"[0-9]+"\}$""", keyinit);
        var agentPublic = BigInteger.Parse(keyinit.Split('"')[7], CultureInfo.InvariantCulture);
        var secret = NovaDiffieHellman.ComputeSharedSecret(novaPrivate, agentPublic);
        var ciphertext = NovaPasswordCipher.Encrypt(secret, "Wire-Passw0rd");

        Assert.Equal("""{"returncode":"0","message":""}""", await Send($$"""{"name": "password", "value": "{{ciphertext}}"}"""));
        var hash = File.ReadAllText(_root.HostPath("/etc/shadow")).Split('\n')[0].Split(':')[1];
        Assert.StartsWith("$6$", hash, StringComparison.Ordinal);
        Assert.Equal(await CryptHashes.MkpasswdAsync("Wire-Passw0rd", hash), hash);
    }

    [Theory]
    [InlineData("""{"name": "password", "value": "IqgRf/4mhb4VAlvAFe9OSQ=="}""", "Password without key exchange")]
    [InlineData("""{"name": "password", "value": "kjadfkjaf"}""", "Couldn't decode base64 data")]
    [InlineData("""{"name": "keyinit", "value": "1"}""", "Invalid key exchange value: the host's public key must lie in [2, p-2]")]
    [InlineData("""{"name": "keyinit", "value": "abc"}""", "Invalid key exchange value: expected the host's public key as a decimal integer")]
    [InlineData("""{"name": "injectfile", "value": "not base64"}""", "Error doing base64 decoding of data")]
    [InlineData("""{"name": "injectfile", "value": "ZXRjL3Bhc3N3ZCx4"}""", "Invalid file path: it must be absolute")]
    [InlineData("""{"name": "agentupdate", "value": "ftp://example.com/a.tgz,0123456789abcdef0123456789abcdef"}""", "Invalid URL")]
    [InlineData("""{"name": "agentupdate", "value": {"url": "https://example.com/a.tgz"}}""", "Missing URL or MD5 sum in dictionary arguments")]
    [InlineData("""{"name": "kmsactivate", "value": {"activation_key": "k", "profile": "p", "domains": ["a.example"]}}""", "KMS not supported on this OS")]
    public async Task Errors_answer_500_with_the_exact_texts(string request, string message)
    {
        var shadow = File.ReadAllBytes(_root.HostPath("/etc/shadow"));

        Assert.Equal($"{{\"returncode\":\"500\",\"message\":\"{message}\"}}", await Send(request));
        Assert.Equal(shadow, File.ReadAllBytes(_root.HostPath("/etc/shadow")));
    }

    [Fact]
    public async Task A_password_value_that_is_not_a_string_is_a_binding_error()
    {
        Assert.Equal(
            $"{{\"returncode\":\"500\",\"message\":\"{BindingErrors.ExpectedString("password")}\"}}",
            await Send("""{"name": "password", "value": 12345}"""));
    }

    [Fact]
    public async Task Injectfile_and_file_inject_write_the_files()
    {
        var injectfile = Convert.ToBase64String(Encoding.UTF8.GetBytes("/root/.ssh/authorized_keys,\n# The following ssh key was injected by Nova\nssh-rsa AAAA,B nova\n"));
        var path = Convert.ToBase64String("/etc/injected"u8.ToArray());
        var contents = Convert.ToBase64String("a,b"u8.ToArray());

        Assert.Equal("""{"returncode":"0","message":""}""", await Send($$"""{"name": "injectfile", "value": "{{injectfile}}"}"""));
        Assert.Equal("""{"returncode":"0","message":""}""", await Send($$$"""{"name": "file_inject", "value": {"b64_path": "{{{path}}}", "b64_file": "{{{contents}}}"}}"""));

        Assert.Equal("\n# The following ssh key was injected by Nova\nssh-rsa AAAA,B nova\n", File.ReadAllText(_root.HostPath("/root/.ssh/authorized_keys")));
        Assert.Equal("a,b", File.ReadAllText(_root.HostPath("/etc/injected")));
    }

    [Fact]
    public async Task Agentupdate_installs_from_the_url_and_md5_string()
    {
        _root.Services.Add(new AgentUpdateOptions { AllowHttp = true });
        var archive = new UpdateArchive().File("guest-agent", "\u007fELF new agent"u8.ToArray()).ToBytes();
        _server.Serve("/guest-agent.tar.gz", archive);

        var response = await Send($$"""{"name": "agentupdate", "value": "{{_server.Url("/guest-agent.tar.gz")}},{{UpdateArchive.Md5(archive)}}"}""");

        Assert.Equal("""{"returncode":"0","message":""}""", response);
        Assert.Equal("\u007fELF new agent", File.ReadAllText(_root.HostPath("/usr/sbin/guest-agent")));
        Assert.Contains("systemctl --no-block restart guest-agent.service", _root.ActionsLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kmsactivate_registers_on_red_hat()
    {
        _root.WriteFile("/etc/os-release", "ID=\"centos\"\n");

        var response = await Send("""{"name": "kmsactivate", "value": {"activation_key": "SECRET", "profile": "web", "domains": ["rhn.example.com"]}}""");

        Assert.Equal("""{"returncode":"0","message":""}""", response);
        Assert.Equal("/usr/sbin/rhnreg_ks <secret> --profile=web --force\n", _root.ActionsLog());
    }

    [Theory]
    [InlineData("keyinit", "\"\\ud800\"")]
    [InlineData("agentupdate", "\"https://h/a.tar.gz,\\udc00\"")]
    [InlineData("file_inject", "{\"b64_path\":\"\\ud800\",\"b64_file\":\"\"}")]
    [InlineData("kmsactivate", "{\"activation_key\":\"\\ud800\",\"profile\":\"p\",\"domains\":[\"a.example\"]}")]
    public async Task A_string_escaping_a_lone_surrogate_is_a_binding_error_not_an_internal_one(string command, string value)
    {
        // Valid JSON that no .NET string can hold: these commands take their value whole and read
        // it with GetString, which throws; the registry refuses it before they run.
        var response = await Send($$"""{"name":"{{command}}","value":{{value}}}""");

        Assert.Equal($$"""{"returncode":"500","message":"Command '{{command}}' received a string that is not valid Unicode text"}""", response);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _root.Dispose();
    }

    private async Task<string> Send(string request)
    {
        var response = await _parser.ParseRequestAsync(
            new AgentRequest(Guid.NewGuid().ToString(), Encoding.UTF8.GetBytes(request), _root.Session), TestContext.Current.CancellationToken);
        return response.ToJson();
    }
}

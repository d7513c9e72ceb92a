using System.Text;
using System.Text.Json;
using GuestAgent.Commands.Network.Sources;
using GuestAgent.Commands.Security;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Update;
using GuestAgent.Generated;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests;

/// <summary>
/// Without libssl, .NET's cryptography aborts the process on first use: the commands that need it
/// answer "500" first, and the composition says so once at start.
/// </summary>
public sealed class OpenSslLibraryTests : IDisposable
{
    private const string Missing = "none of libssl.so.3, libssl.so.1.1, libssl.so.1.0.2, libssl.so.1.0.0, libssl.so.10, libssl.so.11, libssl.so.111 could be loaded";

    private const string NotFound = "none of libssl.so.3, libssl.so.1.1, libssl.so.1.0.2, libssl.so.1.0.0, libssl.so.10, libssl.so.11, libssl.so.111 is where the dynamic loader looks";

    private static readonly OpenSslLibrary NoLibssl = new(null, _ => false, _ => false);

    private readonly CommandRoot _root = new();
    private readonly CapturingLoggerFactory _loggers = new();

    [Fact]
    public void Load_tries_the_names_dotnet_tries_in_its_order_stops_at_the_first_that_loads_and_keeps_it()
    {
        var tried = new List<string>();
        var library = new OpenSslLibrary("1.0.2k", name =>
        {
            tried.Add(name);
            return name == "libssl.so.1.1";
        }, _ => false);

        Assert.Equal("libssl.so.1.1", library.Load());
        Assert.Equal("libssl.so.1.1", library.Load());

        Assert.Equal(["libssl.so.1.0.2k", "libssl.so.3", "libssl.so.1.1"], tried);
        // Once loaded it is installed, whatever the file search says.
        Assert.Equal("libssl.so.1.1", library.FindInstalled());
    }

    [Fact]
    public void A_missing_library_is_looked_for_again_at_every_load_so_installing_it_is_enough()
    {
        var installed = false;
        var library = new OpenSslLibrary(null, name => installed && name == "libssl.so.3", _ => installed);

        Assert.Null(library.Load());
        Assert.Null(library.FindInstalled());
        installed = true;

        Assert.Equal("libssl.so.3", library.FindInstalled());
        Assert.Equal("libssl.so.3", library.Load());
    }

    [Fact]
    public void An_override_longer_than_dotnet_accepts_is_not_tried()
    {
        var library = new OpenSslLibrary(new string('1', 33), _ => false, _ => false);

        Assert.Null(library.Load());
        Assert.Equal(["libssl.so.3", "libssl.so.1.1", "libssl.so.1.0.2", "libssl.so.1.0.0", "libssl.so.10", "libssl.so.11", "libssl.so.111"], library.Names);
    }

    [Fact]
    public void An_override_of_exactly_the_longest_length_dotnet_accepts_is_tried_first()
    {
        var version = new string('1', 32);
        var library = new OpenSslLibrary(version, _ => false, _ => false);

        Assert.Equal("libssl.so." + version, library.Names[0]);
        Assert.Equal(8, library.Names.Count);
    }

    [Fact]
    public void This_process_finds_the_installed_libssl_without_loading_it_and_then_loads_it()
    {
        ExternalTool.Require("openssl", "openssl");
        var library = OpenSslLibrary.ForThisProcess();

        var installed = library.FindInstalled();

        Assert.StartsWith("libssl.so.", installed, StringComparison.Ordinal);
        Assert.Equal(installed, library.Load());
    }

    [Fact]
    public void Keyinit_answers_500_naming_the_missing_library_and_keeps_no_key()
    {
        _root.Services.Add(NoLibssl);

        var error = Assert.Throws<CommandException>(() => KeyInitCommand.KeyInit(Json("\"72934389420761065950890858028106\""), _root.Context("keyinit")));

        Assert.Equal("500", error.ReturnCode);
        Assert.Equal($"libssl is not installed on this system: 'keyinit' needs OpenSSL, and {Missing}", error.Message);
        Assert.Null(_root.Session.Get<NovaSessionKey>());
    }

    [Fact]
    public async Task Password_answers_500_naming_the_missing_library_and_the_key_is_used_up()
    {
        new NovaSessionKey("12345"u8.ToArray()).StoreIn(_root.Session, _root.Time, TimeSpan.FromMinutes(1));
        _root.Services.Add(NoLibssl);
        _root.WriteFile("/etc/shadow", "root:*:19000:0:99999:7:::\n", "640");

        var error = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password("AAAAAAAAAAAAAAAAAAAAAA==", _root.Context("password")));

        Assert.Equal("500", error.ReturnCode);
        Assert.Equal($"libssl is not installed on this system: 'password' needs OpenSSL, and {Missing}", error.Message);
        Assert.Null(_root.Session.Get<NovaSessionKey>());
        Assert.Equal("root:*:19000:0:99999:7:::\n", File.ReadAllText(_root.HostPath("/etc/shadow")));
    }

    [Fact]
    public async Task Agentupdate_answers_500_naming_the_missing_library_and_stages_nothing()
    {
        _root.Services.Add(NoLibssl);

        var error = await Assert.ThrowsAsync<CommandException>(() => AgentUpdateCommand.AgentUpdate(
            Json("\"https://example.invalid/guest-agent.tar.gz,0123456789abcdef0123456789abcdef\""), _root.Context("agentupdate")));

        Assert.Equal("500", error.ReturnCode);
        Assert.Equal($"libssl is not installed on this system: 'agentupdate' needs OpenSSL, and {Missing}", error.Message);
        Assert.False(Directory.Exists(_root.HostPath(AgentUpdateOptions.Default.StagingDirectory)));
    }

    [Fact]
    public async Task Composed_without_libssl_one_Error_is_logged_at_start_and_the_other_commands_are_served()
    {
        var services = new ServiceMap().Add(NoLibssl).AddBuiltInCommands(_root.System, new InMemoryVmDataSource([]), _loggers);

        Assert.Equal([$"Error: libssl was not found on this system ({NotFound}): keyinit, password and agentupdate answer 500 until OpenSSL is installed; the other commands are served"], _loggers.Messages);
        Assert.Same(NoLibssl, services.GetService(typeof(OpenSslLibrary)));
        Assert.Equal(
            """{"returncode":"500","message":"libssl is not installed on this system: 'keyinit' needs OpenSSL, and none of libssl.so.3, libssl.so.1.1, libssl.so.1.0.2, libssl.so.1.0.0, libssl.so.10, libssl.so.11, libssl.so.111 could be loaded"}""",
            await SendAsync(services, """{"name":"keyinit","value":"72934389420761065950890858028106"}"""));
        Assert.StartsWith("""{"returncode":"0","message":""", await SendAsync(services, """{"name":"version","value":""}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Composed_with_libssl_nothing_is_logged_and_the_library_is_registered()
    {
        ExternalTool.Require("openssl", "openssl");

        var services = new ServiceMap().AddBuiltInCommands(_root.System, new InMemoryVmDataSource([]), _loggers);

        Assert.Empty(_loggers.Messages);
        Assert.NotNull(Assert.IsType<OpenSslLibrary>(services.GetService(typeof(OpenSslLibrary))).FindInstalled());
    }

    public void Dispose() => _root.Dispose();

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private async Task<string> SendAsync(ServiceMap services, string request)
    {
        var parser = new NovaJsonParser(AgentCommands.CreateRegistry(services), services, new CategoryLogger<NovaJsonParser>(_loggers, nameof(NovaJsonParser)));
        var response = await parser.ParseRequestAsync(new AgentRequest("1", Encoding.UTF8.GetBytes(request), _root.Session), TestContext.Current.CancellationToken);
        return response.ToJson();
    }
}

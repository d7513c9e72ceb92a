using System.Text;
using GuestAgent.Commands.Kms;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Sources;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Update;
using GuestAgent.Generated;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Tests;

/// <summary>
/// The composition an application built from the packages uses, the one the daemon uses too
/// (<see cref="BuiltInCommands"/>): every built-in command gets its services, and the start-up
/// recoveries run in order from the options the commands see.
/// </summary>
public sealed class BuiltInCommandsTests : IDisposable
{
    private readonly CommandRoot _root = new();
    private readonly CapturingLoggerFactory _loggers = new();

    [Fact]
    public async Task Composed_with_AddBuiltInCommands_resetnetwork_runs()
    {
        var services = new ServiceMap().AddBuiltInCommands(_root.System, new InMemoryVmDataSource([new("0123456789ab", "{not json")]), _loggers);

        var answer = await SendAsync(services, """{"name":"resetnetwork","value":""}""");

        // Not "failed with an internal error": the command ran, and answers for an empty root what the
        // original agent answers on a system it does not recognise.
        Assert.StartsWith("""{"returncode":"500","message":"Couldn't figure out my OS (""", answer, StringComparison.Ordinal);
        Assert.IsType<CategoryLogger<NetworkCommands>>(services.GetService(typeof(ILogger<NetworkCommands>)));
        Assert.Same(_loggers, services.GetService(typeof(ILoggerFactory)));
    }

    [Fact]
    public void Loggers_the_application_registered_before_the_call_are_kept()
    {
        using var own = new CapturingLoggerFactory();
        var ownNetworkLogger = new CategoryLogger<NetworkCommands>(own, "Contoso.Network");
        var services = new ServiceMap()
            .Add<ILoggerFactory>(own)
            .Add<ILogger<NetworkCommands>>(ownNetworkLogger)
            .AddBuiltInCommands(_root.System, new InMemoryVmDataSource([]), _loggers);

        Assert.Same(own, services.GetService(typeof(ILoggerFactory)));
        Assert.Same(ownNetworkLogger, services.GetService(typeof(ILogger<NetworkCommands>)));
    }

    [Fact]
    public void Without_a_network_logger_of_its_own_the_application_gets_one_from_the_loggers_given()
    {
        using var own = new CapturingLoggerFactory();
        var services = new ServiceMap().Add<ILoggerFactory>(own).AddBuiltInCommands(_root.System, new InMemoryVmDataSource([]), _loggers);

        Assert.Same(own, services.GetService(typeof(ILoggerFactory)));
        var logger = Assert.IsType<CategoryLogger<NetworkCommands>>(services.GetService(typeof(ILogger<NetworkCommands>)));
        logger.LogWarning("from resetnetwork");
        Assert.Contains("Warning: from resetnetwork", _loggers.Messages);
        Assert.DoesNotContain("Warning: from resetnetwork", own.Messages);
    }

    [Fact]
    public async Task Without_its_services_resetnetwork_answers_an_internal_error_and_the_log_says_which_service_at_Error()
    {
        var services = _root.System.AddTo(new ServiceMap());

        var answer = await SendAsync(services, """{"name":"resetnetwork","value":""}""");

        Assert.Equal("""{"returncode":"500","message":"Command 'resetnetwork' failed with an internal error"}""", answer);
        Assert.Contains(
            "Error: Request 1: command 'resetnetwork' cannot run: Command class 'GuestAgent.Commands.Network.NetworkCommands' needs the service 'GuestAgent.Commands.Network.Sources.IVmDataSource', which is not registered",
            _loggers.Messages);
    }

    [Theory]
    [InlineData("kmsactivate", "Kms.KmsActivateCommand")]
    [InlineData("injectfile", "Files.InjectFileCommands")]
    [InlineData("file_inject", "Files.InjectFileCommands")]
    [InlineData("agentupdate", "Update.AgentUpdateCommand")]
    public async Task Without_an_AgentSystem_a_command_that_changes_the_system_answers_an_internal_error_and_the_log_says_so_at_Error(
        string command, string commandClass)
    {
        // Everything but the system. Each request aims at a real directory (and agentupdate at a port
        // nobody listens on), so a command that guessed the real root "/" would write here, where the
        // test sees it, not into the machine's /etc or /var/lib. kmsactivate cannot be aimed (its
        // files are /etc/sysconfig/rhn's): on this Debian test machine a guessed root stops it at
        // "KMS not supported on this OS", and its lock would be under the temporary state directory.
        // password is left out: past its key exchange, a guessed root would be the machine's shadow.
        using var real = new TemporaryDirectory();
        var file = Convert.ToBase64String(Encoding.UTF8.GetBytes(Path.Join(real.Path, "motd")));
        var value = command switch
        {
            "kmsactivate" => """{"activation_key":"key","profile":"web","domains":["rhn.example.com"]}""",
            "injectfile" => '"' + Convert.ToBase64String(Encoding.UTF8.GetBytes(Path.Join(real.Path, "motd") + ",hello")) + '"',
            "file_inject" => $$"""{"b64_path":"{{file}}","b64_file":"aGVsbG8="}""",
            _ => """{"url":"https://127.0.0.1:1/agent.tar.gz","md5sum":"0123456789abcdef0123456789abcdef"}""",
        };
        var services = new ServiceMap().Add<ILoggerFactory>(_loggers)
            .Add(new AgentUpdateOptions { StagingDirectory = Path.Join(real.Path, "updates") })
            .Add(new KmsActivateOptions { StateDirectory = Path.Join(real.Path, "state") });

        var answer = await SendAsync(services, $$"""{"name":"{{command}}","value":{{value}}}""");

        Assert.Equal($$"""{"returncode":"500","message":"Command '{{command}}' failed with an internal error"}""", answer);
        Assert.Contains(
            $"Error: Request 1: command '{command}' cannot run: Command class 'GuestAgent.Commands.{commandClass}' needs the service 'GuestAgent.Platform.AgentSystem', which is not registered",
            _loggers.Messages);
        Assert.Empty(Directory.EnumerateFileSystemEntries(real.Path));
    }

    [Fact]
    public async Task Without_an_AgentSystem_version_features_and_keyinit_still_answer()
    {
        // packages.md: without the system every built-in command answers "500" but these three,
        // which touch no file (keyinit's clock falls back to the system's).
        var services = new ServiceMap().Add<ILoggerFactory>(_loggers);

        Assert.StartsWith("""{"returncode":"0","message":""", await SendAsync(services, """{"name":"version","value":""}"""), StringComparison.Ordinal);
        Assert.StartsWith("""{"returncode":"0","message":""", await SendAsync(services, """{"name":"features","value":""}"""), StringComparison.Ordinal);
        Assert.StartsWith("""{"returncode":"D0","message":""", await SendAsync(services, $$"""{"name":"keyinit","value":"{{FullPath.FuzzedAgent.NovaPublicKey}}"}"""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecoverAsync_puts_right_what_each_command_left_in_order_with_the_options_the_commands_see()
    {
        // Options of their own, registered after the composition: the recoveries read the services.
        var services = new ServiceMap().AddBuiltInCommands(_root.System, new InMemoryVmDataSource([]), _loggers)
            .Add(new NetworkOptions { StateDirectory = "/var/lib/contoso" })
            .Add(new AgentUpdateOptions { StagingDirectory = "/var/lib/contoso/updates" });
        _root.WriteFile("/var/lib/contoso/resetnetwork/transaction.json", "not json at all", "600");
        _root.WriteFile("/var/lib/contoso/updates/0123456789abcdef/download", "partial", "600");
        _root.WriteFile("/etc/sysconfig/rhn/.systemid.0123456789ab.kmsactivate", "old system id\n", "600");

        await BuiltInCommands.RecoverAsync(services, TestContext.Current.CancellationToken);

        Assert.DoesNotContain("transaction.json", _root.System.FileSystem.ListDirectory("/var/lib/contoso/resetnetwork"));
        Assert.Empty(_root.System.FileSystem.ListDirectory("/var/lib/contoso/updates"));
        Assert.Equal("old system id\n", File.ReadAllText(_root.HostPath("/etc/sysconfig/rhn/systemid")));
        // resetnetwork first (one still waiting runs from the restored files), then agentupdate, then kmsactivate.
        Assert.Equal(
            ["Error: resetnetwork:", "Warning: agentupdate:", "Warning: kmsactivate:"],
            _loggers.Messages.Select(message => string.Join(' ', message.Split(' ').Take(2))));
    }

    [Fact]
    public async Task RecoverAsync_without_an_AgentSystem_says_what_is_missing()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => BuiltInCommands.RecoverAsync(new ServiceMap(), TestContext.Current.CancellationToken));

        Assert.Contains("AgentSystem is not registered", exception.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();

    private async Task<string> SendAsync(ServiceMap services, string request)
    {
        var parser = new NovaJsonParser(AgentCommands.CreateRegistry(services), services, new CategoryLogger<NovaJsonParser>(_loggers, nameof(NovaJsonParser)));
        var response = await parser.ParseRequestAsync(new AgentRequest("1", Encoding.UTF8.GetBytes(request), _root.Session), TestContext.Current.CancellationToken);
        return response.ToJson();
    }
}

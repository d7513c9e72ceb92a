using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Tests.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging.Abstractions;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// <c>hostnamectl set-hostname</c> changes <c>/etc/machine-info</c> as well (it clears the pretty
/// hostname for a plain name, removing the file when nothing else is in it); a <c>resetnetwork</c>
/// rolled back, by itself or by recovery after a crash, puts that file back exactly as it was
/// (contents, mode), or removes it when there was none, and sets the running name back. Every
/// <c>hostnamectl</c> the agent runs is the real one, with the real <c>systemd-hostnamed</c>
/// (<see cref="PrivateHostnamed"/>) on the machine's <c>/etc</c>.
/// </summary>
public sealed class PrettyHostnameRollbackTests
{
    private const string MachineInfo = "/etc/machine-info";
    private const string Custom = "PRETTY_HOSTNAME=Alice's build box\nICON_NAME=computer-vm\nDEPLOYMENT=staging\n";
    private const string WithoutPrettyName = "ICON_NAME=computer-vm\nDEPLOYMENT=staging\n";
    private static readonly UnixFileMode Mode0640 = (UnixFileMode)Convert.ToInt32("640", 8);

    [Fact]
    public async Task A_failing_apply_puts_a_custom_pretty_hostname_back_with_its_mode()
    {
        using var root = Ubuntu();
        root.Write(MachineInfo, Custom);
        File.SetUnixFileMode(root.Host(MachineInfo), Mode0640);

        var result = await ResetAsync(root, "netplan");

        Assert.Equal("500", result.ReturnCode);
        Assert.Equal(["hostnamectl set-hostname test-server", "netplan apply", "hostnamectl set-hostname old-name", "netplan apply"], root.Actions());
        Assert.Equal(["test-server", "old-name"], root.RunningNames);
        Assert.Equal(Custom, root.Read(MachineInfo));
        Assert.Equal(Mode0640, root.Mode(MachineInfo));
        Assert.Equal("old-name\n", root.Read("/etc/hostname"));
        Assert.Null(root.Read(MachineInfo + ".bak"));
    }

    [Fact]
    public async Task A_failing_apply_removes_the_file_when_there_was_none()
    {
        using var root = Ubuntu();

        var result = await ResetAsync(root, "netplan");

        Assert.Equal("500", result.ReturnCode);
        Assert.Equal(["test-server", "old-name"], root.RunningNames);
        Assert.Null(root.Read(MachineInfo));
        Assert.Equal("old-name\n", root.Read("/etc/hostname"));
    }

    [Fact]
    public async Task Recovery_after_a_kill_puts_it_back_too()
    {
        using var root = Ubuntu();
        root.Write(MachineInfo, Custom);
        var recording = root.CreateSystem();
        var dying = new ScriptedProcessRunner(spec => spec.Program == "netplan"
            ? throw new SimulatedCrash()
            : root.Runner(recording.Processes).RunAsync(spec).GetAwaiter().GetResult());
        await Assert.ThrowsAsync<SimulatedCrash>(() => new NetworkCommands(recording with { Processes = dying }, VmData()).ResetNetworkAsync(ResetNetworkRequest.Context()));
        Assert.Equal(WithoutPrettyName, root.Read(MachineInfo));

        var system = root.CreateSystem();
        var outcome = await new NetworkRecovery(system with { Processes = root.Runner(system.Processes) }, new NetworkOptions(), NullLogger.Instance)
            .RecoverAsync(TestContext.Current.CancellationToken);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, outcome);
        Assert.Equal(["test-server", "old-name"], root.RunningNames);
        Assert.Equal(Custom, root.Read(MachineInfo));
        Assert.Null(root.Read(FakeRoot.TransactionRecord));
    }

    [Fact]
    public async Task A_change_that_succeeds_keeps_what_hostnamectl_wrote()
    {
        using var root = Ubuntu();
        root.Write(MachineInfo, Custom);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root));

        Assert.Equal(WithoutPrettyName, root.Read(MachineInfo));
        Assert.Equal(["test-server"], root.RunningNames);
        Assert.Equal("test-server\n", root.Read("/etc/hostname"));
    }

    private static Machine Ubuntu()
    {
        var root = RackspaceMachine("ubuntu");
        root.Write("/etc/hostname", "old-name\n");

        // The private bus reads them to let hostnamectl in.
        root.Write("/etc/passwd", File.ReadAllText("/etc/passwd"));
        root.Write("/etc/group", File.ReadAllText("/etc/group"));
        return new Machine(root, PrivateHostnamed.Create());
    }

    private static async Task<CommandResult> ResetAsync(Machine root, params string[] failingPrograms)
    {
        var system = root.CreateSystem(failingPrograms);
        var command = new NetworkCommands(system with { Processes = root.Runner(system.Processes) }, VmData());
        try
        {
            return await command.ResetNetworkAsync(ResetNetworkRequest.Context());
        }
        catch (CommandException error)
        {
            return error.ToResult();
        }
    }

    /// <summary>A machine whose <c>hostnamectl set-hostname</c> calls go to the real hostnamectl and hostnamed.</summary>
    private sealed class Machine(FakeRoot root, PrivateHostnamed hostnamed) : IDisposable
    {
        private readonly FakeRoot _root = root;
        private readonly PrivateHostnamed _hostnamed = hostnamed;
        private readonly List<string> _runningNames = [];

        /// <summary>The running name each <c>hostnamectl</c> call left, in order.</summary>
        public IReadOnlyList<string> RunningNames => _runningNames;

        public AgentSystem CreateSystem(params string[] failingPrograms) => _root.CreateSystem(failingPrograms);

        public string? Read(string agentPath) => _root.Read(agentPath);

        public void Write(string agentPath, string contents) => _root.Write(agentPath, contents);

        public UnixFileMode Mode(string agentPath) => _root.Mode(agentPath);

        public string Host(string agentPath) => _root.Host(agentPath);

        public string[] Actions() => _root.Actions();

        /// <summary>Runs <c>hostnamectl set-hostname</c> for real on this machine's <c>/etc</c>, then lets <paramref name="recorder"/> log it.</summary>
        public IProcessRunner Runner(IProcessRunner recorder) => new Hostnamectl(this, recorder);

        public void Dispose()
        {
            _hostnamed.Dispose();
            _root.Dispose();
        }

        private sealed class Hostnamectl(Machine machine, IProcessRunner recorder) : IProcessRunner
        {
            private const string Script = "mount --bind \"$1\" /etc || exit 97\nhostnamectl set-hostname \"$2\" || exit $?\nhostname\n";

            public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
            {
                if (spec is { Program: "hostnamectl", Arguments: ["set-hostname", var name] })
                {
                    // A failure shows in the running names the tests compare, and fails the step as it would.
                    var result = await machine._hostnamed.RunAsync(Script, machine._root.Host("/etc"), name);
                    machine._runningNames.Add(result.ExitCode == 0 ? result.StandardOutput.Trim() : $"exit {result.ExitCode}: {result.StandardError.Trim()}");
                    if (result.ExitCode != 0)
                    {
                        return new ProcessResult(result.ExitCode, result.StandardOutput, result.StandardError);
                    }
                }

                return await recorder.RunAsync(spec, cancellationToken);
            }
        }
    }
}

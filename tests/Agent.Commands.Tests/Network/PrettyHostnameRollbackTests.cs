using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Tests.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging.Abstractions;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// <c>hostnamectl set-hostname</c> sets the pretty hostname in <c>/etc/machine-info</c> as well; a
/// <c>resetnetwork</c> rolled back, by itself or by recovery after a crash, puts that file back
/// exactly as it was (contents, mode), or removes it when there was none.
/// </summary>
public sealed class PrettyHostnameRollbackTests
{
    private const string MachineInfo = "/etc/machine-info";
    private const string Custom = "PRETTY_HOSTNAME=Alice's build box\nICON_NAME=computer-vm\nDEPLOYMENT=staging\n";
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
            : new Hostnamectl(root, recording.Processes).RunAsync(spec).GetAwaiter().GetResult());
        await Assert.ThrowsAsync<SimulatedCrash>(() => new NetworkCommands(recording with { Processes = dying }, VmData()).ResetNetworkAsync(ResetNetworkRequest.Context()));
        Assert.Equal("PRETTY_HOSTNAME=test-server\nICON_NAME=computer-vm\nDEPLOYMENT=staging\n", root.Read(MachineInfo));

        var system = root.CreateSystem();
        var outcome = await new NetworkRecovery(system with { Processes = new Hostnamectl(root, system.Processes) }, new NetworkOptions(), NullLogger.Instance)
            .RecoverAsync(TestContext.Current.CancellationToken);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, outcome);
        Assert.Equal(Custom, root.Read(MachineInfo));
        Assert.Null(root.Read(FakeRoot.TransactionRecord));
    }

    [Fact]
    public async Task A_change_that_succeeds_keeps_what_hostnamectl_wrote()
    {
        using var root = Ubuntu();
        root.Write(MachineInfo, Custom);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root));

        Assert.Equal("PRETTY_HOSTNAME=test-server\nICON_NAME=computer-vm\nDEPLOYMENT=staging\n", root.Read(MachineInfo));
    }

    private static FakeRoot Ubuntu()
    {
        var root = RackspaceMachine("ubuntu");
        root.Write("/etc/hostname", "old-name\n");
        return root;
    }

    private static async Task<CommandResult> ResetAsync(FakeRoot root, params string[] failingPrograms)
    {
        var system = root.CreateSystem(failingPrograms);
        var command = new NetworkCommands(system with { Processes = new Hostnamectl(root, system.Processes) }, VmData());
        try
        {
            return await command.ResetNetworkAsync(ResetNetworkRequest.Context());
        }
        catch (CommandException error)
        {
            return error.ToResult();
        }
    }

    /// <summary>
    /// <c>hostnamectl set-hostname NAME</c> as systemd-hostnamed carries it out: <c>/etc/hostname</c>
    /// and the pretty hostname in <c>/etc/machine-info</c> (other keys kept, the file replaced by a new
    /// 0644 one, created when missing); then the recording runner logs it.
    /// </summary>
    private sealed class Hostnamectl(FakeRoot root, IProcessRunner recorder) : IProcessRunner
    {
        public Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
        {
            if (spec is { Program: "hostnamectl", Arguments: ["set-hostname", var name] })
            {
                root.Write("/etc/hostname", name + "\n");
                var host = root.Host(MachineInfo);
                var lines = File.Exists(host) ? File.ReadAllLines(host).Where(l => !l.StartsWith("PRETTY_HOSTNAME=", StringComparison.Ordinal)) : [];
                var replacement = host + ".tmp";
                File.WriteAllLines(replacement, lines.Prepend($"PRETTY_HOSTNAME={name}"));
                File.SetUnixFileMode(replacement, (UnixFileMode)Convert.ToInt32("644", 8));
                File.Move(replacement, host, overwrite: true);
            }

            return recorder.RunAsync(spec, cancellationToken);
        }
    }
}

using GuestAgent.Commands.Network;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Time.Testing;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The deadline from <see cref="NetworkOptions"/> through the whole command, on an Ubuntu root
/// whose <c>netplan apply</c> is played by a real shell script that hangs the first time. The
/// hanging run's time runs out on a manual clock, moved once the script has said it hangs, so
/// the outcome does not depend on how fast the machine runs everything before it.
/// </summary>
public sealed class ResetNetworkDeadlineTests : IDisposable
{
    private const string CloudInit = "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n";

    private readonly FakeRoot _root = RackspaceMachine("ubuntu");
    private readonly TemporaryDirectory _work = new("guestagent-deadline-");
    private readonly FakeTimeProvider _clock = new(CommandRoot.DefaultNow);

    public ResetNetworkDeadlineTests()
    {
        _root.Write("/etc/netplan/50-cloud-init.yaml", CloudInit);
        _root.Write("/etc/hostname", "old-name\n");
    }

    /// <summary>
    /// <c>netplan apply</c> hangs on its first run (a shell waiting on a child sleep, both pids
    /// written down) and marks the later ones; every other program succeeds at once.
    /// </summary>
    private StandInProcessRunner Programs(bool netplanHangs, TimeProvider? time = null) => new(spec => spec.Program == "netplan"
        ? new ProcessSpec("/bin/sh", "-c",
            "if [ \"$2\" = hangs ] && [ ! -e \"$1/first\" ]; then touch \"$1/first\"; echo $$ >> \"$1/pids\"; sleep 300 & echo $! >> \"$1/pids\"; wait; " +
            "else echo \"$*\" >> \"$1/netplan-runs\"; fi",
            "sh", _work.Path, netplanHangs ? "hangs" : "works")
        : new ProcessSpec("/bin/true"), time);

    private async Task<CommandResult> ResetAsync(StandInProcessRunner programs, NetworkOptions options, TimeProvider? time = null)
    {
        var system = _root.CreateSystem() with { Processes = programs };
        var command = new NetworkCommands(time is null ? system : system with { Time = time }, VmData(), options);
        try
        {
            return await command.ResetNetworkAsync(ResetNetworkRequest.Context());
        }
        catch (CommandException error)
        {
            return error.ToResult();
        }
    }

    [Fact]
    public async Task A_hanging_netplan_apply_is_killed_when_the_time_runs_out_and_the_previous_configuration_comes_back()
    {
        var before = _root.Hash(FakeRoot.StateDirectory);
        var programs = Programs(netplanHangs: true, _clock);

        var resetting = ResetAsync(programs, new NetworkOptions { Deadline = TimeSpan.FromSeconds(4), RollbackShare = 0.5 }, _clock);
        // Once netplan apply hangs (both its pids written), the 2 s for applying run out.
        await ProcessLiveness.WaitForPidsAsync(_work.Combine("pids"), 2, resetting);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var result = await resetting.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(new CommandResult("500",
            "Couldn't apply the network configuration in time: 'netplan apply' was still running when the 2 s allowed for applying ran out, " +
            "and was stopped; the previous configuration was restored and applied again"), result);
        Assert.Equal(before, _root.Hash(FakeRoot.StateDirectory));
        Assert.Null(_root.Read(FakeRoot.TransactionRecord));
        Assert.Equal(["hostnamectl set-hostname test-server", "netplan apply", "hostnamectl set-hostname old-name", "netplan apply"], programs.Calls);
        Assert.Single(File.ReadAllLines(_work.Combine("netplan-runs")));
        var pids = ProcessLiveness.ReadPids(_work.Combine("pids"));
        Assert.Equal(2, pids.Length);
        foreach (var pid in pids)
        {
            Assert.True(await ProcessLiveness.BecomesDeadAsync(pid), $"process {pid} is still running");
        }
    }

    [Fact]
    public async Task With_the_default_deadline_a_working_netplan_apply_configures_the_guest()
    {
        var programs = Programs(netplanHangs: false);

        var result = await ResetAsync(programs, new NetworkOptions());

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(["hostnamectl set-hostname test-server", "netplan apply"], programs.Calls);
        Assert.Single(File.ReadAllLines(_work.Combine("netplan-runs")));
        Assert.Contains("162.209.76.19/24", _root.Read("/etc/netplan/90-guest-agent.yaml"), StringComparison.Ordinal);
        Assert.Equal(CloudInit, _root.Read("/etc/netplan/50-cloud-init.yaml.bak"));
    }

    public void Dispose()
    {
        _root.Dispose();
        _work.Dispose();
    }
}

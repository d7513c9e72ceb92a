using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Tests.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Recovery of a NetworkManager <c>resetnetwork</c> cut short by a crash, in the same boot and after
/// a reboot (a new boot id). The steps are the ones the product's recovery runs (<see cref="NetworkRecovery"/>
/// over the record the real <see cref="NetworkApplier"/> wrote before it was killed); the real
/// NetworkManager (<see cref="NetworkManagerScenario"/>) judges them. After a reboot NetworkManager no
/// longer has what an operator brought up by hand in the earlier boot: a connection with
/// <c>autoconnect=no</c> is never active at a boot, so recovery must not bring it up again either, while
/// our own restored connections are brought up as the boot would have activated them. What recovery
/// leaves must be what the next boot gives.
/// </summary>
public sealed class NetworkManagerRecoveryAcrossBootsTests
{
    private const string EarlierBoot = "5f0c3a4e-0000-4000-8000-000000000001";
    private const string LaterBoot = "5f0c3a4e-0000-4000-8000-000000000002";
    private const string OperatorUuid = "3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11";
    private static readonly ProcessResult Success = new(0, "", "");

    [Fact]
    public async Task After_a_reboot_recovery_leaves_each_interface_as_a_boot_does_without_the_operators_connection_brought_up_by_hand()
    {
        var (a, b) = (NetworkFixture.Load("several-interfaces"), NetworkFixture.Load("ipv4-only"));
        var (configurationA, configurationB) = (a.Build(), b.Build());
        var renderedA = NetworkManagerLeftoversTests.Render(configurationA, []);
        NetworkManagerScenario Machine()
        {
            var scenario = new NetworkManagerScenario(a.Interfaces);
            scenario.WriteRendered(renderedA);
            scenario.Write("operator eth0.nmconnection", NetworkManagerLeftoversTests.OperatorEth0);
            // cloud-init's connection for eth1, which autoconnect gives eth1 while ours is moved aside.
            scenario.Write("cloud-init eth1.nmconnection", NetworkManagerLeftoversTests.CloudInitEth1);
            return scenario;
        }

        var (active, answer) = await NetworkManagerActiveBeforeTests.AskAsync(Machine, s => s.Started("first").Applied("by hand", new RenderResult([], []), NetworkManagerLeftoversTests.ByHand));
        var plan = NetworkManagerLeftoversTests.Plan(configurationB, renderedA.Files, active);
        var renderedB = NetworkManagerLeftoversTests.Render(configurationB, renderedA.Files);
        Assert.True(active.TryGetValue("eth0", out var eth0) && eth0.Uuid == OperatorUuid, $"NetworkManager's answer: {answer}");
        var sameBoot = await RecoveryStepsAsync(renderedA, renderedB, plan, reboot: false);
        var laterBoot = await RecoveryStepsAsync(renderedA, renderedB, plan, reboot: true);

        using var scenario = Machine();
        var phases = await scenario.Started("first")
            .Applied("by hand", new RenderResult([], []), NetworkManagerLeftoversTests.ByHand)
            // The change applied; the agent killed before it could commit (or roll back), and the machine reset.
            .Applied("changed", renderedB, plan)
            .Rebooted("power cut", abruptly: true)
            .Applied("recovered", renderedA, new ApplyPlan([], laterBoot.Steps))
            .Later("running")
            .Rebooted("booted again")
            .RunAsync();

        Assert.True(phases["by hand"].State.Devices["eth0"].Connection == "operator eth0", $"the operator's connection was not active first:\n{phases["by hand"].State.Transcript}");
        // In the same boot recovery does what the rollback does: the operator's connection comes back last.
        Assert.Equal($"nmcli connection up uuid {OperatorUuid} ifname eth0", sameBoot.Steps[^1].Name);
        var recovered = phases["recovered"];
        Assert.All(recovered.Exits, exit => Assert.True(exit.Value == 0, $"recovery's '{exit.Key}' exited with {exit.Value}:\n{recovered.State.Transcript}"));
        var booted = phases["booted again"].State;
        foreach (var device in new[] { "eth0", "eth1" })
        {
            Assert.True(
                recovered.State.Devices[device].Connection == booted.Devices[device].Connection,
                $"after recovery {device} has '{recovered.State.Devices[device].Connection}', a boot gives it '{booted.Devices[device].Connection}':\n{recovered.State.Transcript}");
        }

        Assert.True(
            recovered.State.Devices["eth0"].Connection == NetworkManagerRenderer.ConnectionId("eth0") && !recovered.State.Addresses.Contains("eth0 198.51.100.7/24"),
            $"after a reboot, recovery brought up again the connection the operator had brought up by hand in the earlier boot:\n{recovered.State.Transcript}");
        NetworkManagerDaemonTests.AssertApplied(configurationA, recovered.State, NetworkManagerRenderer.ConnectionId);
        Assert.Contains(laterBoot.Warnings, warning => warning.Contains($"nmcli connection up uuid {OperatorUuid} ifname eth0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Recovery_in_a_later_boot_runs_every_step_but_those_bringing_up_what_was_active_in_the_earlier_one()
    {
        var view = new InMemoryFileView(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [NetworkManagerRenderer.PathFor("eth0")] = "",
            [NetworkManagerRenderer.PathFor("eth1")] = "",
        });
        var facts = SystemProbe.Probe(view) with
        {
            NetworkManagerActive = new Dictionary<string, ActiveConnection>(StringComparer.Ordinal) { ["eth0"] = new(OperatorUuid, "operator eth0") },
        };
        var configuration = NetworkFixture.Load("ipv4-only").Build();
        var plan = NetworkBackends.For(NetworkBackend.NetworkManager).PlanApply(["eth0"], facts, view);
        var before = NetworkManagerLeftoversTests.Render(NetworkFixture.Load("several-interfaces").Build(), []);
        var after = NetworkManagerLeftoversTests.Render(configuration, before.Files);

        var sameBoot = await RecoveryStepsAsync(before, after, plan, reboot: false);
        var laterBoot = await RecoveryStepsAsync(before, after, plan, reboot: true);

        var all = new[] { "nmcli connection reload", "nmcli connection up guest-agent-eth0", "nmcli connection up guest-agent-eth1" };
        // eth1, which the change drops, had nothing active: it is disconnected again, in that boot only.
        string[] thisBoot = [$"nmcli connection up uuid {OperatorUuid} ifname eth0", "nmcli device disconnect eth1"];
        Assert.Equal([.. all, .. thisBoot], sameBoot.Steps.Select(s => s.Name));
        Assert.Empty(sameBoot.Warnings);
        Assert.Equal(all, laterBoot.Steps.Select(s => s.Name));
        Assert.EndsWith(
            $" was made in an earlier boot; what NetworkManager had active then, or not, and no file gives is not brought back: {string.Join(", ", thisBoot)}",
            Assert.Single(laterBoot.Warnings),
            StringComparison.Ordinal);
        // Nothing was active but ours, or NetworkManager could not be asked: nothing is left out, and nothing said.
        var oursActive = facts with
        {
            NetworkManagerActive = new Dictionary<string, ActiveConnection>(StringComparer.Ordinal)
            {
                ["eth0"] = new(OperatorUuid, NetworkManagerRenderer.ConnectionId("eth0")),
                ["eth1"] = new("2c6e8f6a-71c4-5b7e-8f4e-6a1d2b3c4d5f", NetworkManagerRenderer.ConnectionId("eth1")),
            },
        };
        foreach (var known in new[] { oursActive, SystemProbe.Probe(view) })
        {
            var ours = NetworkBackends.For(NetworkBackend.NetworkManager).PlanApply(["eth0"], known, view);
            var nothingLeftOut = await RecoveryStepsAsync(before, after, ours, reboot: true);
            Assert.Equal(all, nothingLeftOut.Steps.Select(s => s.Name));
            Assert.Empty(nothingLeftOut.Warnings);
        }
    }

    /// <summary>Whether our keyfile for eth0 was there before the change (else cloud-init's alone), and how the change is undone.</summary>
    public static TheoryData<bool, Undoing> DisconnectedCases() => new()
    {
        { true, Undoing.Rollback }, { true, Undoing.RecoveryInTheSameBoot }, { true, Undoing.RecoveryInALaterBoot },
        { false, Undoing.Rollback }, { false, Undoing.RecoveryInTheSameBoot }, { false, Undoing.RecoveryInALaterBoot },
    };

    /// <summary>
    /// An interface the operator disconnected (<c>nmcli device disconnect</c>) before the change had no
    /// connection active. A rollback, and recovery after a crash in the same boot, leave it so: without a
    /// connection, whether our keyfile was there before (its <c>up</c> repeated, as at boot) or not; the
    /// answer says the previous configuration was applied again. Recovery after a reboot leaves it what
    /// the restored keyfiles give, which is what the next boot gives. Nothing else is ever left active.
    /// </summary>
    [Theory]
    [MemberData(nameof(DisconnectedCases))]
    public async Task An_interface_with_no_connection_before_the_change_is_left_without_one_in_its_boot_and_gets_what_a_boot_gives_after(bool oursBefore, Undoing undoing)
    {
        var (a, b) = (NetworkFixture.Load("several-interfaces"), NetworkFixture.Load("ipv4-only"));
        var configurationB = b.Build();
        var renderedA = oursBefore ? NetworkManagerLeftoversTests.Render(a.Build(), []) : new RenderResult([], []);
        NetworkManagerScenario Machine() => NetworkManagerScenario.WithOurs(a.Interfaces, renderedA, cloudInit: true);

        var disconnect = new ApplyPlan([], [ApplyStep.Run("nmcli", "device", "disconnect", "eth0")]);
        var (active, answer) = await NetworkManagerActiveBeforeTests.AskAsync(Machine, s => s.Started("first").Applied("disconnected", new RenderResult([], []), disconnect));
        Assert.False(active.ContainsKey("eth0"), $"NetworkManager's answer: {answer}");
        var plan = NetworkManagerLeftoversTests.Plan(configurationB, renderedA.Files, active);
        var renderedB = NetworkManagerLeftoversTests.Render(configurationB, renderedA.Files);
        // Put back: the keyfiles before the change, and ours of eth0 moved aside where there was none.
        var restored = new RenderResult(renderedA.Files, oursBefore ? [] : [NetworkManagerRenderer.PathFor("eth0")]);
        var (phases, undone, booted) = await UndoneAsync(Machine(), "disconnected", disconnect, renderedA, renderedB, restored, plan, undoing);

        Assert.True(phases["disconnected"].State.Devices["eth0"].Connection == "", $"eth0 was not disconnected:\n{phases["disconnected"].State.Transcript}");
        // A boot gives eth0 ours at priority 999, or cloud-init's.
        Assert.True(
            booted.State.Devices["eth0"].Connection == (oursBefore ? NetworkManagerRenderer.ConnectionId("eth0") : "cloud-init eth0"),
            $"the boot gave eth0 '{booted.State.Devices["eth0"].Connection}':\n{booted.State.Transcript}");
        var expected = undoing == Undoing.RecoveryInALaterBoot ? booted.State.Devices["eth0"].Connection : "";
        Assert.True(
            undone.State.Devices["eth0"].Connection == expected,
            $"undone ({undoing}), eth0 has '{undone.State.Devices["eth0"].Connection}', not '{expected}' as {(expected.Length == 0 ? "before the change" : "a boot gives it")}:\n{undone.State.Transcript}");
        Assert.True(expected.Length > 0 || !undone.State.Addresses.Any(a => a.StartsWith("eth0 ", StringComparison.Ordinal) && !a.Contains("fe80:", StringComparison.Ordinal)), $"an address is left on eth0:\n{undone.State.Transcript}");
        // Nothing else is active than what a boot gives.
        string[] Active(NetworkManagerPhase phase) => [.. phase.Active.Where(c => !c.StartsWith("lo:", StringComparison.Ordinal) && (expected.Length > 0 || !c.EndsWith(":eth0", StringComparison.Ordinal))).Order(StringComparer.Ordinal)];
        Assert.Equal(Active(booted), Active(undone));
    }

    /// <summary>How a change is undone: rolled back at once, or recovered after a crash in the same boot or after a reboot.</summary>
    public enum Undoing
    {
        /// <summary>A later step failed; the rollback runs its steps.</summary>
        Rollback,

        /// <summary>The agent was killed after the change's last step; the next start recovers in the same boot.</summary>
        RecoveryInTheSameBoot,

        /// <summary>A power cut after the change's last step; the start after the reboot recovers.</summary>
        RecoveryInALaterBoot,
    }

    /// <summary>
    /// Runs on the real NetworkManager: <paramref name="operated"/> (what the operator did before the change,
    /// as phase <paramref name="operatorPhase"/>), the change to <paramref name="changed"/> by <paramref name="plan"/>
    /// and its undoing (<paramref name="undoing"/>: the rollback's steps, or the product's recovery's from the
    /// record, after a power cut where it is in a later boot) putting back <paramref name="restored"/>, as phase
    /// "undone"; then a reboot over the restored files, "booted again".
    /// </summary>
    internal static async Task<(IReadOnlyDictionary<string, NetworkManagerPhase> Phases, NetworkManagerPhase Undone, NetworkManagerPhase Booted)> UndoneAsync(
        NetworkManagerScenario machine, string operatorPhase, ApplyPlan operated, RenderResult before, RenderResult changed, RenderResult restored, ApplyPlan plan, Undoing undoing)
    {
        var steps = undoing == Undoing.Rollback
            ? NetworkApplier.RepeatedOnRollback(plan)
            : (await RecoveryStepsAsync(before, changed, plan, reboot: undoing == Undoing.RecoveryInALaterBoot)).Steps;
        using var scenario = machine;
        var started = scenario.Started("first").Applied(operatorPhase, new RenderResult([], []), operated);
        var afterChange = undoing switch
        {
            Undoing.Rollback => started.Applied("changed", changed, plan with { AfterWrite = [.. plan.AfterWrite, ApplyStep.Run("false")] }),
            Undoing.RecoveryInTheSameBoot => started.Applied("changed", changed, plan),
            _ => started.Applied("changed", changed, plan).Rebooted("power cut", abruptly: true),
        };
        var phases = await afterChange.Applied("undone", restored, new ApplyPlan([], steps)).Later("running").Rebooted("booted again").RunAsync();
        var undone = phases["undone"];
        // Every step that must succeed did; a tolerated one (as the plan has it: recovery's calls are bare) may find nothing to do.
        var tolerated = NetworkApplier.RepeatedOnRollback(plan).Where(step => !step.MustSucceed).Select(step => step.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(
            steps.Where(step => !tolerated.Contains(step.Name)),
            step => Assert.True(undone.Exits[step.Name] == 0, $"'{step.Name}' exited with {undone.Exits[step.Name]}:\n{undone.State.Transcript}"));
        return (phases, undone, phases["booted again"]);
    }

    /// <summary>
    /// What the product's recovery runs: <paramref name="before"/>'s keyfiles in a root, the real applier
    /// writing <paramref name="after"/> and running <paramref name="plan"/> until it is killed at the last
    /// step (the record it wrote is the one a kill after that step leaves), then, in the same boot or a
    /// later one (a new boot id), recovery, every program answering success. Its programs, in order, and its
    /// warnings about the earlier boot.
    /// </summary>
    internal static async Task<(ApplyStep[] Steps, IReadOnlyList<string> Warnings)> RecoveryStepsAsync(RenderResult before, RenderResult after, ApplyPlan plan, bool reboot)
    {
        using var root = new CommandRoot();
        foreach (var file in before.Files)
        {
            root.WriteFile(file.Path, file.Contents, Convert.ToString((int)file.Mode, 8));
        }

        root.WriteFile(KernelBootId.Path, EarlierBoot + "\n", "444");
        var last = plan.AfterWrite[^1].Name;
        var crashing = new ScriptedProcessRunner(spec => spec.ToDisplayString() == last ? throw new SimulatedCrash() : Success);
        await Assert.ThrowsAsync<SimulatedCrash>(() =>
            new NetworkApplier(root.System with { Processes = crashing }, NullLogger.Instance).ApplyAsync(after, plan, TestContext.Current.CancellationToken));
        if (reboot)
        {
            root.WriteFile(KernelBootId.Path, LaterBoot + "\n", "444");
        }

        var recovering = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();
        var outcome = await new NetworkRecovery(root.System with { Processes = recovering }, new NetworkOptions(), logger).RecoverAsync(TestContext.Current.CancellationToken);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, outcome);
        return ([.. recovering.Calls.Select(spec => new ApplyStep(spec))], [.. logger.At(LogLevel.Warning).Where(warning => warning.Contains("earlier boot", StringComparison.Ordinal))]);
    }
}

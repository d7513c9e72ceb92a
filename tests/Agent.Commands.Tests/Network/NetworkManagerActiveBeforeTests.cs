using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// What <c>resetnetwork</c> asks NetworkManager before a change (<see cref="NetworkManagerActiveConnections"/>:
/// which connection is active on each device), asked of the real daemon (<see cref="NetworkManagerScenario"/>),
/// and the rollback steps the NetworkManager backend plans from the answer: a connection not ours
/// that was active is brought up again last; our own needs nothing more than the plan's own <c>up</c>.
/// </summary>
public sealed class NetworkManagerActiveBeforeTests
{
    /// <summary>
    /// Runs <paramref name="before"/> on a fresh <paramref name="machine"/>, then the question the reset
    /// asks, and reads the answer as the reset does. Asked in a run of its own: the scenario is one
    /// script, so the plan made from the answer goes into a second run brought to the same state,
    /// which asks again to show the state is the same.
    /// </summary>
    internal static async Task<(IReadOnlyDictionary<string, ActiveConnection> Active, string Answer)> AskAsync(
        Func<NetworkManagerScenario> machine, Func<NetworkManagerScenario, NetworkManagerScenario> before)
    {
        using var scenario = machine();
        var phases = await before(scenario).Queried("asked", NetworkManagerActiveConnections.Query(NmcliQuestion.Timeout)).RunAsync();
        var asked = phases["asked"];
        Assert.True(asked.Exits["query"] == 0, $"nmcli exited with {asked.Exits["query"]}:\n{asked.State.Transcript}");
        var active = NetworkManagerActiveConnections.Parse(asked.Answer);
        Assert.True(active is not null, $"the answer could not be read: {asked.Answer}");
        return (active, WithoutLoopback(asked.Answer));
    }

    /// <summary>
    /// The answer without its line for <c>lo</c>: NetworkManager 1.42 keeps an in-memory connection
    /// for the loopback device, with a UUID of its own each start, which no interface we configure is.
    /// </summary>
    internal static string WithoutLoopback(string answer) =>
        string.Join('\n', answer.Split('\n').Where(line => !line.StartsWith("lo:", StringComparison.Ordinal)));

    [Fact]
    public async Task Our_own_active_connection_adds_nothing_to_the_rollback()
    {
        var fixture = NetworkFixture.Load("ipv4-only");
        var configuration = fixture.Build();
        var rendered = NetworkManagerLeftoversTests.Render(configuration, []);
        NetworkManagerScenario Machine()
        {
            var scenario = new NetworkManagerScenario(fixture.Interfaces);
            scenario.WriteRendered(rendered);
            return scenario;
        }

        var (active, answer) = await AskAsync(Machine, s => s.Started("started"));

        Assert.True(active.TryGetValue("eth0", out var eth0) && eth0.Name == NetworkManagerRenderer.ConnectionId("eth0") && eth0.Uuid.Length == 36, $"NetworkManager's answer: {answer}");
        var plan = NetworkManagerLeftoversTests.Plan(configuration, rendered.Files, active);
        Assert.Empty(plan.OnlyOnRollback);
        Assert.Equal(
            NetworkApplier.RepeatedOnRollback(NetworkManagerLeftoversTests.Plan(configuration, rendered.Files)).Select(s => s.Name),
            NetworkApplier.RepeatedOnRollback(plan).Select(s => s.Name));
    }

    [Fact]
    public async Task A_rollback_brings_back_an_operators_connection_over_ours_on_an_interface_the_change_drops()
    {
        var (a, b) = (NetworkFixture.Load("several-interfaces"), NetworkFixture.Load("ipv4-only"));
        var (configurationA, configurationB) = (a.Build(), b.Build());
        var renderedA = NetworkManagerLeftoversTests.Render(configurationA, []);
        NetworkManagerScenario Machine()
        {
            var scenario = new NetworkManagerScenario(a.Interfaces);
            scenario.WriteRendered(renderedA);
            scenario.Write("operator eth1.nmconnection", NetworkManagerLeftoversTests.OperatorEth0
                .Replace("eth0", "eth1", StringComparison.Ordinal)
                .Replace("3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11", "3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c12", StringComparison.Ordinal));
            return scenario;
        }

        var byHand = new ApplyPlan([], [ApplyStep.Run("nmcli", "connection", "up", "operator eth1")]);
        var (active, answer) = await AskAsync(Machine, s => s.Started("first").Applied("by hand", new RenderResult([], []), byHand));
        var plan = NetworkManagerLeftoversTests.Plan(configurationB, renderedA.Files, active);
        var renderedB = NetworkManagerLeftoversTests.Render(configurationB, renderedA.Files);

        using var scenario = Machine();
        var phases = await scenario.Started("first")
            .Applied("by hand", new RenderResult([], []), byHand)
            .Queried("asked", NetworkManagerActiveConnections.Query(NmcliQuestion.Timeout))
            .Applied("failed", renderedB, plan with { AfterWrite = [.. plan.AfterWrite, ApplyStep.Run("false")] })
            .Applied("rolled back", renderedA, new ApplyPlan([], NetworkApplier.RepeatedOnRollback(plan)))
            .RunAsync();

        Assert.Equal(answer, WithoutLoopback(phases["asked"].Answer));
        Assert.True(phases["by hand"].State.Devices["eth1"].Connection == "operator eth1", $"the operator's connection was not active first:\n{phases["by hand"].State.Transcript}");
        // Ours comes back on eth1 first (the interface's connection when nothing else was active), then the operator's over it.
        Assert.Equal(
            ["nmcli connection up guest-agent-eth1", "nmcli connection up uuid 3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c12 ifname eth1"],
            plan.OnlyOnRollback.Select(s => s.Name));
        var state = phases["rolled back"].State;
        Assert.All(phases["rolled back"].Exits, exit => Assert.True(exit.Value == 0, $"the rollback's '{exit.Key}' exited with {exit.Value}:\n{state.Transcript}"));
        Assert.True(state.Devices["eth0"].Connection == NetworkManagerRenderer.ConnectionId("eth0"), $"eth0 has '{state.Devices["eth0"].Connection}':\n{state.Transcript}");
        Assert.True(
            state.Devices["eth1"].Connection == "operator eth1" && state.Addresses.Contains("eth1 198.51.100.7/24"),
            $"eth1 has '{state.Devices["eth1"].Connection}', not the operator's connection it had before the change:\n{state.Transcript}");
    }

    [Fact]
    public void Only_the_interfaces_the_change_configures_or_drops_get_their_connection_back_and_its_failure_is_tolerated()
    {
        var view = new InMemoryFileView(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [NetworkManagerRenderer.PathFor("eth1")] = "",
        });
        var facts = SystemProbe.Probe(view) with
        {
            NetworkManagerActive = new Dictionary<string, ActiveConnection>(StringComparer.Ordinal)
            {
                ["eth0"] = new("3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11", "operator eth0"),
                ["eth1"] = new("3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c12", "operator eth1"),
                ["eth2"] = new("3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c13", "operator eth2"),
                // Ours by its id, its keyfile there or not: the plan's own up, or nothing, is right for it.
                ["eth3"] = new("3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c14", NetworkManagerRenderer.ConnectionId("eth3")),
                ["lo"] = new("3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c15", "lo"),
            },
        };

        var plan = NetworkBackends.For(NetworkBackend.NetworkManager).PlanApply(["eth0", "eth3"], facts, view);

        Assert.Equal(
            ["nmcli connection up guest-agent-eth1",
             "nmcli connection up uuid 3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11 ifname eth0",
             "nmcli connection up uuid 3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c12 ifname eth1"],
            plan.OnlyOnRollback.Select(s => s.Name));
        Assert.All(plan.OnlyOnRollback, step => Assert.False(step.MustSucceed));
        Assert.DoesNotContain(plan.AfterWrite, step => step.Name.Contains("uuid", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string, string> Answers() => new()
    {
        // nmcli's terse form escapes ':' and '\' in a value with '\'.
        { "eth0:3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11:operator eth0\n", "eth0", "3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11", "operator eth0" },
        { "eth0:3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11:office\\: 10\\\\8\n", "eth0", "3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11", "office: 10\\8" },
        // A newline in an id is printed as it is (every ':' of it escaped): the lines without an unescaped ':' go on the one before.
        { "eth0:3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11:guest-agent-eth0\nold\n", "eth0", "3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11", "guest-agent-eth0\nold" },
        { "eth0:3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11:two\n\nlines\\: a\n", "eth0", "3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11", "two\n\nlines: a" },
        // A connection active on no device (a VPN's may be): nothing to bring up on an interface.
        { ":3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11:vpn\n", "", "", "" },
        { "eth0:3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11:first\r\neth0:00000000-0000-4000-8000-000000000001:second\n", "eth0", "3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11", "first" },
        { "eth0::nameless\n", "", "", "" },
    };

    /// <summary>
    /// An answer with a line that cannot be read: an unescaped ':' in a value (never printed so), or a line
    /// without one before any connection's. It is unknown, never "none active" on a device: a rollback takes
    /// an interface that had none down (<c>nmcli device disconnect</c>), which would cut off the one whose line was not read.
    /// </summary>
    [Theory]
    [InlineData("eth0:3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11:a:b\r\n")]
    [InlineData("eth1:3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c12:b\neth0:3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11:a:b\n")]
    [InlineData("stray\neth0:3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11:a\n")]
    public async Task An_answer_with_a_line_that_cannot_be_read_is_unknown(string output)
    {
        Assert.Null(NetworkManagerActiveConnections.Parse(output));
        var runner = new AnsweringRunner(new ProcessResult(0, output, "", false));
        Assert.Null(await NetworkManagerActiveConnections.ReadAsync(runner, TimeSpan.FromMinutes(5), NullLogger.Instance, TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void The_answer_is_read_with_its_escapes_undone(string output, string device, string uuid, string name)
    {
        var active = NetworkManagerActiveConnections.Parse(output);

        Assert.NotNull(active);
        string[] devices = device.Length == 0 ? [] : [device];
        Assert.Equal(devices, active.Keys);
        if (device.Length > 0)
        {
            Assert.Equal(new ActiveConnection(uuid, name), active[device]);
        }
    }

    /// <summary>A failure, and whether it still tells that nothing is active (NetworkManager not running).</summary>
    public static TheoryData<int, bool, bool> Failures() => new()
    {
        { 1, false, false },
        { NmcliQuestion.NotRunning, false, true },
        { NmcliQuestion.NotRunning, true, false },
        { 0, true, false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_question_that_fails_is_answered_as_unknown_and_NetworkManager_not_running_with_none(int exitCode, bool timedOut, bool noneActive)
    {
        var runner = new AnsweringRunner(new ProcessResult(exitCode, "eth0:3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11:operator eth0\n", "", timedOut));

        var active = await NetworkManagerActiveConnections.ReadAsync(runner, TimeSpan.FromMinutes(5), NullLogger.Instance, TestContext.Current.CancellationToken);

        // Unknown is never taken for none: a rollback takes an interface that had none down again.
        if (noneActive)
        {
            Assert.Empty(Assert.IsAssignableFrom<IReadOnlyDictionary<string, ActiveConnection>>(active));
        }
        else
        {
            Assert.Null(active);
        }

        // Never longer than its own limit, whatever is left of the change's time.
        Assert.Equal(NmcliQuestion.Timeout, Assert.Single(runner.Asked).Timeout);
    }

    [Fact]
    public async Task No_time_left_asks_nothing_and_a_missing_nmcli_answers_unknown()
    {
        var runner = new AnsweringRunner(null);

        Assert.Null(await NetworkManagerActiveConnections.ReadAsync(runner, TimeSpan.Zero, NullLogger.Instance, TestContext.Current.CancellationToken));
        Assert.Empty(runner.Asked);
        Assert.Null(await NetworkManagerActiveConnections.ReadAsync(runner, TimeSpan.FromSeconds(3), NullLogger.Instance, TestContext.Current.CancellationToken));
        Assert.Equal(TimeSpan.FromSeconds(3), Assert.Single(runner.Asked).Timeout);
    }

    /// <summary>A process runner giving one answer (or, for <c>null</c>, failing to start the program, as the real one does for a missing program).</summary>
    private sealed class AnsweringRunner(ProcessResult? answer) : IProcessRunner
    {
        public List<ProcessSpec> Asked { get; } = [];

        public Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
        {
            Asked.Add(spec);
            return answer is null ? throw new IOException("nmcli: not found") : Task.FromResult(answer);
        }
    }
}

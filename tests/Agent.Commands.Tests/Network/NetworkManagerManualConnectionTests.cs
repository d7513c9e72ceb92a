using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Rendering;
using static GuestAgent.Commands.Tests.Network.NetworkManagerRecoveryAcrossBootsTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Our own connection of eth0 turned into a manual one by the operator before the change
/// (<c>nmcli connection modify guest-agent-eth0 connection.autoconnect no</c>, which rewrites our keyfile
/// with <c>autoconnect=false</c>): NetworkManager never activates it at boot, only by hand. The change
/// writes our keyfile again (autoconnecting), and its undoing puts the operator's back. On the real
/// NetworkManager (<see cref="NetworkManagerScenario"/>): a rollback leaves eth0 with the connection it
/// had before the change, ours brought up by hand, cloud-init's, or none; recovery after a reboot leaves
/// it what the next boot gives over the restored keyfiles, which is never ours.
/// </summary>
public sealed class NetworkManagerManualConnectionTests
{
    /// <summary>Whether the operator had brought ours up by hand, whether cloud-init's connection for eth0 is there, and how the change is undone.</summary>
    public static TheoryData<bool, bool, Undoing> Cases()
    {
        var cases = new TheoryData<bool, bool, Undoing>();
        foreach (var undoing in new[] { Undoing.Rollback, Undoing.RecoveryInALaterBoot })
        {
            foreach (var byHand in new[] { false, true })
            {
                foreach (var cloudInit in new[] { false, true })
                {
                    cases.Add(byHand, cloudInit, undoing);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_manual_connection_of_ours_is_active_after_the_undoing_only_where_it_was_before_in_the_same_boot(bool byHand, bool cloudInit, Undoing undoing)
    {
        var (a, b) = (NetworkFixture.Load("several-interfaces"), NetworkFixture.Load("ipv4-only"));
        var configurationB = b.Build();
        var ours = NetworkManagerRenderer.PathFor("eth0");
        var renderedA = NetworkManagerLeftoversTests.Render(a.Build(), []);
        renderedA = new RenderResult(
            [.. renderedA.Files.Select(f => f.Path == ours ? f with { Contents = Manual(f.Contents) } : f)],
            renderedA.Removals);
        NetworkManagerScenario Machine() => NetworkManagerScenario.WithOurs(a.Interfaces, renderedA, cloudInit);

        var operated = byHand ? new ApplyPlan([], [ApplyStep.Run("nmcli", "connection", "up", NetworkManagerRenderer.ConnectionId("eth0"))]) : new ApplyPlan([], []);
        var (active, answer) = await NetworkManagerActiveBeforeTests.AskAsync(Machine, s => s.Started("first").Applied("operated", new RenderResult([], []), operated));
        var plan = NetworkManagerLeftoversTests.Plan(configurationB, renderedA.Files, active);
        var renderedB = NetworkManagerLeftoversTests.Render(configurationB, renderedA.Files);
        var (phases, undone, booted) = await UndoneAsync(Machine(), "operated", operated, renderedA, renderedB, new RenderResult(renderedA.Files, []), plan, undoing);

        var before = phases["operated"].State.Devices["eth0"].Connection;
        var expectedBefore = byHand ? NetworkManagerRenderer.ConnectionId("eth0") : cloudInit ? "cloud-init eth0" : "";
        Assert.True(before == expectedBefore, $"before the change eth0 had '{before}', not '{expectedBefore}' (NetworkManager's answer: {answer}):\n{phases["operated"].State.Transcript}");
        var atBoot = booted.State.Devices["eth0"].Connection;
        Assert.True(atBoot == (cloudInit ? "cloud-init eth0" : ""), $"a boot gave eth0 '{atBoot}':\n{booted.State.Transcript}");
        var expected = undoing == Undoing.RecoveryInALaterBoot ? atBoot : before;
        Assert.True(
            undone.State.Devices["eth0"].Connection == expected,
            $"undone ({undoing}), eth0 has '{undone.State.Devices["eth0"].Connection}', not '{expected}' as {(undoing == Undoing.Rollback ? "before the change" : "a boot gives it")}:\n{undone.State.Transcript}");
        if (expected == NetworkManagerRenderer.ConnectionId("eth0"))
        {
            // Ours as the keyfile before the change has it (IPv6 too), not as the change wrote it.
            Assert.All(a.Build().Interfaces.Single(nic => nic.Name == "eth0").Addresses, address => Assert.True(
                undone.State.Addresses.Contains($"eth0 {address.Cidr}"), $"{address.Cidr} is not on eth0:\n{undone.State.Transcript}"));
        }
    }

    [Fact]
    public void The_plan_repeats_our_up_only_where_the_keyfile_autoconnects_and_puts_back_in_its_boot_what_was_active_or_none()
    {
        const string ManualKeyfile = "[connection]\nautoconnect=false\n";
        var view = new InMemoryFileView(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [NetworkManagerRenderer.PathFor("eth0")] = ManualKeyfile,
            [NetworkManagerRenderer.PathFor("eth1")] = ManualKeyfile,
            [NetworkManagerRenderer.PathFor("eth2")] = "[connection]\nautoconnect=true\n",
            [NetworkManagerRenderer.PathFor("eth3")] = "",
        });
        var known = SystemProbe.Probe(view) with
        {
            NetworkManagerActive = new Dictionary<string, ActiveConnection>(StringComparer.Ordinal)
            {
                ["eth0"] = new("00000000-0000-4000-8000-000000000000", NetworkManagerRenderer.ConnectionId("eth0")),
                ["eth3"] = new("00000000-0000-4000-8000-000000000003", NetworkManagerRenderer.ConnectionId("eth3")),
            },
        };
        var backend = NetworkBackends.For(NetworkBackend.NetworkManager);

        // eth0 and eth2 configured, eth1 and eth3 dropped; eth0 and eth1 manual, ours active on eth0 and eth3, none on eth1 and eth2.
        var plan = backend.PlanApply(["eth0", "eth2"], known, view);
        var unknown = backend.PlanApply(["eth0", "eth2"], SystemProbe.Probe(view), view);

        Assert.Equal(
            [("nmcli connection reload", true), ("nmcli connection up guest-agent-eth0", false), ("nmcli connection up guest-agent-eth2", true)],
            plan.AfterWrite.Select(step => (step.Name, step.RepeatOnRollback)));
        string[] always = ["nmcli connection up guest-agent-eth3", "nmcli connection down guest-agent-eth0"];
        Assert.Equal(
            [.. always.Select(name => (name, false, false)),
             ("nmcli connection up guest-agent-eth0", true, true),
             ("nmcli device disconnect eth2", false, true),
             ("nmcli device disconnect eth1", false, true)],
            plan.OnlyOnRollback.Select(step => (step.Name, step.MustSucceed, step.ThisBootOnly)));
        // NetworkManager not asked: nothing known of any device, and none taken down on a guess.
        Assert.Equal(always, unknown.OnlyOnRollback.Select(step => step.Name));
        Assert.Equal(plan.AfterWrite.Select(step => (step.Name, step.RepeatOnRollback)), unknown.AfterWrite.Select(step => (step.Name, step.RepeatOnRollback)));
    }

    /// <summary>A keyfile's text, and whether NetworkManager activates its connection by itself (GKeyFile's booleans; any other value is NetworkManager's default, true).</summary>
    public static TheoryData<string?, bool> Keyfiles() => new()
    {
        { "[connection]\nautoconnect=false\n", false },
        { "[connection]\nautoconnect=0\n", false },
        { "[connection]\nautoconnect = false  \n", false },
        { "[connection]\nautoconnect=false\nautoconnect=true\n", true },
        { "[connection]\nautoconnect=true\n", true },
        { "[connection]\nautoconnect=no\n", true },
        { "[connection]\nid=x\n\n[ipv4]\nautoconnect=false\n", true },
        { "[connection]\nid=x\n", true },
        { "autoconnect=false\n", true },
        { null, true },
    };

    [Theory]
    [MemberData(nameof(Keyfiles))]
    public void A_keyfile_autoconnects_unless_it_says_false(string? keyfile, bool autoconnects)
    {
        const string Path = "/etc/NetworkManager/system-connections/guest-agent-eth0.nmconnection";
        var view = new InMemoryFileView(keyfile is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal) { [Path] = keyfile });

        Assert.Equal(autoconnects, NetworkManagerForeignKeyfiles.Autoconnects(view, Path));
    }

    /// <summary>Our keyfile as <c>nmcli connection modify … connection.autoconnect no</c> leaves it.</summary>
    private static string Manual(string keyfile)
    {
        Assert.Contains("autoconnect=true\n", keyfile, StringComparison.Ordinal);
        return keyfile.Replace("autoconnect=true\n", "autoconnect=false\n", StringComparison.Ordinal);
    }
}

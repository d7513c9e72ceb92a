using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The question <c>resetnetwork</c> asks NetworkManager before a change (<see cref="NetworkManagerActiveConnections"/>)
/// over connection ids NetworkManager 1.42 accepts and <c>nmcli</c>'s terse form prints oddly: a <c>:</c> and a
/// <c>\</c> escaped with <c>\</c>, a blank and non-ASCII letters as they are, and a newline as it is (not escaped),
/// so that one connection's line goes on over several (checked on the daemon: <c>nmcli connection add … con-name</c>
/// takes a newline). An id read short could name ours (<c>guest-agent-eth0</c> and more on the next line), and the
/// rollback would then not bring back the operator's connection.
/// </summary>
public sealed class NetworkManagerOddNamesTests
{
    public static TheoryData<string> Names() => new()
    {
        "office: 10\\8 \u00e9t\u00e9",
        "guest-agent-eth0\nold",
        "two\n\nlines: a\\b",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task An_operators_connection_with_an_odd_id_is_read_whole_and_brought_back_by_its_uuid(string name)
    {
        var fixture = NetworkFixture.Load("ipv4-only");
        var configuration = fixture.Build();
        var byHand = new ApplyPlan([], [
            ApplyStep.Run(
                "nmcli", "connection", "add", "type", "ethernet", "ifname", "eth0", "con-name", name, "autoconnect", "no",
                "ipv4.method", "manual", "ipv4.addresses", "198.51.100.7/24", "ipv6.method", "ignore"),
            ApplyStep.Run("nmcli", "connection", "up", "id", name),
        ]);

        var (active, answer) = await NetworkManagerActiveBeforeTests.AskAsync(
            () => new NetworkManagerScenario(fixture.Interfaces),
            s => s.Started("first").Applied("by hand", new RenderResult([], []), byHand));

        Assert.True(active.TryGetValue("eth0", out var eth0) && eth0.Name == name && eth0.Uuid.Length == 36, $"NetworkManager's answer: {answer}");
        var plan = NetworkManagerLeftoversTests.Plan(configuration, [], active);
        Assert.Equal([$"nmcli connection up uuid {eth0.Uuid} ifname eth0"], plan.OnlyOnRollback.Select(s => s.Name));
    }
}

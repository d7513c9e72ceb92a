using System.Net;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// What the kernel holds after a namespace script's <c>resetnetwork</c>s, read from what the script
/// prints after its last <c>---</c> pair: <c>ip -o addr show</c>, then <c>---</c>, then the IPv4 and
/// IPv6 route tables. Shared by the reapply tests of Debian's ifup and Alpine's.
/// </summary>
/// <param name="Global">Each address of scope global, with its interface.</param>
/// <param name="LinkLocal">The interfaces holding an IPv6 link-local address.</param>
/// <param name="Routes">The route tables' lines.</param>
/// <param name="Log">The whole output, for a failure's message.</param>
internal sealed record ReapplyKernelState(IReadOnlyList<(string Interface, string Cidr)> Global, IReadOnlySet<string> LinkLocal, IReadOnlyList<string> Routes, string Log)
{
    /// <summary>The lines a script ends with so that <see cref="Parse"/> reads them.</summary>
    public const string Dump = "echo ---\nip -o addr show\necho ---\nip -4 route show\nip -6 route show\n";

    /// <summary>
    /// Lines that wait until each of <paramref name="names"/> holds an IPv6 link-local address, which the kernel
    /// adds as a link comes up (tentative until its duplicate address detection ends, a second or two later), so
    /// that it is there before anything runs, as on a booted guest: polled every 0.1 s, at most 5 s, then the script
    /// goes on as the fixed <c>sleep 1</c> this replaces did (the dump shows a link without one, which the tests
    /// refuse). The links here get theirs within a tenth of a second, so the second slept was nearly all waste.
    /// </summary>
    public static string LinkLocalAddresses(IEnumerable<string> names) => $"""
        tries=0
        while [ $tries -lt 50 ]; do
          missing=
          for name in {string.Join(' ', names.Select(ShellWords.Quote))}; do ip -6 -o addr show dev "$name" scope link | grep -q . || missing=1; done
          [ -z "$missing" ] && break
          sleep 0.1; tries=$((tries + 1))
        done

        """;

    /// <summary>Reads the output of a script that ends with <see cref="Dump"/>.</summary>
    public static ReapplyKernelState Parse(string output)
    {
        var parts = output.Split("---\n");
        var addresses = parts[^2].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length > 3 && words[2] is "inet" or "inet6")
            .ToArray();
        var global = addresses.Where(words => words.Contains("global")).Select(words => (words[1], words[3])).ToArray();
        var linkLocal = addresses.Where(words => words[2] == "inet6" && words[3].StartsWith("fe80:", StringComparison.Ordinal))
            .Select(words => words[1]).ToHashSet(StringComparer.Ordinal);
        return new ReapplyKernelState(global, linkLocal, parts[^1].Split('\n', StringSplitOptions.RemoveEmptyEntries), output);
    }

    /// <summary>
    /// Every interface of <paramref name="configuration"/> holds exactly its addresses of scope global
    /// (those <paramref name="expected"/> keeps, when given) and an IPv6 link-local address.
    /// </summary>
    public void AssertHoldsExactly(NetworkConfiguration configuration, Func<InterfaceAddress, bool>? expected = null)
    {
        foreach (var nic in configuration.Interfaces)
        {
            var addresses = nic.Addresses.Where(expected ?? (_ => true)).Select(address => address.Cidr).Order(StringComparer.Ordinal);
            var held = Global.Where(entry => entry.Interface == nic.Name).Select(entry => entry.Cidr).Order(StringComparer.Ordinal);
            Assert.True(addresses.SequenceEqual(held), $"{nic.Name} should hold {string.Join(", ", addresses)}, holds {string.Join(", ", held)}:\n{Log}");
            Assert.True(LinkLocal.Contains(nic.Name), $"{nic.Name} has no IPv6 link-local address:\n{Log}");
        }
    }

    /// <summary>Every default gateway and static route of <paramref name="configuration"/> is in the tables.</summary>
    public void AssertHoldsRoutes(NetworkConfiguration configuration)
    {
        foreach (var nic in configuration.Interfaces)
        {
            var expected = new[] { nic.IPv4Gateway, nic.IPv6Gateway }
                .OfType<IPAddress>()
                .Select(gateway => $"default via {gateway} dev {nic.Name}")
                .Concat(nic.Routes.Where(r => !OnLinkGatewayKernelTests.HeldByOwnSubnet(nic, r)).Select(r => $"{OnLinkGatewayKernelTests.HostRouteText(r)} via {r.Gateway} dev {nic.Name}"));
            Assert.All(expected, route => Assert.True(
                Routes.Any(line => line.StartsWith(route + " ", StringComparison.Ordinal) || line == route),
                $"'{route}' is not in the kernel's tables:\n{Log}"));
        }
    }

    /// <summary>No route goes through a gateway (default or of a static route) of <paramref name="before"/> that <paramref name="after"/> does not have.</summary>
    public void AssertNoStaleGateways(NetworkConfiguration before, NetworkConfiguration after)
    {
        var stale = Gateways(before).Except(Gateways(after)).Select(gateway => $" via {gateway} ").ToArray();
        Assert.DoesNotContain(Routes, route => stale.Any(via => (route + " ").Contains(via, StringComparison.Ordinal)));
    }

    private static IEnumerable<IPAddress> Gateways(NetworkConfiguration configuration) =>
        configuration.Interfaces.SelectMany(nic => new[] { nic.IPv4Gateway, nic.IPv6Gateway }.OfType<IPAddress>().Concat(nic.Routes.Select(r => r.Gateway)));
}

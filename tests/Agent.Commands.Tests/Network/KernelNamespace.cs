using System.Globalization;
using System.Text;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The real kernel, in a network namespace of its own (<c>unshare -rn</c>, which needs no more than
/// unprivileged user namespaces): each configured interface is a veth, up, with its peer up. What a
/// backend asks of the kernel (<c>ip route add …</c>, or <c>ifup</c> itself) runs there, so a route
/// the kernel refuses (a gateway no link route reaches, without <c>onlink</c>) shows as refused.
/// </summary>
internal static class KernelNamespace
{
    /// <summary>
    /// Runs <paramref name="script"/> (sh) after the links are made; skips locally, fails in CI, where
    /// namespaces are refused. With <paramref name="privateMounts"/> the script has a mount namespace
    /// of its own too (<c>unshare -m</c>): what it mounts is gone when it ends.
    /// </summary>
    public static async Task<ToolResult> RunAsync(IEnumerable<string> interfaces, string script, bool privateMounts = false)
    {
        var options = privateMounts ? "-rnm" : "-rn";
        var unshare = ExternalTool.Require("unshare", "util-linux");
        ExternalTool.Require("ip", "iproute2");
        var probe = await ExternalTool.RunAsync(unshare, [options, "true"]);
        if (probe.ExitCode != 0)
        {
            Requirement.Unmet($"unshare {options} is not permitted here ({probe.StandardError.Trim()})");
        }

        var setup = new StringBuilder("set -u\nip link set lo up\n");
        var peer = 0;
        foreach (var name in interfaces)
        {
            setup.Append(CultureInfo.InvariantCulture, $"ip link add {name} type veth peer name gapeer{peer}\n")
                .Append(CultureInfo.InvariantCulture, $"ip link set gapeer{peer++} up\n")
                .Append(CultureInfo.InvariantCulture, $"ip link set {name} up\n");
        }

        return await ExternalTool.RunAsync(unshare, [options, "/bin/sh", "-c", setup + script]);
    }

    /// <summary>
    /// What the kernel answers to each of <paramref name="routeList"/> (<c>ip route add</c>'s arguments)
    /// on interfaces holding the configuration's addresses, each tried alone (added, then removed),
    /// or with <paramref name="inOrder"/> one after the other and kept, as a backend adds them (a host
    /// route that makes a later gateway reachable): <c>null</c> when it installs the route, else <c>ip</c>'s error.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string?>> TryAddAsync(NetworkConfiguration configuration, IEnumerable<string> routeList, bool inOrder = false)
    {
        var routes = routeList.Distinct(StringComparer.Ordinal).ToArray();
        var script = new StringBuilder();
        foreach (var nic in configuration.Interfaces)
        {
            foreach (var address in nic.Addresses)
            {
                // nodad: a tentative address would be no proof either way.
                script.Append(CultureInfo.InvariantCulture, $"ip addr add {address.Cidr} dev {nic.Name}{(address.IsIPv6 ? " nodad" : "")} || exit 90\n");
            }
        }

        foreach (var route in routes)
        {
            var family = route.Contains(':', StringComparison.Ordinal) ? "-6" : "-4";
            script.Append(CultureInfo.InvariantCulture, $"if error=$(ip {family} route add {route} 2>&1); then echo ok;{(inOrder ? "" : $" ip {family} route del {route};")} else echo \"$error\" | head -n 1; fi\n");
        }

        var result = await RunAsync(configuration.Interfaces.Select(i => i.Name), script.ToString());
        Assert.True(result.ExitCode == 0, $"namespace script failed ({result.ExitCode}): {result.StandardError}");
        var answers = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(routes.Length, answers.Length);
        return routes.Zip(answers).ToDictionary(p => p.First, p => p.Second == "ok" ? null : p.Second, StringComparer.Ordinal);
    }

    /// <summary>Whether <c>ip</c>'s error says no link route reaches the gateway (IPv4 and IPv6 say it differently).</summary>
    public static bool IsUnreachableGateway(string? error) =>
        error is not null && (error.Contains("Nexthop has invalid gateway", StringComparison.Ordinal)
            || error.Contains("No route to host", StringComparison.Ordinal)
            || error.Contains("Network is unreachable", StringComparison.Ordinal));
}

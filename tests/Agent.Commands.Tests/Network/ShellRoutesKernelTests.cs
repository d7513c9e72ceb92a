using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The routes of the shell-style backends, read from our files by the real bash and handed to the
/// kernel (<see cref="KernelNamespace"/>) in the order and form each system's scripts use:
/// netifrc <c>ip route add &lt;line&gt; dev &lt;if&gt;</c> per line of <c>routes_&lt;if&gt;</c>; netctl
/// <c>Gateway</c> as <c>default via</c>, then each of <c>Routes</c> with <c>dev</c>; initscripts
/// <c>GATEWAY</c> and <c>IPV6_DEFAULTGW</c>, then <c>route-&lt;if&gt;</c> (its <c>ADDRESSn</c> form or
/// <c>ip route add &lt;line&gt;</c>) and <c>route6-&lt;if&gt;</c>; wicked each <c>ifroute-&lt;if&gt;</c>
/// line in order; FreeBSD's rc.d/routing each of <c>static_routes</c>, then <c>defaultrouter</c> (and
/// the IPv6 ones likewise), FreeBSD's route(8) refusing an unreachable gateway as Linux does. Every
/// gateway must be reachable as written, and onlink only where it is needed.
/// </summary>
public sealed class ShellRoutesKernelTests
{
    public static TheoryData<NetworkBackend, string> Cases() => NetworkFixture.Cases(ShellSourcedFilesTests.Backends);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_routes_the_scripts_add_install_in_the_kernel(NetworkBackend backend, string fixture)
    {
        var bash = ExternalTool.Require("bash", "bash");
        var configuration = NetworkFixture.Load(fixture).Build();
        var files = RendererCatalog.For(backend).Render(configuration, new InMemoryFileView()).Files;
        using var directory = new TemporaryDirectory();
        var routes = new List<string>();
        if (backend == NetworkBackend.FreeBsdRcConf)
        {
            // One file for every interface: a route names its interface only when it is -interface or scoped.
            var rc = await Source(bash, directory, files, FreeBsdRenderer.FilePath,
                "for r in ${static_routes-}; do eval \"echo \\\"\\$route_$r\\\"\"; done; [ -z \"${defaultrouter-}\" ] || echo \"default $defaultrouter\"; "
                + "for r in ${ipv6_static_routes-}; do eval \"echo \\\"\\$ipv6_route_$r\\\"\"; done; [ -z \"${ipv6_defaultrouter-}\" ] || echo \"default $ipv6_defaultrouter\"");
            routes.AddRange(rc.Select(FreeBsdRoute));
        }

        foreach (var nic in backend == NetworkBackend.FreeBsdRcConf ? [] : configuration.Interfaces)
        {
            var lines = backend switch
            {
                NetworkBackend.GentooNetifrc => await Source(bash, directory, files, GentooRenderer.FilePath, $"printf '%s\\n' \"${{routes_{InterfaceNames.ForVariable(nic.Name)}-}}\""),
                NetworkBackend.Netctl => await Source(bash, directory, files, $"/etc/netctl/{nic.Name}",
                    "for g in \"${Gateway-}\" \"${Gateway6-}\"; do [ -z \"$g\" ] || echo \"default via $g\"; done; printf '%s\\n' \"${Routes[@]}\" \"${Routes6[@]}\""),
                NetworkBackend.RedHatIfcfg => await RedHatRoutes(bash, directory, files, nic),
                _ => Lines(files, $"/etc/sysconfig/network/ifroute-{nic.Name}").Select(Ifroute).ToArray(),
            };

            // netifrc and netctl add "dev <if>" themselves; the route files name it.
            routes.AddRange(lines.Select(line => line.Contains(" dev ", StringComparison.Ordinal) ? line : $"{line} dev {nic.Name}"));
        }

        await OnLinkGatewayKernelTests.AssertInstallableAndMinimal(configuration, routes, inOrder: true);
    }

    private static async Task<string[]> Source(string bash, TemporaryDirectory directory, IReadOnlyList<RenderedFile> files, string path, string print)
    {
        var file = directory.Combine(Path.GetFileName(path));
        await File.WriteAllTextAsync(file, files.Single(f => f.Path == path).Contents, TestContext.Current.CancellationToken);
        var result = await ExternalTool.RunAsync(bash, ["-c", $"set -eu; Routes=(); Routes6=(); . \"$1\"; {print}", "check", file]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static async Task<string[]> RedHatRoutes(string bash, TemporaryDirectory directory, IReadOnlyList<RenderedFile> files, InterfaceConfiguration nic)
    {
        var directoryPath = RedHatRenderer.Directory;
        var ifcfg = await Source(bash, directory, files, $"{directoryPath}/ifcfg-{nic.Name}",
            $"[ -z \"${{GATEWAY-}}\" ] || echo \"default via $GATEWAY${{METRIC:+ metric $METRIC}}\"; [ -z \"${{IPV6_DEFAULTGW-}}\" ] || echo \"default via ${{IPV6_DEFAULTGW%%%{nic.Name}}}\"");
        var route = $"{directoryPath}/route-{nic.Name}";
        var v4 = files.Any(f => f.Path == route) && files.Single(f => f.Path == route).Contents.Contains("ADDRESS0=", StringComparison.Ordinal)
            ? await Source(bash, directory, files, route,
                "n=0; while eval \"a=\\${ADDRESS$n-}\"; [ -n \"$a\" ]; do eval \"m=\\$NETMASK$n g=\\$GATEWAY$n\"; echo \"$a/$m via $g\"; n=$((n+1)); done")
            : Lines(files, route);
        return [.. ifcfg, .. v4.Select(MaskToPrefix), .. Lines(files, $"{directoryPath}/route6-{nic.Name}")];
    }

    /// <summary>The lines of a route file that are not comments (none when there is no such file).</summary>
    private static string[] Lines(IReadOnlyList<RenderedFile> files, string path) =>
        files.SingleOrDefault(f => f.Path == path)?.Contents.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray() ?? [];

    /// <summary><c>A/255.255.0.0 via G</c> as <c>A/16 via G</c> (ifup-routes asks ipcalc for the prefix).</summary>
    private static string MaskToPrefix(string line)
    {
        var slash = line.IndexOf('/', StringComparison.Ordinal);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var mask = line[(slash + 1)..space];
        return mask.Contains('.', StringComparison.Ordinal) && Netmask.TryGetPrefixLength(mask, out var prefix)
            ? $"{line[..slash]}/{prefix}{line[space..]}"
            : line;
    }

    /// <summary>
    /// route(8)'s arguments as <c>ip route add</c>'s: <c>-host G -interface IF</c>, <c>-net A -netmask M G</c>,
    /// <c>-net A/P G[%IF]</c>, <c>default G[%IF]</c>.
    /// </summary>
    private static string FreeBsdRoute(string arguments)
    {
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        static string Via(string gateway) =>
            gateway.Split('%') is [var address, var scope] ? $"via {address} dev {scope}" : $"via {gateway}";
        return words switch
        {
            ["-host", var host, "-interface", var name] => $"{host} dev {name}",
            ["-net", var network, "-netmask", var mask, var gateway] => $"{network}/{(Netmask.TryGetPrefixLength(mask, out var prefix) ? prefix : mask)} {Via(gateway)}",
            ["-net", var network, var gateway] => $"{network} {Via(gateway)}",
            ["default", var gateway] => $"default {Via(gateway)}",
            _ => throw new InvalidDataException(arguments),
        };
    }

    /// <summary>
    /// An <c>ifroute</c> line (<c>DEST GW MASK IF [OPTIONS]</c>, <c>-</c> for none) as <c>ip route add</c>'s
    /// arguments; wicked reads the options after the interface column as <c>ip route</c>'s (<c>metric N</c>).
    /// </summary>
    private static string Ifroute(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var destination = words[2] == "-" ? words[0] : $"{words[0]}/{(Netmask.TryGetPrefixLength(words[2], out var prefix) ? prefix : words[2])}";
        var options = string.Concat(words.Skip(4).Select(w => " " + w));
        return (words[1] == "-" ? $"{destination} dev {words[3]}" : $"{destination} via {words[1]} dev {words[3]}") + options;
    }
}

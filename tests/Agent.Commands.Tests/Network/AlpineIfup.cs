using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Alpine's two ifup: ifupdown-ng (Alpine's default since 3.13) and busybox's applet (older and
/// minimal images). Both conflict with the ifupdown the other tests run, so <c>.ci/run</c> unpacks
/// their Debian packages (<c>apt-get download</c>, <c>dpkg -x</c>) under <see cref="Root"/> instead
/// of installing them: <c>ifupdown-ng</c>, and <c>busybox-static</c>, whose build has the
/// <c>inet</c>/<c>inet6</c> methods (Debian's <c>busybox</c> package answers "unknown address type").
/// </summary>
internal static class AlpineIfup
{
    /// <summary>Where <c>.ci/run</c> unpacks the packages, one directory each.</summary>
    public const string Root = "/opt/guest-agent-tests";

    /// <summary>The two tools, as the theories name them.</summary>
    public static IReadOnlyList<string> Tools { get; } = ["ifupdown-ng", "busybox"];

    /// <summary>
    /// The commands that bring up <paramref name="interfaces"/> from <paramref name="file"/> one
    /// interface at a time, as the backend runs them (busybox's <c>ifup a b</c> stops after the
    /// first), for a script run by <see cref="KernelNamespace.RunAsync"/> with private mounts.
    /// Skips locally (fails in CI) when the unpacked package is missing.
    /// </summary>
    /// <param name="hooks">
    /// Lines that put scripts into the empty <c>if-*.d</c> directories; when given, ifupdown-ng's
    /// addon scripts are on (as Alpine ships it) so both tools run them.
    /// </param>
    public static string IfupScript(string tool, string file, IEnumerable<string> interfaces, string hooks = "")
    {
        var ifup = tool switch
        {
            // -E: its executors where they were unpacked; -S and -l: no state or lock file of this machine.
            "ifupdown-ng" => $"{IfupdownNg("ifup")} -E {Root}/ifupdown-ng/usr/libexec/ifupdown-ng -S /run/ifstate.ng -l",
            "busybox" => $"{Busybox()} ifup -v",
            _ => throw new ArgumentOutOfRangeException(nameof(tool), tool, null),
        };

        var script = PrivateSystem(addonScripts: hooks.Length > 0) + hooks;
        return script + string.Concat(interfaces.Select(name => $"{ifup} -i {ShellWords.Quote(file)} {name} || echo \"ifup {name} failed\"\n"));
    }

    /// <summary>
    /// The lines that give a script with private mounts the namespace's own sysfs (ifupdown-ng's link
    /// executor looks for the interface there), an empty <c>/run</c> for the state files (ifupdown-ng's
    /// <c>/run/ifstate</c>, busybox's <c>/var/run/ifstate</c>) and lock files, and an
    /// <c>/etc/network</c> of empty hook directories (ifupdown-ng's addon scripts off unless
    /// <paramref name="addonScripts"/>), so neither tool runs this machine's if-up.d scripts or
    /// sees its state; <c>/etc/network/interfaces</c> is the script's to write.
    /// </summary>
    public static string PrivateSystem(bool addonScripts = false) =>
        "mount -t sysfs sysfs /sys && mount -t tmpfs tmpfs /run && mount -t tmpfs tmpfs /etc/network || exit 91\n"
        + "mkdir /etc/network/if-pre-up.d /etc/network/if-up.d /etc/network/if-down.d /etc/network/if-post-down.d\n"
        + $"echo 'allow_addon_scripts = {(addonScripts ? 1 : 0)}' > /etc/network/ifupdown-ng.conf\n";

    /// <summary>
    /// How a script under <see cref="PrivateSystem"/> runs <paramref name="tool"/>'s <paramref name="program"/>
    /// (<c>ifup</c> or <c>ifdown</c>) as Alpine has it: its default file, state file and lock; only
    /// ifupdown-ng's executors are found where they were unpacked. The agent's arguments follow.
    /// </summary>
    public static string Program(string tool, string program) => tool switch
    {
        "ifupdown-ng" => $"{IfupdownNg(program)} -E {Root}/ifupdown-ng/usr/libexec/ifupdown-ng",
        "busybox" => $"{Busybox()} {program}",
        _ => throw new ArgumentOutOfRangeException(nameof(tool), tool, null),
    };

    /// <summary>One of ifupdown-ng's programs (<c>ifup</c>, <c>ifquery</c>, <c>ifparse</c>); skips locally (fails in CI) when it is missing.</summary>
    public static string IfupdownNg(string program) => Require("ifupdown-ng", $"sbin/{program}");

    /// <summary>openresolv's ifupdown hook (<c>/etc/network/if-up.d/000resolvconf</c>); skips locally (fails in CI) when it is missing.</summary>
    public static string OpenresolvHook() => Require("openresolv", "etc/network/if-up.d/000resolvconf");

    /// <summary>busybox-static's <c>busybox</c>; skips locally (fails in CI) when it is missing.</summary>
    public static string Busybox() => Require("busybox-static", "bin/busybox");

    private static string Require(string package, string path)
    {
        var full = Path.Combine(Root, package, path);
        if (!File.Exists(full))
        {
            Requirement.Unmet($"'{full}' is missing: (mkdir -p {Root} && cd /tmp && apt-get download {package} && dpkg -x {package}_*.deb {Root}/{package}), as .ci/run does");
        }

        return full;
    }
}

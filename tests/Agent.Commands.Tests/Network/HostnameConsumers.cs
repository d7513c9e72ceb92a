using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// What the real readers of a hostname make of the files <c>resetnetwork</c> wrote: the kernel's
/// name from <c>hostname -F</c>, <c>hostname -f</c> and <c>-d</c>, and glibc's <c>getent ahostsv4</c>,
/// in user, mount and UTS namespaces of their own (<c>unshare -rmu</c>) with the written
/// <c>/etc/hosts</c>, a plain <c>hosts: files</c> nsswitch.conf and Debian's <c>multi on</c> host.conf
/// bound over the machine's.
/// </summary>
internal static class HostnameConsumers
{
    /// <summary>What the readers answered; <c>(failed)</c> where one failed.</summary>
    internal sealed record Answers(string Name, string Fqdn, string Domain, string Address);

    private const string Script =
        "mount --bind \"$1\" /etc/hosts && mount --bind \"$2\" /etc/nsswitch.conf && mount --bind \"$3\" /etc/host.conf && hostname -F \"$4\" || exit 97\n"
        + "printf 'name=%s\\n' \"$(hostname)\"\n"
        + "f=$(hostname -f 2>/dev/null) || f='(failed)'; printf 'fqdn=%s\\n' \"$f\"\n"
        + "d=$(hostname -d 2>/dev/null) || d='(failed)'; printf 'domain=%s\\n' \"$d\"\n"
        + "a=$(getent ahostsv4 \"$5\") || a='(failed)'; set -- $a; printf 'address=%s\\n' \"$1\"\n";

    /// <summary>What <c>hostname</c> and glibc say of the names and addresses; <c>(failed)</c> where one failed.</summary>
    /// <param name="Fqdn"><c>hostname -f</c>.</param>
    /// <param name="Short"><c>hostname -s</c>.</param>
    /// <param name="OwnAddresses"><c>hostname -i</c>: every address glibc gives the name, sorted, space-separated.</param>
    /// <param name="Lookups">Per name asked about, the addresses <c>getent ahosts</c> gives, sorted, space-separated.</param>
    internal sealed record Resolution(string Fqdn, string Short, string OwnAddresses, IReadOnlyDictionary<string, string> Lookups);

    private const string ResolveScript =
        "mount --bind \"$1\" /etc/hosts && mount --bind \"$2\" /etc/nsswitch.conf && mount --bind \"$3\" /etc/host.conf && hostname -F \"$4\" || exit 97\n"
        + "shift 4\n"
        + "f=$(hostname -f 2>/dev/null) || f='(failed)'; printf 'fqdn=%s\\n' \"$f\"\n"
        + "s=$(hostname -s 2>/dev/null) || s='(failed)'; printf 'short=%s\\n' \"$s\"\n"
        + "i=$(hostname -i 2>/dev/null) || i='(failed)'; printf 'own=%s\\n' \"$(echo $i)\"\n"
        // getent ahosts lists each address once per socket type: the STREAM lines give each once.
        + "for n; do a=$(getent ahosts \"$n\" | awk '$2 == \"STREAM\" { printf \"%s \", $1 }') && [ -n \"$a\" ] || a='(failed) '; printf 'lookup %s=%s\\n' \"$n\" \"${a% }\"; done\n";

    /// <summary>
    /// Sets the name from <paramref name="hostnameFile"/> (<c>hostname -F</c>) and asks <c>hostname -f</c>,
    /// <c>-s</c>, <c>-i</c> and glibc's <c>getent ahosts</c> for each of <paramref name="lookups"/>, with
    /// <paramref name="hosts"/> as <c>/etc/hosts</c>.
    /// </summary>
    public static async Task<Resolution> ResolveAsync(string hosts, string hostnameFile, params string[] lookups)
    {
        string[] names = [.. lookups.Distinct(StringComparer.Ordinal)];
        var values = Values(await RunAsync(ResolveScript, hosts, hostnameFile, names));
        return new Resolution(values["fqdn"], values["short"], Sorted(values["own"]), names.ToDictionary(n => n, n => Sorted(values["lookup " + n]), StringComparer.Ordinal));
    }

    /// <summary>
    /// Sets the name from <paramref name="hostnameFile"/> as boot would (<c>hostname -F</c>) and asks
    /// <c>hostname</c> and glibc, with <paramref name="hosts"/> as <c>/etc/hosts</c>, about it and
    /// about <paramref name="lookup"/>.
    /// </summary>
    public static async Task<Answers> AskAsync(string hosts, string hostnameFile, string lookup)
    {
        var values = Values(await RunAsync(Script, hosts, hostnameFile, [lookup]));
        return new Answers(values["name"], values["fqdn"], values["domain"], values["address"]);
    }

    private static Dictionary<string, string> Values(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);

    // getaddrinfo sorts the addresses by the machine's own routes (RFC 3484), so only the set is compared.
    private static string Sorted(string addresses) => string.Join(' ', addresses.Split(' ').Order(StringComparer.Ordinal));

    private static async Task<string> RunAsync(string script, string hosts, string hostnameFile, string[] arguments)
    {
        var unshare = ExternalTool.Require("unshare", "util-linux");
        ExternalTool.Require("hostname", "hostname");
        ExternalTool.Require("getent", "libc-bin");
        using var directory = new TemporaryDirectory("s58-host-");
        var hostsFile = directory.Combine("hosts");
        var nsswitch = directory.Combine("nsswitch.conf");
        var hostConf = directory.Combine("host.conf");
        await File.WriteAllTextAsync(hostsFile, hosts);
        await File.WriteAllTextAsync(nsswitch, "hosts: files\n");
        await File.WriteAllTextAsync(hostConf, "multi on\n");

        var result = await ExternalTool.RunAsync(
            unshare, ["-rmu", "/bin/sh", "-c", script, "sh", hostsFile, nsswitch, hostConf, hostnameFile, .. arguments],
            environment: new Dictionary<string, string> { ["LC_ALL"] = "C" });
        if (result.ExitCode != 0 && result.StandardError.Contains("unshare", StringComparison.Ordinal))
        {
            Requirement.Unmet($"unshare -rmu is not permitted here ({result.StandardError.Trim()})");
        }

        Assert.True(result.ExitCode == 0, $"the namespace's set-up or hostname -F failed: exit {result.ExitCode} {result.StandardError}");
        return result.StandardOutput;
    }
}

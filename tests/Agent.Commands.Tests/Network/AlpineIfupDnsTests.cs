using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// What Alpine's two ifup do with our <c>dns-nameservers</c> (<see cref="AlpineIfup"/>, in a namespace
/// with a private <c>/run</c>, <c>/etc/network</c> and <c>/etc/resolv.conf</c>): neither writes
/// <c>/etc/resolv.conf</c> nor has an executor of its own for it (ifupdown-ng selects a <c>dns</c>
/// executor by the option's name and ships none); the servers reach <c>resolvconf</c> only through
/// the <c>if-up.d</c> hook, here openresolv's (Debian's resolvconf has the same <c>ADDRFAM</c> check).
/// busybox gives the hook <c>ADDRFAM</c> and it calls <c>resolvconf -a</c>; ifupdown-ng sets no
/// <c>ADDRFAM</c> and the hook exits, so the agent writes <c>/etc/resolv.conf</c> itself there
/// (<c>IfupdownBackend.DeliversDns</c>, <see cref="DnsRoutingTests"/>).
/// </summary>
public sealed class AlpineIfupDnsTests
{
    /// <summary>Each tool on one address per family, and on several (one stanza each, each a hook run).</summary>
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var tool in AlpineIfup.Tools)
        {
            cases.Add(tool, "rackspace");
            cases.Add(tool, "several-addresses");
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Only_the_resolvconf_hook_passes_dns_nameservers_on_and_only_under_busybox(string tool, string fixture)
    {
        var configuration = NetworkFixture.Load(fixture).Build();
        Assert.NotEmpty(configuration.DnsServers);
        using var directory = new TemporaryDirectory();
        var file = directory.Combine("interfaces");
        await File.WriteAllTextAsync(file, new IfupdownRenderer().Render(configuration, new InMemoryFileView()).Files.Single().Contents, TestContext.Current.CancellationToken);
        var names = configuration.Interfaces.Select(i => i.Name).ToArray();

        // A resolvconf that records its calls, in front of /sbin (the hook runs /sbin/resolvconf by
        // that path); a resolv.conf of our own, to see whether anything writes it; and beside the real
        // hook one that records what each hook run is given.
        var hooks = "mkdir /run/sbin && printf '#!/bin/sh\\n{ echo \"resolvconf $*\"; cat; } >> /run/resolvconf.log\\n' > /run/sbin/resolvconf && chmod +x /run/sbin/resolvconf\n"
            + "mount -t overlay overlay -o lowerdir=/run/sbin:/sbin /sbin || exit 93\n"
            + "echo 'nameserver 192.0.2.53' > /run/resolv.conf && mount --bind /run/resolv.conf /etc/resolv.conf || exit 94\n"
            + $"cp {AlpineIfup.OpenresolvHook()} /etc/network/if-up.d/000resolvconf\n"
            + "printf '#!/bin/sh\\necho \"hook $IFACE addrfam=$ADDRFAM dns=$IF_DNS_NAMESERVERS\" >> /run/hooks.log\\n' > /etc/network/if-up.d/zz-record && chmod +x /etc/network/if-up.d/zz-record\n";
        var result = await KernelNamespace.RunAsync(
            names,
            AlpineIfup.IfupScript(tool, file, names, hooks)
                + "echo '--- resolv.conf'\ncat /etc/resolv.conf\necho '--- hooks'\ncat /run/hooks.log\necho '--- resolvconf'\ncat /run/resolvconf.log 2>/dev/null || true\n",
            privateMounts: true);

        Assert.True(result.ExitCode == 0, $"{result.ExitCode}: {result.StandardError}");
        var log = $"{result.StandardOutput}\n{result.StandardError}";
        var output = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(output, line => line.EndsWith(" failed", StringComparison.Ordinal));
        string[] Section(string name) => output.SkipWhile(line => line != $"--- {name}").Skip(1).TakeWhile(line => !line.StartsWith("--- ", StringComparison.Ordinal)).ToArray();

        // Neither tool writes resolv.conf itself.
        Assert.Equal(["nameserver 192.0.2.53"], Section("resolv.conf"));

        // Both run the hooks with the servers of each interface's dns-nameservers line.
        var hookRuns = Section("hooks");
        var withDns = configuration.Interfaces.Where(nic => nic.DnsServers.Count > 0).ToArray();
        Assert.NotEmpty(withDns);
        foreach (var nic in withDns)
        {
            Assert.True(
                hookRuns.Any(line => line.StartsWith($"hook {nic.Name} ", StringComparison.Ordinal) && line.EndsWith($" dns={string.Join(' ', nic.DnsServers)}", StringComparison.Ordinal)),
                $"no hook run for {nic.Name} with its servers under {tool}:\n{log}");
        }

        var resolvconf = Section("resolvconf");
        if (tool == "busybox")
        {
            // Each call replaces its record (<interface>.<family>): what counts is every record's last call.
            Assert.Contains(resolvconf, line => line.StartsWith("resolvconf -a ", StringComparison.Ordinal));
            var kept = LastCallPerRecord(resolvconf).SelectMany(call => call.Value).ToHashSet(StringComparer.Ordinal);
            Assert.All(configuration.ScopedDnsServers, server => Assert.True(kept.Contains($"nameserver {server}"), $"{server} is not in resolvconf's records after the last stanza:\n{log}"));
        }
        else
        {
            // ifupdown-ng: no ADDRFAM, so openresolv's hook exits before calling resolvconf.
            Assert.All(hookRuns, line => Assert.Contains(" addrfam= ", line, StringComparison.Ordinal));
            Assert.True(resolvconf.Length == 0, $"resolvconf was called under ifupdown-ng:\n{log}");
        }
    }

    /// <summary>The recorded calls' input by record (<c>resolvconf -a eth0.inet</c>), the last call of each.</summary>
    private static Dictionary<string, List<string>> LastCallPerRecord(IEnumerable<string> log)
    {
        var calls = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in log)
        {
            if (line.StartsWith("resolvconf ", StringComparison.Ordinal))
            {
                calls[line] = current = [];
            }
            else
            {
                current?.Add(line);
            }
        }

        return calls;
    }
}

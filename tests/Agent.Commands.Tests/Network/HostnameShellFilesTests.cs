using GuestAgent.Testing;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The shell files that keep the hostname, after <c>resetnetwork</c>, sourced by the shell that
/// reads them at boot: <c>/bin/sh</c> (dash) for OpenRC's <c>/etc/conf.d/hostname</c>, initscripts'
/// <c>/etc/sysconfig/network</c> and FreeBSD's <c>rc.conf</c>, bash for Arch's legacy
/// <c>rc.conf</c> (its arrays are bash's); and SUSE's <c>/etc/HOSTNAME</c> read by <c>hostname -F</c>.
/// Each gives the name the host sent, shortened as every place is.
/// </summary>
public sealed class HostnameShellFilesTests
{
    public static TheoryData<string, string> Names() => new()
    {
        { "test-server", "test-server" },
        { "Web-01.Example.org", "Web-01.Example.org" },
        { "RESCUE-production-database-replica-eu-west-1a-instance-0000042-backups", "RESCUE-production-database-replica-eu-west-1a-instance-0000042" },
    };

    private static async Task<string> SourceAsync(string shell, string package, string file, string variable)
    {
        var program = ExternalTool.Require(shell, package);
        var result = await ExternalTool.RunAsync(program, ["-c", "set -eu; . \"$1\"; eval \"printf '%s' \\\"\\$$2\\\"\"", "check", file, variable]);
        Assert.True(result.ExitCode == 0, $"{shell} could not source {file}: {result.StandardError}");
        return result.StandardOutput;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Gentoos_conf_d_hostname_gives_the_name_to_sh(string novaName, string expected)
    {
        using var root = RackspaceMachine("gentoo");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData(hostname: novaName)));

        Assert.Equal(expected, await SourceAsync("dash", "dash", root.Host("/etc/conf.d/hostname"), "hostname"));
        Assert.Equal(expected, await SourceAsync("dash", "dash", root.Host("/etc/conf.d/hostname"), "HOSTNAME"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Red_hats_sysconfig_network_gives_the_name_to_sh(string novaName, string expected)
    {
        using var root = RackspaceMachine("centos");
        root.Write("/etc/sysconfig/network", "NETWORKING=yes\nHOSTNAME=old-name.example.com\n");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData(hostname: novaName)));

        Assert.Equal(expected, await SourceAsync("dash", "dash", root.Host("/etc/sysconfig/network"), "HOSTNAME"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_sysconfig_network_that_names_the_hostname_elsewhere_gives_the_new_name_to_sh(string novaName, string expected)
    {
        using var root = RackspaceMachine("fedora");
        root.Write("/etc/sysconfig/network", "# Created by anaconda\nHOSTNAME=old-name\nNOZEROCONF=yes\n");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData(hostname: novaName)));

        Assert.Equal(expected, await SourceAsync("dash", "dash", root.Host("/etc/sysconfig/network"), "HOSTNAME"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Archs_legacy_rc_conf_gives_the_name_to_bash(string novaName, string expected)
    {
        using var root = RackspaceMachine("arch");
        root.Write("/etc/rc.conf", "LOCALE=\"en_US.UTF-8\"\nHOSTNAME=\"old-name\"\nDAEMONS=(syslog-ng network crond)\n");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData(hostname: novaName)));

        Assert.Equal(expected, await SourceAsync("bash", "bash", root.Host("/etc/rc.conf"), "HOSTNAME"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task FreeBSDs_rc_conf_gives_the_name_to_sh(string novaName, string expected)
    {
        using var root = new FakeRoot();
        root.Write("/etc/os-release", "NAME=FreeBSD\nID=freebsd\nVERSION_ID=14.1\n");
        root.Write("/etc/rc.conf", "hostname=\"old-name.example.com\"\nsshd_enable=\"YES\"\n");
        root.Write("/etc/hosts", "127.0.0.1\tlocalhost\n");
        root.AddInterface("eth0", "bc:76:4e:20:6c:5a");
        root.AddInterface("eth1", "bc:76:4e:20:6c:5b");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData(hostname: novaName)));

        Assert.Equal(expected, await SourceAsync("dash", "dash", root.Host("/etc/rc.conf"), "hostname"));
        Assert.Null(root.Read("/etc/hostname"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task SUSEs_HOSTNAME_file_gives_the_name_to_hostname_F(string novaName, string expected)
    {
        using var root = RackspaceMachine("opensuse");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData(hostname: novaName)));

        var answers = await HostnameConsumers.AskAsync(root.Read("/etc/hosts")!, root.Host("/etc/HOSTNAME"), expected);
        Assert.Equal(expected, answers.Name);
        Assert.Equal(expected, answers.Fqdn);
    }
}

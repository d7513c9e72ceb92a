using GuestAgent.Commands.Network;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// An administrator's <c>chattr +i /etc/resolv.conf</c> pins the resolver list (the flag's usual use): it is
/// left as it is, as NetworkManager leaves such a file (<c>rc-manager=immutable</c>, "not updating
/// resolv.conf"), and the rest of the configuration is applied. Before, the rename over it failed with
/// <c>EPERM</c> and every reset failed, so a guest whose addresses Nova changed was never reconfigured.
/// </summary>
public sealed class ImmutableResolvConfResetTests
{
    [Fact]
    public async Task A_pinned_resolv_conf_is_left_and_the_network_still_configured()
    {
        using var root = ResetNetworkEndToEndTests.RackspaceMachine("debian");
        root.Write("/etc/resolv.conf", "nameserver 192.0.2.99\n");
        await using var pinned = await ImmutableFlag.SetAsync(root.Host("/etc/resolv.conf"));
        var logger = new RecordingLogger<NetworkCommands>();

        var result = await ResetAsync(root, logger);

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal("nameserver 192.0.2.99\n", root.Read("/etc/resolv.conf"));
        Assert.Contains(
            logger.At(LogLevel.Warning),
            warning => warning.EndsWith("resetnetwork: /etc/resolv.conf is immutable (chattr +i): left as it is, without the DNS servers sent; take the attribute off for the agent to write it, or set network.resolvConf to never", StringComparison.Ordinal));
        Assert.Contains("iface eth0 inet static", root.Read("/etc/network/interfaces"), StringComparison.Ordinal);
        Assert.Contains("ifup -f eth0", root.Actions());
    }

    [Fact]
    public async Task A_pinned_resolv_conf_that_already_says_what_would_be_written_is_no_warning_and_no_change()
    {
        using var root = ResetNetworkEndToEndTests.RackspaceMachine("debian");
        await ResetNetworkEndToEndTests.ResetAsync(root, ResetNetworkEndToEndTests.VmData());
        var written = root.Read("/etc/resolv.conf");
        await using var pinned = await ImmutableFlag.SetAsync(root.Host("/etc/resolv.conf"));
        var logger = new RecordingLogger<NetworkCommands>();

        var result = await ResetAsync(root, logger);

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(written, root.Read("/etc/resolv.conf"));
        Assert.DoesNotContain(logger.At(LogLevel.Warning), warning => warning.Contains("immutable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_resolv_conf_without_the_attribute_is_written_on_a_file_system_that_has_it()
    {
        using var root = ResetNetworkEndToEndTests.RackspaceMachine("debian");
        root.Write("/etc/resolv.conf", "nameserver 192.0.2.99\n");
        // The file system has the attribute (a probe carried it a moment), resolv.conf does not: the
        // attribute is the file's (stx_attributes), not what the file system supports (stx_attributes_mask).
        root.Write("/var/tmp/probe", "");
        await (await ImmutableFlag.SetAsync(root.Host("/var/tmp/probe"))).DisposeAsync();

        var result = await ResetAsync(root, new RecordingLogger<NetworkCommands>());

        Assert.Equal(CommandResult.Ok(), result);
        Assert.DoesNotContain("192.0.2.99", root.Read("/etc/resolv.conf"), StringComparison.Ordinal);
    }

    private static Task<CommandResult> ResetAsync(FakeRoot root, RecordingLogger<NetworkCommands> logger) =>
        new NetworkCommands(root.CreateSystem(), ResetNetworkEndToEndTests.VmData(), logger: logger).ResetNetworkAsync(ResetNetworkRequest.Context());
}

using System.Text;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Files whose names are as long as a file name may be (NAME_MAX, 255 bytes): their backups must
/// still fit, or <c>resetnetwork</c> could neither move them aside nor put them back.
/// </summary>
public sealed class LongFileNameTests
{
    private const string Profile = "# Written by guest-agent resetnetwork\nInterface=eth9\nConnection=ethernet\nIP=dhcp\n";

    [Fact]
    public async Task A_stale_profile_with_a_255_byte_name_is_moved_aside_under_a_name_that_fits()
    {
        using var root = RackspaceMachine("arch");
        var name = new string('p', 255);
        root.Write("/etc/netctl/" + name, Profile);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Null(root.Read("/etc/netctl/" + name));
        var backup = Assert.Single(Directory.GetFiles(root.Host("/etc/netctl")), path => Path.GetFileName(path).StartsWith('p'));
        Assert.Equal(Profile, File.ReadAllText(backup));
        Assert.EndsWith(".bak", backup, StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(Path.GetFileName(backup)), 1, 255);
    }

    [Fact]
    public async Task A_failed_apply_puts_a_stale_profile_with_a_255_byte_name_back()
    {
        using var root = RackspaceMachine("arch");
        root.Write("/etc/netctl/" + new string('p', 255), Profile);
        var before = root.Hash("/var");

        var result = await ResetAsync(root, VmData(), "netctl");

        Assert.Equal("500", result.ReturnCode);
        Assert.Contains("the previous configuration was restored", result.Message, StringComparison.Ordinal);
        Assert.Equal(before, root.Hash("/var"));
    }
}

using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// The boot a record was made in: the kernel's id is taken only when it is one word, and a record
/// of an earlier boot loses exactly what lay under <c>/run</c> (files, removals, created
/// directories), nothing that merely starts with the same letters.
/// </summary>
public sealed class RecordedBootTests : IDisposable
{
    private readonly CommandRoot _root = new();

    [Theory]
    [InlineData("5f0c3a4e-0000-4000-8000-000000000001\n", "5f0c3a4e-0000-4000-8000-000000000001")]
    [InlineData("5f0c3a4e-0000 4000-8000\n", null)]
    [InlineData("5f0c3a4e\t0000\n", null)]
    [InlineData(" \n", null)]
    public void The_current_boot_is_the_kernels_id_when_it_is_one_word(string contents, string? expected)
    {
        _root.WriteFile(KernelBootId.Path, contents);

        Assert.Equal(expected, RecordedBoot.Current(_root.System.FileSystem));
    }

    [Fact]
    public void A_record_of_an_earlier_boot_loses_what_lay_under_run_and_nothing_else()
    {
        var record = new TransactionRecord(
            TransactionPhase.Applying,
            CommandRoot.DefaultNow,
            [Snapshot("/run/netplan/50-initramfs.yaml"), Snapshot("/runit/sv/network/run"), Snapshot("/etc/netplan/90-guest-agent.yaml")],
            ["/run/netplan/60-other.yaml", "/running.conf", "/etc/netplan/50-cloud-init.yaml"],
            ["/run/netplan", "/run", "/runit/sv/network", "/etc/netplan"],
            [],
            [],
            "5f0c3a4e-0000-4000-8000-000000000001");

        var kept = RecordedBoot.WithoutRuntimeFiles(record);

        Assert.Equal(["/runit/sv/network/run", "/etc/netplan/90-guest-agent.yaml"], kept.Files.Select(f => f.Path));
        Assert.Equal(["/running.conf", "/etc/netplan/50-cloud-init.yaml"], kept.Removals);
        Assert.Equal(["/runit/sv/network", "/etc/netplan"], kept.CreatedDirectories);
        Assert.Equal(["/run/netplan/50-initramfs.yaml", "/run/netplan/60-other.yaml"], RecordedBoot.RuntimePaths(record));
    }

    [Fact]
    public void A_later_boot_also_skips_the_steps_bringing_back_what_was_running_in_the_earlier_one_and_nothing_else()
    {
        var byHand = ApplyStep.Try("nmcli", "connection", "up", "uuid", "3f1b8a52-5d7e-4c1e-9a1f-0b8e6a2d7c11", "ifname", "eth0") with { ThisBootOnly = true };
        var record = new TransactionRecord(
            TransactionPhase.Applying,
            CommandRoot.DefaultNow,
            [Snapshot("/run/netplan/50-initramfs.yaml"), Snapshot("/etc/NetworkManager/system-connections/guest-agent-eth0.nmconnection")],
            [],
            [],
            [ApplyStep.Try("ifdown", "eth0") with { ThisBootOnly = true }],
            [ApplyStep.Run("nmcli", "connection", "reload"), byHand, ApplyStep.Try("nmcli", "connection", "up", "guest-agent-eth1")],
            "5f0c3a4e-0000-4000-8000-000000000001");

        var later = RecordedBoot.InLaterBoot(record);

        Assert.Equal(["nmcli connection reload", "nmcli connection up guest-agent-eth1"], later.Reapply.Select(s => s.Name));
        Assert.Equal([byHand], RecordedBoot.ThisBootSteps(record));
        Assert.Equal(["/etc/NetworkManager/system-connections/guest-agent-eth0.nmconnection"], later.Files.Select(f => f.Path));
        // Only what makes the restored files live is left out: the take-down acts on what the change left running in this boot.
        Assert.Equal(record.TakeDown, later.TakeDown);
        Assert.Equal(record.Reapply.Select(s => s.Name), RecordedBoot.WithoutRuntimeFiles(record).Reapply.Select(s => s.Name));
    }

    public void Dispose() => _root.Dispose();

    private static FileSnapshot Snapshot(string path) => new(path, null, false, null, null);
}

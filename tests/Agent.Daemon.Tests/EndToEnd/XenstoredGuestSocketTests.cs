using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// <c>guest-agent xenstored --guest-domid N --guest-socket PATH</c> as a real process, driven by the
/// real <c>xenstore-*</c> tools: connections on the guest socket act as domain N (paths relative to
/// its home, its permissions, its quotas), so what dom0 may do on the other socket is refused there.
/// </summary>
public sealed class XenstoredGuestSocketTests
{
    [Fact]
    public async Task The_guest_socket_acts_as_the_guest_and_is_refused_what_dom0_may_do()
    {
        using var directory = new TemporaryDirectory("gaxsg-");
        var socket = directory.Combine("xs.sock");
        var guestSocket = directory.Combine("guest.sock");
        await using var server = await DaemonProcess.StartReadyAsync(directory, ["xenstored", "--socket", socket, "--guest-domid", "5", "--guest-socket", guestSocket]);
        var dom0 = new XenStoreTools(socket);
        var guest = new XenStoreTools(guestSocket);

        // The guest's own home, by a path relative to it, as a guest's agent writes its answers.
        await guest.WriteAsync("data/guest/r1", "answer");
        Assert.Equal("answer", await dom0.ReadAsync("/local/domain/5/data/guest/r1"));

        // Outside its home, and over its node-size quota (2048-byte records): refused to the guest only.
        await dom0.WriteAsync("/tool/setting", "dom0's");
        var outside = await guest.TryWriteAsync("/tool/setting", "guest's");
        var big = new string('x', 3000);
        var oversized = await guest.TryWriteAsync("data/guest/big", big);
        await dom0.WriteAsync("/local/domain/5/data/guest/big", big);

        Assert.NotEqual(0, outside.ExitCode);
        Assert.Contains("could not write path /tool/setting", outside.StandardError, StringComparison.Ordinal);
        Assert.Equal("dom0's", await dom0.ReadAsync("/tool/setting"));
        Assert.NotEqual(0, oversized.ExitCode);
        Assert.Contains("could not write path data/guest/big", oversized.StandardError, StringComparison.Ordinal);
        Assert.Equal(big, await dom0.ReadAsync("/local/domain/5/data/guest/big"));
        Assert.Contains($"XenStore listening on {socket} (as dom0) and {guestSocket} (as domain 5)", server.StandardError, StringComparison.Ordinal);

        // The toolstack's name node, which `call` looks for before writing; dom0 keeps its own.
        Assert.Equal("guest-5", await dom0.ReadAsync("/local/domain/5/name"));
        Assert.Equal("Domain-0", await dom0.ReadAsync("/local/domain/0/name"));

        server.Signal(DaemonProcess.SigTerm);
        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.False(File.Exists(guestSocket), "a stopped server removes its guest socket file too");
    }

    [Fact]
    public async Task Guest_domid_0_gives_dom0s_home_the_guest_nodes_and_keeps_its_name_Domain_0()
    {
        // docs/daemon.md: the store starts with dom0's name (Domain-0), as xen-init-dom0 leaves a Xen
        // host's, and --guest-domid 0 gives dom0's own home data/host, data/guest and vm-data. Walking
        // the docs with the real xenstore-ls showed dom0 renamed "guest-0".
        using var directory = new TemporaryDirectory("gaxsg-");
        var socket = directory.Combine("xs.sock");
        await using var server = await DaemonProcess.StartReadyAsync(directory, ["xenstored", "--socket", socket, "--guest-domid", "0"]);
        var dom0 = new XenStoreTools(socket);

        Assert.Equal("Domain-0", await dom0.ReadAsync("/local/domain/0/name"));
        Assert.Equal("0", await dom0.ReadAsync("/local/domain/0/domid"));
        Assert.Equal(["domid", "name", "data", "vm-data"], await dom0.ListAsync("/local/domain/0"));
        Assert.Equal(["host", "guest"], await dom0.ListAsync("/local/domain/0/data"));

        server.Signal(DaemonProcess.SigTerm);
        Assert.Equal(0, await server.WaitForExitAsync());
    }
}

using System.Net.Sockets;
using System.Text;
using GuestAgent.Daemon.Hosting;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Hosting;

public sealed class SystemdNotifierTests
{
    /// <summary>Binds a unix datagram socket the way systemd does and returns what one notification carried.</summary>
    private static async Task<string> ReceiveAsync(Socket listener, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var received = await listener.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
        return Encoding.UTF8.GetString(buffer, 0, received);
    }

    [Fact]
    public async Task Sends_ready_and_stopping_to_a_socket_path()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("notify");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        using var notifier = new SystemdNotifier(path);

        Assert.True(notifier.IsEnabled);
        Assert.True(notifier.Ready("Serving"));
        Assert.Equal($"READY=1\nSTATUS=Serving\nMAINPID={Environment.ProcessId}", await ReceiveAsync(listener, TestContext.Current.CancellationToken));
        Assert.True(notifier.Stopping("Stopping"));
        Assert.Equal("STOPPING=1\nSTATUS=Stopping", await ReceiveAsync(listener, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Ready_after_stopping_is_not_sent()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("notify");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        using var notifier = new SystemdNotifier(path);

        Assert.True(notifier.Stopping("Finishing the request in progress"));
        Assert.False(notifier.Ready("Serving"));
        Assert.True(notifier.Status("Still stopping"));

        // Datagrams arrive in order: the one after STOPPING=1 is the status, not a READY=1.
        Assert.Equal("STOPPING=1\nSTATUS=Finishing the request in progress", await ReceiveAsync(listener, TestContext.Current.CancellationToken));
        Assert.Equal("STATUS=Still stopping", await ReceiveAsync(listener, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_at_sign_names_an_abstract_socket()
    {
        var name = "guest-agent-test-" + Guid.NewGuid().ToString("N");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint("\0" + name));
        using var notifier = new SystemdNotifier("@" + name);

        Assert.True(notifier.Status("Applying network configuration"));
        Assert.Equal("STATUS=Applying network configuration", await ReceiveAsync(listener, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Without_a_socket_every_notification_is_a_no_op()
    {
        using var notifier = new SystemdNotifier(null);

        Assert.False(notifier.IsEnabled);
        Assert.False(notifier.Ready("Serving"));
    }

    [Fact]
    public void An_empty_notify_socket_is_no_socket()
    {
        // NOTIFY_SOCKET= (set, but empty) as a unit's Environment= or a shell may leave it.
        using var notifier = new SystemdNotifier("");

        Assert.False(notifier.IsEnabled);
        Assert.False(notifier.Stopping("Stopping"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("@")]
    public void A_notify_socket_too_long_for_a_unix_socket_is_no_socket_rather_than_a_failed_start(string start)
    {
        // No systemd sets one (sun_path holds 108 bytes), but an environment can: sd_notify then
        // fails with EINVAL and the service carries on. Thrown here, run exited 1 before serving.
        using var notifier = new SystemdNotifier(start + new string('a', 200));

        Assert.False(notifier.IsEnabled);
        Assert.False(notifier.Ready("Serving"));
    }

    [Fact]
    public void A_socket_nobody_listens_on_does_not_throw()
    {
        using var directory = new TemporaryDirectory();
        using var notifier = new SystemdNotifier(directory.Combine("gone"));

        Assert.False(notifier.Ready("Serving"));
    }
}

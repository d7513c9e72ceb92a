using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Conformance;

/// <summary>
/// The Xen project's xenstore-control (Debian xen-utils-4.17) against the embedded server, which
/// answers CONTROL with ENOSYS by choice (docs/xenstore.md, "What differs from C xenstored 4.17"):
/// the tool reports the errno and exits 3, and a connection that sent a CONTROL goes on serving.
/// </summary>
public sealed class XenStoreControlTests : IAsyncLifetime
{
    private const string Program = "xenstore-control";

    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Theory]
    [InlineData("help")]
    [InlineData("quota")]
    [InlineData("log", "on")]
    public async Task A_control_command_fails_with_ENOSYS(params string[] command)
    {
        var result = await XenUtils.RunAsync(_store.Dom0Socket, Program, command);

        // ENOSYS is errno 38; an EINVAL would have made the tool ask for "help" and list the commands.
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("Error 38 when trying to execute command.\n", result.StandardError);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task A_live_update_is_refused_at_its_first_step()
    {
        var result = await XenUtils.RunAsync(_store.Dom0Socket, Program, "live-update", "-F", "/usr/sbin/xenstored");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("Setting update binary failed:\nFunction not implemented\n", result.StandardError);
    }

    [Fact]
    public async Task The_connection_that_sent_a_CONTROL_serves_the_next_request()
    {
        _store.Server.Write("/ctl", "still here"u8);
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);

        // What libxenstore's xs_control_command sends for "xenstore-control help", then a READ.
        await raw.SendAsync(XenStoreMessageType.Control, 5, "help\0");
        await raw.SendAsync(XenStoreMessageType.Read, 6, "/ctl\0");

        var (control, error) = await raw.ReplyAsync(5);
        Assert.Equal(XenStoreMessageType.Error, control.Type);
        Assert.Equal("ENOSYS\0", error);
        var (read, value) = await raw.ReplyAsync(6);
        Assert.Equal(XenStoreMessageType.Read, read.Type);
        Assert.Equal("still here", value);
    }
}

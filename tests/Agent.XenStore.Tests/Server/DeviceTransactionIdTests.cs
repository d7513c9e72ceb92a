using GuestAgent.Testing;
using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// The Linux xenbus device looks a message's transaction id up among its file's own transactions
/// before xenstored sees the message (<c>xenbus_write_transaction</c>, drivers/xen/xenbus/
/// xenbus_dev_frontend.c): for every type but WATCH and UNWATCH (which it answers itself) and
/// TRANSACTION_START (which it passes on), an id the file holds no transaction under is answered
/// <c>ENOENT</c> by the kernel, with the request's own header, whatever the type. So on the device
/// that answer comes before xenstored's <c>ENOSYS</c> for a type it does not know and its
/// <c>EACCES</c> for a privileged type, the order a socket client sees (process_message's).
/// </summary>
public sealed class DeviceTransactionIdTests : IAsyncLifetime
{
    private const uint Unknown = 999;
    private readonly TemporaryDirectory _directory = new("gaxt-");
    private readonly XenStoreServer _server = new();

    private string Device => _directory.Combine("xenbus");

    public ValueTask InitializeAsync()
    {
        _server.Listen(Device, XenStoreIdentity.Guest(7), emulateDevice: true);
        _server.CreateGuestDomain(7);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    public static TheoryData<XenStoreMessageType> RefusedByXenstoredOtherwise => new()
    {
        (XenStoreMessageType)23,          // no such type: ENOSYS from xenstored
        (XenStoreMessageType)0x1234,
        XenStoreMessageType.Restrict,     // gone from 4.17: ENOSYS
        XenStoreMessageType.Release,      // privileged: EACCES from xenstored
        XenStoreMessageType.Introduce,
        XenStoreMessageType.Control,
    };

    [Theory]
    [MemberData(nameof(RefusedByXenstoredOtherwise))]
    public async Task An_unknown_transaction_id_is_ENOENT_from_the_device_before_ENOSYS_or_EACCES(XenStoreMessageType type)
    {
        using var raw = await RawConnection.ConnectAsync(Device);

        await raw.SendAsync(type, 31, Unknown, "7\0"u8.ToArray());
        var reply = (await raw.ReceiveAsync())!.Value;

        // xenbus_command_reply answers with the request's header: its ids, the type ERROR.
        Assert.Equal(new XenStoreHeader(XenStoreMessageType.Error, 31, Unknown, 7), reply.Header);
        Assert.Equal("ENOENT\0"u8.ToArray(), reply.Payload);
    }

    [Fact]
    public async Task Without_a_transaction_id_xenstored_answers_as_to_a_socket()
    {
        using var raw = await RawConnection.ConnectAsync(Device);

        await raw.SendAsync((XenStoreMessageType)23, 1, "0\0");
        Assert.Equal("ENOSYS\0", (await raw.ReplyAsync(1)).Payload);
        await raw.SendAsync(XenStoreMessageType.Release, 2, "7\0");
        Assert.Equal("EACCES\0", (await raw.ReplyAsync(2)).Payload);
    }

    [Fact]
    public async Task Under_a_transaction_the_file_holds_xenstored_answers_as_to_a_socket()
    {
        using var raw = await RawConnection.ConnectAsync(Device);
        await raw.SendAsync(XenStoreMessageType.TransactionStart, 1, "\0");
        var tx = uint.Parse((await raw.ReplyAsync(1)).Payload.TrimEnd('\0'), System.Globalization.CultureInfo.InvariantCulture);

        await raw.SendAsync((XenStoreMessageType)23, 2, tx, "0\0"u8.ToArray());
        Assert.Equal("ENOSYS\0", (await raw.ReplyAsync(2)).Payload);
        await raw.SendAsync(XenStoreMessageType.Release, 3, tx, "7\0"u8.ToArray());
        Assert.Equal("EACCES\0", (await raw.ReplyAsync(3)).Payload);
    }

    [Fact]
    public async Task TRANSACTION_START_under_an_unknown_id_is_passed_on_and_still_ENOENT()
    {
        using var raw = await RawConnection.ConnectAsync(Device);

        await raw.SendAsync(XenStoreMessageType.TransactionStart, 4, Unknown, "\0"u8.ToArray());

        Assert.Equal("ENOENT\0", (await raw.ReplyAsync(4)).Payload);
    }
}

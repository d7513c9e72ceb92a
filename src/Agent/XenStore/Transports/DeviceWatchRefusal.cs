using System.Collections.Frozen;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Transports;

/// <summary>
/// Reads a failed <c>write(2)</c> of a WATCH to the guest's device as the kernel means it. The kernel
/// handles WATCH itself (<c>xenbus_write_watch</c> → <c>register_xenbus_watch</c>, in Linux's
/// <c>xenbus_dev_frontend.c</c>): it registers its own watch with xenstored and, when xenstored refuses
/// it (the guest's watch quota, a path it refuses), fails the write with the errno the kernel's
/// <c>get_error()</c> made of xenstored's error name, instead of queuing an ERROR reply. The message is
/// consumed and the file stays usable, so that is xenstored's answer, not a broken device.
/// </summary>
internal static class DeviceWatchRefusal
{
    // The xsd_errors table (xs_wire.h) by Linux errno, as get_error() maps a name to its number (an
    // unknown name, oxenstored's EQUOTA, to EINVAL). EIO is left out: it is also what a device, or a
    // pty standing in for one, whose other side is gone reports, so it stays a lost connection.
    private static readonly FrozenDictionary<int, string> Names = new Dictionary<int, string>
    {
        [22] = XenStoreErrors.InvalidArgument,
        [13] = XenStoreErrors.AccessDenied,
        [17] = XenStoreErrors.Exists,
        [21] = "EISDIR",
        [2] = XenStoreErrors.NotFound,
        [12] = XenStoreErrors.OutOfMemory,
        [28] = XenStoreErrors.NoSpace,
        [39] = "ENOTEMPTY",
        [38] = XenStoreErrors.NotImplemented,
        [30] = "EROFS",
        [16] = XenStoreErrors.Busy,
        [11] = XenStoreErrors.TryAgain,
        [106] = "EISCONN",
        [7] = XenStoreErrors.TooBig,
        [1] = XenStoreErrors.NotPermitted,
    }.ToFrozenDictionary();

    /// <summary>
    /// xenstored's error for a <paramref name="message"/> whose write failed with <paramref name="errno"/>,
    /// or null when the failure is the device's: any message but a WATCH (the kernel passes the others on
    /// and queues xenstored's answer, an ERROR reply included; UNWATCH it answers <c>OK</c> itself, always),
    /// or an errno outside xenstored's table, or <c>EIO</c>.
    /// </summary>
    public static XenStoreErrorException? Of(ReadOnlySpan<byte> message, int errno) =>
        message.Length >= XenStoreLimits.HeaderSize
        && XenStoreHeader.Read(message).Type == XenStoreMessageType.Watch
        && Names.TryGetValue(errno, out var name)
            ? new XenStoreErrorException(name, XenStoreMessageType.Watch, null)
            : null;
}

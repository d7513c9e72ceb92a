using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Transports;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>
/// Writes to <c>/dev/xen/xenbus</c> as its kernel fails them, for a pty standing in for the device: a
/// pty cannot fail a write with a chosen errno, and the emulation behind it, on a socket, cannot fail
/// one at all. Messages of one type fail with one errno, without reaching the pty; every other
/// message is written for real.
/// </summary>
internal static class KernelDeviceWrites
{
    /// <summary>
    /// xenstored refuses the guest's watches (its watch quota, which the kernel's own watches and
    /// other programs' count against, used up): the kernel's <c>xenbus_write_watch</c> registers a
    /// WATCH itself, and when xenstored refuses it the <c>write(2)</c> fails with that errno. The
    /// message is consumed, no reply is queued, and the file stays usable (xenbus_dev_frontend.c).
    /// </summary>
    public static DeviceWrite RefusingWatches(int errno) => Failing(XenStoreMessageType.Watch, errno);

    /// <summary>Fails every write of <paramref name="type"/> with <paramref name="errno"/>.</summary>
    public static DeviceWrite Failing(XenStoreMessageType type, int errno) =>
        (device, message) => XenStoreHeader.Read(message).Type == type ? errno : DeviceTransport.WriteMessage(device, message);

    /// <summary>A client over the pty at <paramref name="devicePath"/>, writing through <paramref name="write"/>.</summary>
    public static XenStoreClient Connect(string devicePath, DeviceWrite write) => XenStoreClient.Create(DeviceTransport.Open(devicePath, write));
}

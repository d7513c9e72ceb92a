namespace GuestAgent.XenStore.Wire;

/// <summary>Size limits of the XenStore protocol.</summary>
public static class XenStoreLimits
{
    /// <summary>Size of the message header (<c>struct xsd_sockmsg</c>).</summary>
    public const int HeaderSize = 16;

    /// <summary>The largest payload of a message (<c>XENSTORE_PAYLOAD_MAX</c>).</summary>
    public const int PayloadMax = 4096;

    /// <summary>
    /// The largest payload through <c>/dev/xen/xenbus</c>: the kernel's per-file buffer holds the
    /// header too.
    /// </summary>
    public const int DevicePayloadMax = PayloadMax - HeaderSize;

    /// <summary>
    /// The longest absolute path (<c>XENSTORE_ABS_PATH_MAX</c>). C xenstored 4.17 no longer checks it:
    /// its <see cref="RelativePathMax"/> rule keeps every valid path under 2069 bytes.
    /// </summary>
    public const int AbsolutePathMax = 3072;

    /// <summary>The longest path below a domain's home, or any path outside one (<c>XENSTORE_REL_PATH_MAX</c>).</summary>
    public const int RelativePathMax = 2048;
}

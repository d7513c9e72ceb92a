using System.Globalization;
using System.Text;
using GuestAgent.XenStore.Transports;

namespace GuestAgent.Daemon.Cli;

/// <summary>
/// The one length rule for a unix socket path, wherever the path is given: an option, the
/// configuration file's <c>xenstore.path</c>, or <c>XENSTORED_PATH</c>. sockaddr_un's sun_path holds
/// 108 bytes with the terminating NUL, so a longer path can never be bound or connected to; said
/// before the verb runs (a usage error, exit 2, naming where the path came from) rather than as a
/// "cannot connect" once it does (exit 1, which systemd restarts for ever). A XenStore path may
/// name a device instead (<c>/dev/xen/xenbus</c>), but no device path comes near this length.
/// </summary>
internal static class UnixSocketPathLength
{
    /// <summary>The longest unix socket path: sockaddr_un's 108 bytes, less the terminating NUL.</summary>
    public const int MaxBytes = 107;

    /// <summary>
    /// What is wrong with <paramref name="path"/> as a unix socket path, to follow the name of where
    /// it came from (<c>names a path of 108 bytes, too long …</c>), or <c>null</c> when it fits.
    /// </summary>
    public static string? Problem(string path)
    {
        var bytes = Encoding.UTF8.GetByteCount(path);
        return bytes <= MaxBytes
            ? null
            : $"names a path of {bytes.ToString(CultureInfo.InvariantCulture)} bytes, too long for a unix socket (at most {MaxBytes.ToString(CultureInfo.InvariantCulture)} bytes; choose a shorter path)";
    }

    /// <summary>
    /// Refuses a <c>XENSTORED_PATH</c> too long for a unix socket, for a verb that picks its endpoint
    /// as libxenstore does (no <c>--xenstore</c>, no <c>xenstore.path</c>): that variable is then the
    /// one endpoint tried.
    /// </summary>
    /// <param name="verb">The verb, named first in the error, as in an option's.</param>
    /// <param name="environment">The environment (the process's when <c>null</c>).</param>
    /// <exception cref="UsageException">The variable names a path too long.</exception>
    public static void CheckEnvironment(string verb, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (environment(XenStoreEndpoint.PathVariable) is { } path && Problem(path) is { } problem)
        {
            throw new UsageException($"{verb}: environment variable {XenStoreEndpoint.PathVariable} {problem}");
        }
    }
}

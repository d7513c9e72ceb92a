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
    /// it came from (<c>names a path of 108 bytes, too long …</c>), or <c>null</c> when it fits. For
    /// a path used as given (a relative one resolved by the kernel against the working directory
    /// of the process that binds or connects, which never moves).
    /// </summary>
    public static string? Problem(string path) => Problem(path, path);

    /// <summary>
    /// The XenStore path a verb opens for <paramref name="path"/>: itself when absolute, else joined
    /// to the working directory the verb was started in (the process's when
    /// <paramref name="workingDirectory"/> is <c>null</c>), which is where libxenstore's tools run
    /// from the same shell would look. <c>run</c> moves to <c>/</c> before it connects, so a relative
    /// path must be made absolute first, and the length rule holds for what is opened: a short
    /// relative path can name one over 107 bytes. Joined, not normalized: <c>link/..</c> stays for
    /// the kernel to resolve, as it would have from the working directory.
    /// </summary>
    /// <param name="path">The path as given.</param>
    /// <param name="workingDirectory">The working directory (the process's when <c>null</c>).</param>
    /// <param name="what">Where the path came from, leading the error when the process's working directory's name is not UTF-8.</param>
    /// <exception cref="UsageException">A relative path, and the process's working directory's name is not valid UTF-8 (<see cref="ArgumentEncoding.UnderWorkingDirectory"/>).</exception>
    public static string XenStorePath(string path, string? workingDirectory = null, string? what = null) =>
        path.Length == 0 || Path.IsPathRooted(path) ? path
            : workingDirectory is null ? ArgumentEncoding.UnderWorkingDirectory(path, what ?? $"the XenStore path {path}")
            : Path.Join(workingDirectory, path);

    /// <summary>
    /// <see cref="Problem(string)"/> for a XenStore path given as <paramref name="given"/> and opened
    /// as <paramref name="used"/> (<see cref="XenStorePath"/>): the error names the path that is too
    /// long when it is not the one typed.
    /// </summary>
    public static string? Problem(string given, string used)
    {
        var bytes = Encoding.UTF8.GetByteCount(used);
        if (bytes <= MaxBytes)
        {
            return null;
        }

        var path = given == used ? "" : $" once made absolute against the working directory ({used})";
        return $"names a path of {bytes.ToString(CultureInfo.InvariantCulture)} bytes{path}, too long for a unix socket (at most {MaxBytes.ToString(CultureInfo.InvariantCulture)} bytes; choose a shorter path)";
    }

    /// <summary>
    /// The endpoint <c>XENSTORED_PATH</c> names, for a verb that picks its endpoint as libxenstore
    /// does (no <c>--xenstore</c>, no <c>xenstore.path</c>): that variable is then the one endpoint
    /// tried. A relative one is made absolute against the working directory
    /// (<see cref="XenStorePath"/>), and the length rule applies to that.
    /// </summary>
    /// <param name="verb">The verb, named first in the error, as in an option's.</param>
    /// <param name="environment">The environment (the process's when <c>null</c>).</param>
    /// <param name="workingDirectory">The working directory (the process's when <c>null</c>).</param>
    /// <returns>The absolute path; <c>null</c> when the variable is unset or empty (left to the SDK, which picks the default endpoints or, for an empty one, names no endpoint, as libxenstore does).</returns>
    /// <exception cref="UsageException">The variable names a path too long, or (the process's own) is not valid UTF-8.</exception>
    public static string? EnvironmentEndpoint(string verb, Func<string, string?>? environment = null, string? workingDirectory = null)
    {
        var readsProcess = environment is null;
        environment ??= Environment.GetEnvironmentVariable;
        if (environment(XenStoreEndpoint.PathVariable) is not { Length: > 0 } given)
        {
            // Unset, the default socket is under XENSTORED_RUNDIR, whose bytes must then be read as given too.
            if (readsProcess && environment(XenStoreEndpoint.PathVariable) is null && environment(XenStoreEndpoint.RunDirectoryVariable) is { } runDirectory)
            {
                RefuseNotUtf8(verb, XenStoreEndpoint.RunDirectoryVariable, runDirectory);
            }

            return null;
        }

        if (readsProcess)
        {
            RefuseNotUtf8(verb, XenStoreEndpoint.PathVariable, given);
        }

        var used = XenStorePath(given, workingDirectory, $"{verb}: environment variable {XenStoreEndpoint.PathVariable} names {given}");
        return Problem(given, used) is { } problem
            ? throw new UsageException($"{verb}: environment variable {XenStoreEndpoint.PathVariable} {problem}")
            : used;
    }

    /// <summary>
    /// For <c>run</c>, which moves to <c>/</c> before it connects: a relative <c>XENSTORED_RUNDIR</c>
    /// (when <c>XENSTORED_PATH</c> is unset, so the default socket is under it) is set to the directory it
    /// names from the working directory the verb was started in, where libxenstore's tools started there
    /// look, so that the SDK's default endpoints (<see cref="XenStoreEndpoint.Candidates"/>) stay the same
    /// once the process has moved.
    /// </summary>
    /// <exception cref="UsageException">The working directory's name is not valid UTF-8.</exception>
    public static void AnchorRunDirectory(string verb)
    {
        if (Environment.GetEnvironmentVariable(XenStoreEndpoint.PathVariable) is null
            && Environment.GetEnvironmentVariable(XenStoreEndpoint.RunDirectoryVariable) is { Length: > 0 } runDirectory
            && !Path.IsPathRooted(runDirectory))
        {
            Environment.SetEnvironmentVariable(
                XenStoreEndpoint.RunDirectoryVariable,
                XenStorePath(runDirectory, what: $"{verb}: environment variable {XenStoreEndpoint.RunDirectoryVariable} names {runDirectory}"));
        }
    }

    /// <summary>
    /// Refuses a variable of the process's environment that is not valid UTF-8: read as UTF-8, a byte it
    /// cannot read names another path (U+FFFD) than the one libxenstore's tools open with the same variable.
    /// </summary>
    private static void RefuseNotUtf8(string verb, string name, string value)
    {
        if (ArgumentEncoding.NotUtf8Variable(name, value) is { } bytes)
        {
            throw new UsageException($"{verb}: environment variable {name} is not valid UTF-8 ('{bytes}'): it would be read as another path; give it in UTF-8");
        }
    }
}

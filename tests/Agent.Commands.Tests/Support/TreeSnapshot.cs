using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>
/// Every entry under a directory with its kind, mode and contents, to prove nothing changed. A
/// symbolic link is described by its target and never descended into (a link to the host's
/// <c>/root</c> must not pull the host's files into a snapshot).
/// </summary>
internal static class TreeSnapshot
{
    /// <summary>The agent's state directory under a root, where the record of a <c>resetnetwork</c> in progress lives.</summary>
    public const string StateDirectory = "var/lib/guest-agent";

    public static string Take(string directory) => string.Join('\n', Entries(directory)
        .Order(StringComparer.Ordinal)
        .Select(path => Describe(directory, path)));

    /// <summary>
    /// Like <see cref="Take"/>, without the agent's own state (<see cref="StateDirectory"/> and the
    /// directories above it that the agent creates): what a rollback must leave as it found it.
    /// </summary>
    public static string TakeExceptState(string root) => string.Join('\n', Entries(root)
        .Select(path => Path.GetRelativePath(root, path))
        .Where(relative => relative != StateDirectory && !StateDirectory.StartsWith(relative + "/", StringComparison.Ordinal) && !relative.StartsWith(StateDirectory + "/", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .Select(relative => Describe(root, Path.Combine(root, relative))));

    private static IEnumerable<string> Entries(string directory)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory, "*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            yield return entry;
            if (new FileInfo(entry).LinkTarget is null && Directory.Exists(entry))
            {
                foreach (var inner in Entries(entry))
                {
                    yield return inner;
                }
            }
        }
    }

    private const int CloseOnExec = 0x80000; // O_CLOEXEC, the same on x86-64 and arm64; O_RDONLY is 0

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenNative(byte[] path, int flags);

    /// <summary>
    /// A file's bytes, read without .NET's shared <c>flock</c> (its emulation of <c>FileShare</c>),
    /// which fails while an exclusive one is held (a lock file another process holds). A snapshot
    /// only reads, and must not take part in locking, so it opens the file plainly.
    /// </summary>
    private static byte[] ReadWithoutFlock(string path)
    {
        var fd = OpenNative(Encoding.UTF8.GetBytes(path + "\0"), CloseOnExec);
        if (fd < 0)
        {
            throw new IOException($"Cannot open '{path}' (errno {Marshal.GetLastPInvokeError()})");
        }

        using var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read);
        using var contents = new MemoryStream();
        stream.CopyTo(contents);
        return contents.ToArray();
    }

    private static string Describe(string root, string path)
    {
        var info = new FileInfo(path);
        var relative = Path.GetRelativePath(root, path);
        if (info.LinkTarget is { } target)
        {
            return $"{relative} -> {target}";
        }

        var mode = File.GetUnixFileMode(path);
        return Directory.Exists(path)
            ? $"{relative}/ {mode}"
            : $"{relative} {mode} {Convert.ToHexString(ReadWithoutFlock(path))}";
    }
}

using System.Security.Cryptography;
using System.Text;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Security;

/// <summary>
/// The durable marks <c>password</c> leaves, under the password file's lock just before it changes
/// that file: <c>&lt;StateDirectory&gt;/password-attempt</c>, one line per attempt,
/// <c>&lt;boot id&gt; &lt;SHA-256 of request id and value&gt;</c> (never the password or its hash). The
/// journal records only finished answers, so a request whose change was made just before a crash
/// (the shadow file renamed, the answer not yet journaled) runs again after the restart, without
/// the <c>keyinit</c> key that died with the process. Without a mark it would answer
/// <c>Password without key exchange</c>, as if nothing had happened, while the password may well
/// have changed. With it, that re-run answers <see cref="PasswordMessages.Interrupted"/>.
/// </summary>
/// <remarks>
/// <para>
/// The crash window ends when the exchange journals the answer, after the command has returned,
/// so the command cannot remove its mark at the right moment: removing it when the password is set
/// would reopen the window between that return and the journal line. Instead a mark matches only
/// what a re-run after that crash can be. The same boot, as the journal, which drops the answers
/// of earlier boots (their requests died with that domain). The same request id AND the same value:
/// a re-run reads the very request still waiting in XenStore, while a host that reuses an id
/// (one numbering its requests, after the journal evicted the id) sends a new ciphertext, under a
/// new <c>keyinit</c>'s key. A reused id with a byte-identical value is the only false match left.
/// </para>
/// <para>
/// Recording keeps the last <see cref="Kept"/> marks of this boot and drops those of earlier
/// boots, so the file stays small and two exchanges setting passwords at once do not erase each
/// other's mark; recording happens under the password file's lock, which serialises it.
/// </para>
/// </remarks>
internal static class PasswordAttempt
{
    /// <summary>How many attempts of the current boot the file remembers.</summary>
    internal const int Kept = 8;

    private const string FileName = "password-attempt";
    private const int MaxFileSize = 4096;
    private const string UnknownBoot = "-";
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = PrivateFile | UnixFileMode.UserExecute;

    /// <summary>Records, durably (fsync), that request <paramref name="requestId"/> carrying <paramref name="value"/> is about to change the password.</summary>
    /// <exception cref="IOException">The mark could not be written (a read-only or full state directory).</exception>
    /// <exception cref="UnauthorizedAccessException">The mark could not be written.</exception>
    public static void Record(AgentSystem system, PasswordOptions options, string requestId, string value)
    {
        var boot = BootOf(options);
        var kept = ReadLines(system, options).Where(line => line.StartsWith(boot + " ", StringComparison.Ordinal)).TakeLast(Kept - 1);
        var text = string.Concat(kept.Select(line => line + "\n")) + Line(boot, requestId, value);
        system.Writer.Write(PathOf(options), Encoding.ASCII.GetBytes(text), new AtomicWriteOptions
        {
            NewFileMode = PrivateFile,
            NewFileOwner = null,
            CreateDirectoriesWithMode = PrivateDirectory,
            // The state directory is configured by root, and may sit behind a distribution's link (/var -> …).
            DirectoryLinks = DirectoryLinkPolicy.FollowTrusted,
        });
    }

    /// <summary>Whether request <paramref name="requestId"/> carrying <paramref name="value"/> got as far as the password file's lock in this boot.</summary>
    public static bool WasStartedBy(AgentSystem system, PasswordOptions options, string requestId, string value)
    {
        var mark = Line(BootOf(options), requestId, value).TrimEnd('\n');
        return ReadLines(system, options).Contains(mark, StringComparer.Ordinal);
    }

    private static string[] ReadLines(AgentSystem system, PasswordOptions options)
    {
        try
        {
            // The status by name only spares reading a file too large to be ours; what is read and
            // judged is one look (ReadRegularFile): a FIFO put there is never opened (a read by name would
            // wait on it for ever, under the password file's lock), nor a file renamed over it since read.
            var path = PathOf(options);
            return system.FileSystem.GetStatus(path) is { Kind: FileKind.File, Size: < MaxFileSize }
                && system.FileSystem.ReadRegularFile(path) is { } file && file.Contents.Length < MaxFileSize
                ? Encoding.UTF8.GetString(file.Contents).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                : [];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Missing or unreadable: no marks, the plain answer, as before there were marks.
            return [];
        }
    }

    private static string Line(string boot, string requestId, string value)
    {
        // Length-prefixed, so no request id and value can be confused with another pair.
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{requestId.Length}:{requestId}\n{value}"));
        return $"{boot} {Convert.ToHexStringLower(digest)}\n";
    }

    private static string BootOf(PasswordOptions options) =>
        (options.BootId ?? KernelBootId.Read()) is { Length: > 0 } boot && !boot.Any(char.IsWhiteSpace) ? boot : UnknownBoot;

    private static string PathOf(PasswordOptions options) => options.StateDirectory.TrimEnd('/') + "/" + FileName;
}

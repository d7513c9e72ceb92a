using System.Text;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Security;

/// <summary>
/// The durable mark a <c>password</c> leaves, before it changes the password file, naming its
/// request: <c>&lt;StateDirectory&gt;/password-attempt</c>, one line with the request id (never the
/// password or its hash). The journal records only finished answers, so a request whose change
/// was made just before a crash (the shadow file renamed, the answer not yet journaled) runs again
/// after the restart, without the <c>keyinit</c> key that died with the process. Without this mark
/// it would answer <c>Password without key exchange</c>, as if nothing had happened, while the
/// password may well have changed. With it, that re-run answers
/// <see cref="PasswordMessages.Interrupted"/>. The mark is replaced by the next attempt, never
/// removed: the command cannot know when its answer is journaled, and a request answered from the
/// journal never runs again, so a mark that outlives its answer is never read.
/// </summary>
internal static class PasswordAttempt
{
    private const string FileName = "password-attempt";
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = PrivateFile | UnixFileMode.UserExecute;

    /// <summary>Records, durably (fsync), that request <paramref name="requestId"/> is about to change the password.</summary>
    /// <exception cref="IOException">The mark could not be written (a read-only or full state directory).</exception>
    /// <exception cref="UnauthorizedAccessException">The mark could not be written.</exception>
    public static void Record(AgentSystem system, PasswordOptions options, string requestId) =>
        system.Writer.Write(PathOf(options), Encoding.UTF8.GetBytes(requestId + "\n"), new AtomicWriteOptions
        {
            NewFileMode = PrivateFile,
            NewFileOwner = null,
            CreateDirectoriesWithMode = PrivateDirectory,
            // The state directory is configured by root, and may sit behind a distribution's link (/var -> …).
            DirectoryLinks = DirectoryLinkPolicy.FollowTrusted,
        });

    /// <summary>Whether the last password change that got as far as the password file was request <paramref name="requestId"/>'s.</summary>
    public static bool WasStartedBy(AgentSystem system, PasswordOptions options, string requestId)
    {
        try
        {
            var path = PathOf(options);
            return system.FileSystem.GetStatus(path) is { Kind: FileKind.File, Size: < 4096 } &&
                system.FileSystem.ReadAllText(path).TrimEnd('\n') == requestId;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Unreadable: the plain answer, as before there were marks.
            return false;
        }
    }

    private static string PathOf(PasswordOptions options) => options.StateDirectory.TrimEnd('/') + "/" + FileName;
}

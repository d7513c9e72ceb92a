using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Security;

/// <summary>
/// Sets the root password in <c>/etc/shadow</c>: new hash of the entry's family with a fresh salt,
/// last-change field updated, file replaced atomically with its owner and mode, no backup left
/// behind. Any failure leaves the file untouched.
/// </summary>
internal static partial class RootPasswordSetter
{
    public const string ShadowPath = "/etc/shadow";

    /// <summary>Sets the password; throws <see cref="CommandException"/> with the protocol's text on failure.</summary>
    public static void Set(AgentSystem system, ReadOnlySpan<byte> password, ILogger logger)
    {
        var status = system.FileSystem.GetStatus(ShadowPath);
        if (status?.Kind != FileKind.File)
        {
            // Missing, a directory, or a symbolic link the agent will not write through.
            throw new CommandException(ShadowMessages.UnknownFormat);
        }

        var contents = system.FileSystem.ReadAllBytes(ShadowPath);
        var days = system.Time.GetUtcNow().ToUnixTimeSeconds() / 86_400;
        var passwordCopy = password.ToArray();
        byte[] updated;
        var wasLocked = false;
        try
        {
            var error = ShadowFile.TryReplaceHash(contents, "root", current =>
            {
                // A locked (!) or disabled (*) entry gets a usable password: Nova's set-password is an
                // explicit administrator request for exactly that. It is logged, never silent.
                wasLocked = current.StartsWith('!') || current.StartsWith('*');
                return ShadowPasswordHasher.Hash(passwordCopy, current);
            }, days, out updated);
            if (error is not null)
            {
                throw new CommandException(error);
            }
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(passwordCopy);
        }

        try
        {
            system.Writer.Write(ShadowPath, updated, new AtomicWriteOptions { KeepBackup = false });
        }
        catch (IOException exception)
        {
            throw new CommandException(ShadowMessages.WriteFailed, exception);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new CommandException(ShadowMessages.WriteFailed, exception);
        }

        if (wasLocked)
        {
            LogUnlocked(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The root account was locked or had no password; setting the requested password unlocked it")]
    private static partial void LogUnlocked(ILogger logger);
}

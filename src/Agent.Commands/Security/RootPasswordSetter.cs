using System.Security.Cryptography;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Security;

/// <summary>
/// Sets the root password: in <c>/etc/shadow</c> (Linux), or in <c>/etc/master.passwd</c> with its
/// databases rebuilt by <c>pwd_mkdb</c> (FreeBSD), the two files the original agent knew, tried in
/// that order. The new hash keeps the entry's family with a fresh salt. Any failure leaves the
/// password file untouched.
/// </summary>
internal static partial class RootPasswordSetter
{
    public const string ShadowPath = "/etc/shadow";

    /// <summary>FreeBSD's password file: <c>name:password:uid:gid:class:change:expire:gecos:home:shell</c>.</summary>
    public const string MasterPasswdPath = "/etc/master.passwd";

    /// <summary>The tool that installs a new <c>master.passwd</c> and rebuilds <c>pwd.db</c> and <c>spwd.db</c> from it.</summary>
    public const string PwdMkdb = "/usr/sbin/pwd_mkdb";

    /// <summary>Sets the password; throws <see cref="CommandException"/> with the protocol's text on failure.</summary>
    public static async Task SetAsync(AgentSystem system, ReadOnlyMemory<byte> password, ILogger logger, CancellationToken cancellationToken)
    {
        bool wasLocked;
        if (IsRegularFile(system, ShadowPath))
        {
            var days = system.Time.GetUtcNow().ToUnixTimeSeconds() / 86_400;
            var updated = NewContents(system, ShadowPath, password.Span, days, out wasLocked);
            Install(system, ShadowPath, updated, new AtomicWriteOptions { KeepBackup = false });
        }
        else if (IsRegularFile(system, MasterPasswdPath))
        {
            // Field 3 of master.passwd is the uid, not a last-change date: nothing but the hash changes.
            var updated = NewContents(system, MasterPasswdPath, password.Span, lastChangeDays: null, out wasLocked);
            await RebuildPasswordDatabasesAsync(system, updated, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Missing, a directory, or a symbolic link the agent will not write through.
            throw new CommandException(ShadowMessages.UnknownFormat);
        }

        if (wasLocked)
        {
            LogUnlocked(logger);
        }
    }

    private static bool IsRegularFile(AgentSystem system, string path) => system.FileSystem.GetStatus(path)?.Kind == FileKind.File;

    /// <summary>The password file with root's hash replaced.</summary>
    private static byte[] NewContents(AgentSystem system, string path, ReadOnlySpan<byte> password, long? lastChangeDays, out bool wasLocked)
    {
        var contents = system.FileSystem.ReadAllBytes(path);
        var passwordCopy = password.ToArray();
        var locked = false;
        try
        {
            var error = ShadowFile.TryReplaceHash(contents, "root", current =>
            {
                // A locked (!) or disabled (*) entry gets a usable password: Nova's set-password is an
                // explicit administrator request for exactly that. It is logged, never silent.
                locked = current.StartsWith('!') || current.StartsWith('*');
                return ShadowPasswordHasher.Hash(passwordCopy, current);
            }, lastChangeDays, out var updated);
            wasLocked = locked;
            return error is null ? updated : throw new CommandException(error);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordCopy);
        }
    }

    /// <summary>
    /// FreeBSD: stages the new file beside the old one (same owner and mode) and lets <c>pwd_mkdb</c>
    /// install it, as <c>pw</c> and <c>vipw</c> do; the databases and the file then change together.
    /// </summary>
    private static async Task RebuildPasswordDatabasesAsync(AgentSystem system, byte[] updated, CancellationToken cancellationToken)
    {
        var current = system.FileSystem.GetStatus(MasterPasswdPath)!.Value;
        var staging = $"/etc/pw.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        Install(system, staging, updated, new AtomicWriteOptions { NewFileMode = current.Mode, NewFileOwner = current.Owner });

        var directory = system.FileSystem.Resolve("/etc");
        var spec = new ProcessSpec(PwdMkdb, "-d", directory, system.FileSystem.Resolve(staging)) { Timeout = TimeSpan.FromSeconds(60) };
        bool succeeded;
        try
        {
            succeeded = (await system.Processes.RunAsync(spec, cancellationToken).ConfigureAwait(false)).Succeeded;
        }
        catch (IOException)
        {
            succeeded = false;
        }
        finally
        {
            // pwd_mkdb renames the staged file into place when it succeeds; whatever is left is debris.
            system.FileSystem.DeleteFile(staging);
        }

        if (!succeeded)
        {
            throw new CommandException(ShadowMessages.RebuildFailed);
        }
    }

    private static void Install(AgentSystem system, string path, byte[] contents, AtomicWriteOptions options)
    {
        try
        {
            system.Writer.Write(path, contents, options);
        }
        catch (IOException exception)
        {
            throw new CommandException(ShadowMessages.WriteFailed, exception);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new CommandException(ShadowMessages.WriteFailed, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The root account was locked or had no password; setting the requested password unlocked it")]
    private static partial void LogUnlocked(ILogger logger);
}

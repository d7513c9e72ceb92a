using System.Security.Cryptography;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Security;

/// <summary>
/// Sets the root password: in <c>/etc/shadow</c> (Linux), or in <c>/etc/master.passwd</c> with its
/// databases rebuilt by <c>pwd_mkdb</c> (FreeBSD), the two files the original agent knew, tried in
/// that order; a tcb entry (<see cref="TcbRootShadowPath"/>), which logins read instead, is refused. The new hash keeps the entry's family with a fresh salt. On Linux it also goes into root's
/// <c>/etc/passwd</c> field when that field, not the shadow entry, is what <c>pam_unix</c> checks
/// (<see cref="PasswdFile"/>), as <c>chpasswd</c> does. The file is changed only
/// under the lock the system's own tools take, so a concurrent <c>useradd</c> or <c>chpasswd</c>
/// (cloud-init at first boot) loses nothing. Any failure leaves the password file untouched.
/// </summary>
internal static partial class RootPasswordSetter
{
    public const string ShadowPath = "/etc/shadow";

    /// <summary>The account file whose password field <c>pam_unix</c> checks unless it is <c>x</c> (<see cref="PasswdFile"/>).</summary>
    public const string PasswdPath = "/etc/passwd";

    /// <summary>glibc's <c>lckpwdf</c> lock file, guarding <c>/etc/passwd</c>, <c>/etc/shadow</c> and the group files.</summary>
    public const string PasswordLockPath = "/etc/.pwd.lock";

    /// <summary>
    /// Root's shadow entry under the tcb scheme (Openwall, ALT Linux), which musl's <c>getspnam</c> opens
    /// before <c>/etc/shadow</c>, and <c>pam_tcb</c> and <c>nss_tcb</c> read instead of it.
    /// </summary>
    public const string TcbRootShadowPath = "/etc/tcb/root/shadow";

    /// <summary>FreeBSD's password file: <c>name:password:uid:gid:class:change:expire:gecos:home:shell</c>.</summary>
    public const string MasterPasswdPath = "/etc/master.passwd";

    /// <summary>The tool that installs a new <c>master.passwd</c> and rebuilds <c>pwd.db</c> and <c>spwd.db</c> from it.</summary>
    public const string PwdMkdb = "/usr/sbin/pwd_mkdb";

    /// <summary>Sets the password; throws <see cref="CommandException"/> with the protocol's text on failure.</summary>
    /// <param name="system">The system whose password file changes.</param>
    /// <param name="password">The new password (copied, and the copy wiped).</param>
    /// <param name="options">The lock timeout.</param>
    /// <param name="beforeChange">Run under the password file's lock just before the file changes (the crash mark, <see cref="PasswordAttempt"/>).</param>
    /// <param name="logger">Where an unlocked entry or a reduced hashing cost is reported.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock and the hashing.</param>
    public static async Task SetAsync(AgentSystem system, ReadOnlyMemory<byte> password, PasswordOptions options, Action beforeChange, ILogger logger, CancellationToken cancellationToken)
    {
        var passwordCopy = SecretArray.CopyOf(password.Span);
        try
        {
            Outcome outcome;
            // musl reads /etc/shadow only when nothing at all is at the tcb path (a link or a directory
            // there leaves root no entry): a hash written into /etc/shadow would answer "0" while
            // logins still took the tcb file's.
            if (Read(() => system.FileSystem.GetStatus(TcbRootShadowPath)) is not null)
            {
                throw new CommandException(PasswordMessages.TcbShadow);
            }

            if (IsRegularFile(system, ShadowPath))
            {
                outcome = await SetInShadowAsync(system, passwordCopy, options, beforeChange, cancellationToken).ConfigureAwait(false);
            }
            else if (IsRegularFile(system, MasterPasswdPath))
            {
                outcome = await SetInMasterPasswdAsync(system, passwordCopy, options, beforeChange, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Missing, a directory, or a symbolic link the agent will not write through.
                throw new CommandException(PasswordMessages.UnknownFormat);
            }

            if (outcome.CostReduced)
            {
                LogCostReduced(logger, ShadowPasswordHasher.MaxShaCryptRounds, ShadowPasswordHasher.MaxYescryptWork / (1024 * 1024));
            }

            if (outcome.WasLocked)
            {
                LogUnlocked(logger);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordCopy);
        }
    }

    /// <summary>
    /// Linux: hashes first, outside the lock (yescrypt takes tens to hundreds of milliseconds, and
    /// every <c>useradd</c> waits on the lock meanwhile), then takes <c>lckpwdf</c>'s lock (which guards
    /// <c>/etc/passwd</c> too), reads the files again and replaces them before letting go: the shadow
    /// file first, then root's <c>/etc/passwd</c> field when <c>pam_unix</c> checks that one. A crash
    /// between the two leaves the old password the one logins take, and the same request run again
    /// finishes the change.
    /// </summary>
    private static async Task<Outcome> SetInShadowAsync(AgentSystem system, byte[] password, PasswordOptions options, Action beforeChange, CancellationToken cancellationToken)
    {
        var days = system.Time.GetUtcNow().ToUnixTimeSeconds() / 86_400;
        var hashedFor = ShadowFile.TryGetHash(Read(() => system.FileSystem.ReadAllBytes(ShadowPath)), "root", out var field) is { } error
            ? throw new CommandException(error)
            : field;
        var hash = ShadowPasswordHasher.Hash(password, hashedFor, cancellationToken);

        using var passwordLock = await LockAsync(system, PasswordLockPath, FileLockKind.Record, options, cancellationToken).ConfigureAwait(false);
        // Read again under the lock: what another program wrote while we hashed or waited is kept.
        if (!IsRegularFile(system, ShadowPath))
        {
            throw new CommandException(PasswordMessages.UnknownFormat);
        }

        var updated = NewContents(Read(() => system.FileSystem.ReadAllBytes(ShadowPath)), password, days, hashedFor, hash, out var outcome, out var written, cancellationToken);
        // Read, and refused where it must be, before anything changes, so that a refused read or a
        // link leaves both files as they were.
        var passwd = NewPasswd(system, written, out var passwdLocked);
        outcome = outcome with { WasLocked = outcome.WasLocked || passwdLocked };
        beforeChange();
        var unconfirmed = InstallLoginFile(system, ShadowPath, updated);
        if (passwd is not null)
        {
            unconfirmed = InstallLoginFile(system, PasswdPath, passwd) ?? unconfirmed;
        }

        if (unconfirmed is not null)
        {
            // The new hash is in place and logins use it now: "couldn't update" would be untrue.
            throw new CommandException($"{PasswordMessages.WrittenUnconfirmed}: {IoFailureReason.Of(unconfirmed)}", unconfirmed);
        }

        return outcome;
    }

    /// <summary>
    /// FreeBSD: under <c>pw_lock</c>'s lock, as <c>pw</c> does it. The file is read through the
    /// lock's descriptor; hashing happens inside (SHA-crypt, milliseconds: FreeBSD has no yescrypt).
    /// Field 3 of master.passwd is the uid, not a last-change date: nothing but the hash changes.
    /// </summary>
    private static async Task<Outcome> SetInMasterPasswdAsync(AgentSystem system, byte[] password, PasswordOptions options, Action beforeChange, CancellationToken cancellationToken)
    {
        using var passwordLock = await LockAsync(system, MasterPasswdPath, FileLockKind.Flock, options, cancellationToken).ConfigureAwait(false);
        var updated = NewContents(Read(passwordLock.ReadAllBytes), password, lastChangeDays: null, hashedFor: null, hash: null, out var outcome, out _, cancellationToken);
        beforeChange();
        await RebuildPasswordDatabasesAsync(system, updated, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>
    /// Reads the password file. One the system refuses to read (an LSM's EACCES, a disk's EIO) is a
    /// failure of this request, answered with the reason as a failed write is, not an agent bug.
    /// </summary>
    private static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"{PasswordMessages.ReadFailed}: {IoFailureReason.Of(exception)}", exception);
        }
    }

    /// <summary>
    /// <c>/etc/passwd</c> with root's field set to <paramref name="hash"/>, or <c>null</c> when logins go
    /// by the shadow file alone: no regular file at <c>/etc/passwd</c> nor where its links lead, no root
    /// entry glibc reads in it, or a field of <c>x</c> or <c>##root</c> (and musl's other root line, where
    /// there is one, <c>x</c> or <c>*</c>: <see cref="PasswdFile"/>). It is read where glibc and
    /// <c>pam_unix</c> read it, through links (walked as the kernel walks them, <see cref="RealPath"/>; no
    /// FIFO or device there is ever opened). But the agent writes through no link (its writer replaces the
    /// path's own entry, and refuses a link there), so a file behind one that needs the new hash is
    /// refused before anything changes: an answer of "0" would leave logins checking the old field.
    /// <paramref name="wasLocked"/> tells whether the field replaced was a lock (<c>!</c>…, <c>*</c>…).
    /// </summary>
    private static byte[]? NewPasswd(AgentSystem system, string hash, out bool wasLocked)
    {
        wasLocked = false;
        var real = Read(() => RealPath.Resolve(PasswdPath, system.FileSystem.ReadLink));
        if (!real.Complete || !IsRegularFile(system, real.Path))
        {
            return null;
        }

        var updated = PasswdFile.WithHash(Read(() => system.FileSystem.ReadAllBytes(real.Path)), "root", hash, out var replaced);
        if (updated is not null && real.Path != PasswdPath)
        {
            throw new CommandException(PasswordMessages.PasswdLink);
        }

        wasLocked = updated is not null && IsLock(replaced);
        return updated;
    }

    /// <summary>Whether a password field locks or disables the account: <c>!</c> before a hash (<c>passwd -l</c>) or <c>*</c>.</summary>
    private static bool IsLock(string field) => field.StartsWith('!') || field.StartsWith('*');

    private static bool IsRegularFile(AgentSystem system, string path) => system.FileSystem.GetStatus(path)?.Kind == FileKind.File;

    private static async Task<FileLock> LockAsync(AgentSystem system, string path, FileLockKind kind, PasswordOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await FileLock.AcquireAsync(system.FileSystem, path, kind, options.LockTimeout, system.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException exception)
        {
            throw new CommandException(PasswordMessages.Locked, exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"{PasswordMessages.LockFailed}: {IoFailureReason.Of(exception)}", exception);
        }
    }

    /// <summary>
    /// The password file with root's hash replaced: by <paramref name="hash"/> when root's field is
    /// still the <paramref name="hashedFor"/> it was made for, otherwise (changed meanwhile, so its
    /// family or cost may differ) by a hash made now; <paramref name="written"/> is the hash written.
    /// </summary>
    private static byte[] NewContents(byte[] contents, byte[] password, long? lastChangeDays, string? hashedFor, string? hash, out Outcome outcome, out string written, CancellationToken cancellationToken)
    {
        var result = default(Outcome);
        var newHash = "";
        var error = ShadowFile.TryReplaceHash(contents, "root", current =>
        {
            // A locked (!) or disabled (*) entry gets a usable password: Nova's set-password is an
            // explicit administrator request for exactly that. It is logged, never silent.
            result = new Outcome(
                WasLocked: IsLock(current),
                CostReduced: ShadowPasswordHasher.ExceedsCostLimit(current));
            newHash = hash is not null && current == hashedFor ? hash : ShadowPasswordHasher.Hash(password, current, cancellationToken);
            return newHash;
        }, lastChangeDays, out var updated);
        outcome = result;
        written = newHash;
        return error is null ? updated : throw new CommandException(error);
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

        bool succeeded;
        try
        {
            // The paths pwd_mkdb walks are those the staging write reached (the writer refuses a link on
            // the way to /etc, so today they are Resolve's too).
            var directory = system.FileSystem.HostPath("/etc", followFinalLink: true);
            var spec = new ProcessSpec(PwdMkdb, "-d", directory, system.FileSystem.HostPath(staging, followFinalLink: false)) { Timeout = TimeSpan.FromSeconds(60) };
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
            throw new CommandException(PasswordMessages.RebuildFailed);
        }
    }

    /// <summary>
    /// Replaces a file logins read (owner, mode and extended attributes kept, no backup); returns the
    /// failure to confirm it on disk, reported once every file is in place, since the file is in place.
    /// </summary>
    private static UnconfirmedWriteException? InstallLoginFile(AgentSystem system, string path, byte[] contents)
    {
        try
        {
            Install(system, path, contents, new AtomicWriteOptions { KeepBackup = false });
            return null;
        }
        catch (UnconfirmedWriteException exception)
        {
            return exception;
        }
    }

    private static void Install(AgentSystem system, string path, byte[] contents, AtomicWriteOptions options)
    {
        try
        {
            system.Writer.Write(path, contents, options);
        }
        catch (UnconfirmedWriteException) when (path != ShadowPath && path != PasswdPath)
        {
            // FreeBSD's staged master.passwd is complete; pwd_mkdb installs and syncs it itself.
        }
        catch (Exception exception) when (exception is (IOException and not UnconfirmedWriteException) or UnauthorizedAccessException)
        {
            // A login file's unconfirmed write is left to InstallLoginFile: that file is in place.
            // The system's reason only (ENOSPC, EROFS): never a path's contents.
            throw new CommandException($"{PasswordMessages.WriteFailed}: {IoFailureReason.Of(exception)}", exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "password: the root account was locked or had no password; setting the requested password unlocked it")]
    private static partial void LogUnlocked(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "password: root's old password hash asked for more work than the agent allows (over {MaxRounds} SHA-crypt rounds or {MaxMebibytes} MiB of yescrypt); the new hash uses its family's default cost")]
    private static partial void LogCostReduced(ILogger logger, int maxRounds, ulong maxMebibytes);

    /// <summary>What the change found in root's entry, to be logged once the file is written.</summary>
    /// <param name="WasLocked">The shadow entry, or root's <c>/etc/passwd</c> field replaced, was locked or disabled and is now usable.</param>
    /// <param name="CostReduced">The entry's cost was above the limits and the new hash has the default cost.</param>
    private readonly record struct Outcome(bool WasLocked, bool CostReduced);
}

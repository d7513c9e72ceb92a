namespace GuestAgent.Commands.Kms;

/// <summary>
/// The answer texts of <c>kmsactivate</c>, each written out in docs/commands.md's table. A template
/// takes only its variable parts. None holds the activation key.
/// </summary>
internal static class KmsActivateMessages
{
    public const string NotSupported = "KMS not supported on this OS";
    public const string InvalidArguments = ArgumentsPrefix + "expected {'activation_key': str, 'profile': str, 'domains': [host names]}";
    public const string BadDomain = ArgumentsPrefix + "every domain must be a host name";
    public const string NoDomains = ArgumentsPrefix + "no domains given";

    /// <summary>How <c>rhnreg_ks</c> went when it ran past its time.</summary>
    public const string TimedOut = "timed out";

    /// <summary>How <c>rhnreg_ks</c> went when it could not be started.</summary>
    public const string NotStarted = "rhnreg_ks could not be started";

    private const string ArgumentsPrefix = "Invalid kmsactivate arguments: ";

    /// <summary>The os-release file or the old up2date is there but cannot be read, with the system's reason.</summary>
    public static string ReadFailed(string path, string reason) => $"Couldn't read {path}: {reason}";

    /// <summary>Another activation held the lock for all of <see cref="KmsActivateOptions.LockTimeout"/>, in seconds as the caller words them.</summary>
    public static string StillLocked(string seconds) => $"Another kmsactivate is in progress and was still running after {seconds} s; nothing was changed";

    /// <summary>The state directory or the lock file could not be made or locked, with the system's reason.</summary>
    public static string LockFailed(string path, string reason) => $"Couldn't lock {path} against another kmsactivate ({reason}); nothing was changed";

    /// <summary>The new up2date could not be written or the old systemid moved aside, with the system's reason.</summary>
    public static string WriteFailed(string reason) => $"Couldn't write the RHN configuration: {reason}";

    /// <summary><c>rhnreg_ks</c> failed: its exit code, <see cref="TimedOut"/> or <see cref="NotStarted"/>.</summary>
    public static string ActivationFailed(string how) => $"Couldn't activate with RHN: {how}";

    /// <summary><paramref name="failure"/>, and putting the previous registration back failed too.</summary>
    public static string RestoreFailed(string failure, string reason) => $"{failure}; restoring the previous RHN configuration failed too: {reason}";

    /// <summary><paramref name="failure"/>; the previous registration is back, but its directory's sync failed.</summary>
    public static string RestoreUnconfirmed(string failure, string reason) =>
        $"{failure}; the previous RHN configuration was put back, but that could not be confirmed on disk: {reason}";
}

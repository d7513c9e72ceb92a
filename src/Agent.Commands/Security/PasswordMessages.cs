namespace GuestAgent.Commands.Security;

/// <summary>The error texts of <c>keyinit</c> and <c>password</c> (spec §3.3 and §4.5 where they exist).</summary>
internal static class PasswordMessages
{
    public const string BadBase64 = "Couldn't decode base64 data";
    public const string NoKeyExchange = "Password without key exchange";
    public const string InvalidData = "Invalid password data received";
    public const string UnknownFormat = "Unknown password file format";
    public const string PasswdLink = "Refusing to write root's password through a symbolic link at /etc/passwd: root's field there is not x, so logins check it, not /etc/shadow";
    public const string TcbShadow = "Refusing to set root's password: /etc/tcb/root/shadow (the tcb scheme) is what logins read, and the agent does not write it";
    public const string NoEntry = "No root entry in the password file";
    public const string EmptyPassword = "Refusing to set an empty password";
    public const string TooLong = "Refusing a password of 512 bytes or more: the system's crypt(3) cannot check it, so no login could use it";
    public const string RebuildFailed = "Rebuilding the passwd database failed";
    public const string ReadFailed = "Couldn't read the password file";
    public const string WriteFailed = "Couldn't update the password file";
    public const string WrittenUnconfirmed = "The password was changed, but the change could not be confirmed on disk";
    public const string Interrupted = "The agent restarted while setting this password: it may or may not have been changed; send keyinit and the password again";
    public const string Locked = "Password file is locked by another program";
    public const string LockFailed = "Couldn't lock the password file";
    public const string BadPeerKey = "Invalid key exchange value: expected the host's public key as a decimal integer";
    public const string PeerKeyOutOfRange = "Invalid key exchange value: the host's public key must lie in [2, p-2]";
}

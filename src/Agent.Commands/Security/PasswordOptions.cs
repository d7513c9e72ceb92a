namespace GuestAgent.Commands.Security;

/// <summary>Policy for <c>password</c>, resolved from the agent's services.</summary>
public sealed class PasswordOptions
{
    /// <summary>The defaults: wait up to 15 seconds for the password file lock.</summary>
    public static PasswordOptions Default { get; } = new();

    /// <summary>
    /// How long to wait for another program (<c>useradd</c>, <c>chpasswd</c>, <c>passwd</c>, FreeBSD's
    /// <c>pw</c>) to release the password file lock before answering that the file is locked.
    /// 15 seconds, as glibc's <c>lckpwdf</c> waits.
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(15);
}

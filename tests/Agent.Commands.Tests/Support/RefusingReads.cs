using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>
/// A file system that lets one file be read <paramref name="readsAllowed"/> times, then refuses it as an
/// LSM (SELinux, AppArmor) refuses root: EACCES, which .NET throws as <see cref="UnauthorizedAccessException"/>.
/// </summary>
internal sealed class RefusingReads(IFileSystem inner, string path, int readsAllowed = 0) : DelegatingFileSystem(inner)
{
    private int _reads;

    public override byte[] ReadAllBytes(string file) => Refuses(file) ? throw Refusal(file) : base.ReadAllBytes(file);

    public override string ReadAllText(string file) => Refuses(file) ? throw Refusal(file) : base.ReadAllText(file);

    private bool Refuses(string file) => file == path && _reads++ >= readsAllowed;

    private static UnauthorizedAccessException Refusal(string file) => new($"Access to the path '{file}' is denied.");
}

using GuestAgent.Commands.Security;
using GuestAgent.Commands.Tests.Support;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// A password file the system refuses to read (an LSM's EACCES, a disk's EIO) is answered with the
/// reason, as a failed write is, not as an internal error; nothing changes and the key is spent.
/// </summary>
public sealed class PasswordFileReadFailureTests
{
    /// <summary>The ciphertext of <c>Passw0rd!</c> under the spec's key exchange vector.</summary>
    private const string Ciphertext = "jTmi0N1qNIJmjcIeFAInYA==";

    [Theory]
    [InlineData(0, "Permission denied")] // the read before hashing
    [InlineData(1, "Permission denied")] // the read again under lckpwdf's lock
    public async Task A_shadow_file_that_cannot_be_read_is_answered_with_its_reason(int readsAllowed, string reason)
    {
        using var root = new CommandRoot();
        PasswordCommandTests.WriteShadow(root, PasswordCommandTests.Sha512);
        var before = File.ReadAllBytes(root.HostPath("/etc/shadow"));
        root.Services.Add(root.System with { FileSystem = new RefusingReads(root.System.FileSystem, RootPasswordSetter.ShadowPath, readsAllowed) });
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        var error = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password(Ciphertext, root.Context("password")));

        Assert.Equal("500", error.ReturnCode);
        Assert.Equal($"Couldn't read the password file: {reason}", error.Message);
        Assert.Equal(before, File.ReadAllBytes(root.HostPath("/etc/shadow")));
        Assert.Null(root.Session.Get<NovaSessionKey>());
    }
}

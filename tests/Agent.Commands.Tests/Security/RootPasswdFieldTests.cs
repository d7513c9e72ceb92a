using System.Text;
using GuestAgent.Commands.Security;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// <c>pam_unix</c> checks root's login against <c>/etc/shadow</c> only when root's <c>/etc/passwd</c>
/// field is <c>x</c> (or <c>##root</c>); any other field (a hash, <c>*</c>, <c>!</c>, empty) is the
/// password it checks. So, as <c>chpasswd</c> does, the new hash goes into that field too, or the answer
/// is "0" and the new password logs no one in. Each case is checked by the real <c>pam_unix</c>
/// (<see cref="PamUnixLogin"/>).
/// </summary>
public sealed class RootPasswdFieldTests
{
    /// <summary>The new password, which <c>jTmi0N1qNIJmjcIeFAInYA==</c> carries under the tests' key exchange.</summary>
    private const string NewPassword = "Passw0rd!";
    private const string OldPassword = "0ld-passw0rd";
    private const string OldHash = "$6$s57saltsalt$2UPBKBo6fRWg7YNtRqlSuulkmaMeydDPyfztuFRbXmoyC9Ajbe6s/Xx/rk7PnQArkiYYhw1IhFwfODqRNhUm3/";
    private const string Others = "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";
    private const string Rest = "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n# kept\n";

    [Theory]
    [InlineData("*")]
    [InlineData("!")]
    [InlineData("")]
    [InlineData(OldHash)]
    public async Task A_root_passwd_field_pam_unix_checks_gets_the_new_hash_too(string field)
    {
        using var root = new CommandRoot();
        PasswordCommandTests.WriteShadow(root, OldHash);
        var passwd = Others + "root:" + field + ":0:0:root:/root:/bin/sh\n" + Rest;
        root.WriteFile("/etc/passwd", passwd, "644");

        await SetAsync(root);

        var login = await PamUnixLogin.CheckAsync(root.HostPath("/etc/passwd"), root.HostPath("/etc/shadow"), NewPassword, OldPassword);
        Assert.True(login.NewPasswordWorks, login.Transcript);
        Assert.False(login.OldPasswordWorks, login.Transcript);
        Assert.True(login.AccountUsable, login.Transcript);
        // The same hash as /etc/shadow's, and not one other byte of /etc/passwd changed.
        var hash = ShadowHash(root);
        Assert.Equal(Others + "root:" + hash + ":0:0:root:/root:/bin/sh\n" + Rest, File.ReadAllText(root.HostPath("/etc/passwd")));
        Assert.Equal((UnixFileMode)Convert.ToInt32("644", 8), root.System.FileSystem.GetStatus("/etc/passwd")!.Value.Mode);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("##root")]
    public async Task A_shadowed_root_passwd_field_is_left_as_it_is(string field)
    {
        using var root = new CommandRoot();
        PasswordCommandTests.WriteShadow(root, OldHash);
        var passwd = Others + "root:" + field + ":0:0:root:/root:/bin/sh\n" + Rest;
        root.WriteFile("/etc/passwd", passwd, "644");

        await SetAsync(root);

        var login = await PamUnixLogin.CheckAsync(root.HostPath("/etc/passwd"), root.HostPath("/etc/shadow"), NewPassword, OldPassword);
        Assert.True(login.NewPasswordWorks, login.Transcript);
        Assert.False(login.OldPasswordWorks, login.Transcript);
        Assert.True(login.AccountUsable, login.Transcript);
        Assert.Equal(Encoding.UTF8.GetBytes(passwd), File.ReadAllBytes(root.HostPath("/etc/passwd")));
    }

    private static async Task SetAsync(CommandRoot root)
    {
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        Assert.Equal(CommandResult.Ok(), await PasswordCommand.Password("jTmi0N1qNIJmjcIeFAInYA==", root.Context("password")));
    }

    private static string ShadowHash(CommandRoot root)
    {
        Assert.Null(ShadowFile.TryGetHash(File.ReadAllBytes(root.HostPath("/etc/shadow")), "root", out var hash));
        return hash;
    }
}

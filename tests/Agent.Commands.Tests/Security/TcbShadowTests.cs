using GuestAgent.Commands.Security;
using GuestAgent.Commands.Tests.Support;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// The tcb scheme (Openwall, ALT Linux): each user's shadow entry in <c>/etc/tcb/&lt;user&gt;/shadow</c>. musl's
/// <c>getspnam</c> (Alpine's <c>login</c>, <c>su</c>) opens <c>/etc/tcb/root/shadow</c> first and reads
/// <c>/etc/shadow</c> only when nothing is there (<c>ENOENT</c>, <c>ENOTDIR</c>): a link there (<c>O_NOFOLLOW</c>)
/// or a directory ends the search with no entry; glibc's <c>nss_tcb</c> and <c>pam_tcb</c> read that file too.
/// The agent does not write the tcb file, so it refuses, before anything changes, where that file is what
/// logins read: a hash in <c>/etc/shadow</c> would answer "0" while root's password stayed the old one. Each
/// case is read with the real musl (<see cref="MuslShadowReader"/>) with the test's whole <c>/etc</c> bound.
/// </summary>
public sealed class TcbShadowTests(MuslShadowReader musl) : IClassFixture<MuslShadowReader>
{
    private const string OldHash = "$6$s57saltsalt$2UPBKBo6fRWg7YNtRqlSuulkmaMeydDPyfztuFRbXmoyC9Ajbe6s/Xx/rk7PnQArkiYYhw1IhFwfODqRNhUm3/";
    private const string TcbHash = "$6$tcbsalt$tcb";
    private const string Refused = "Refusing to set root's password: /etc/tcb/root/shadow (the tcb scheme) is what logins read, and the agent does not write it";

    [Theory]
    [InlineData("file", TcbHash)]
    [InlineData("link", null)]
    [InlineData("directory", null)]
    public async Task A_tcb_shadow_entry_for_root_is_refused_before_anything_changes(string kind, string? muslReads)
    {
        using var root = new CommandRoot();
        PasswordCommandTests.WriteShadow(root, OldHash);
        root.CreateDirectory("/etc/tcb/root");
        switch (kind)
        {
            case "file":
                root.WriteFile("/etc/tcb/root/shadow", "root:" + TcbHash + ":19000:0:99999:7:::\n", "600");
                break;
            case "link":
                File.CreateSymbolicLink(root.HostPath("/etc/tcb/root/shadow"), "../../shadow");
                break;
            default:
                root.CreateDirectory("/etc/tcb/root/shadow");
                break;
        }

        var shadow = File.ReadAllBytes(root.HostPath("/etc/shadow"));
        // What musl's logins take as root's entry: the tcb file's, or none; never /etc/shadow's.
        Assert.Equal(muslReads, await musl.RootHashInEtcAsync(root.HostPath("/etc")));
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        var error = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password("jTmi0N1qNIJmjcIeFAInYA==", root.Context("password")));

        Assert.Equal("500", error.ReturnCode);
        Assert.Equal(Refused, error.Message);
        Assert.Equal(shadow, File.ReadAllBytes(root.HostPath("/etc/shadow")));
        Assert.Equal(muslReads, await musl.RootHashInEtcAsync(root.HostPath("/etc")));
        Assert.False(File.Exists(root.HostPath("/var/lib/guest-agent/password-attempt")));
        Assert.Null(root.Session.Get<NovaSessionKey>());
    }

    [Fact]
    public async Task A_tcb_file_with_no_shadow_file_is_refused_as_tcb_not_as_an_unknown_format()
    {
        // ALT Linux's tcb_convert leaves no /etc/shadow at all.
        using var root = new CommandRoot();
        root.CreateDirectory("/etc/tcb/root");
        root.WriteFile("/etc/tcb/root/shadow", "root:" + TcbHash + ":19000:0:99999:7:::\n", "600");
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        var error = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password("jTmi0N1qNIJmjcIeFAInYA==", root.Context("password")));

        Assert.Equal(Refused, error.Message);
    }

    [Theory]
    // Another user's tcb directory only, or /etc/tcb/root not a directory (ENOTDIR): musl reads /etc/shadow.
    [InlineData("/etc/tcb/daemon/shadow")]
    [InlineData("/etc/tcb/root")]
    public async Task Where_musl_falls_back_to_etc_shadow_the_password_is_set_there(string other)
    {
        using var root = new CommandRoot();
        PasswordCommandTests.WriteShadow(root, OldHash);
        root.WriteFile(other, "daemon:*:19000:0:99999:7:::\n", "600");
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        Assert.Equal(CommandResult.Ok(), await PasswordCommand.Password("jTmi0N1qNIJmjcIeFAInYA==", root.Context("password")));

        await PasswordCommandTests.AssertShadowAsync(root, "Passw0rd!", OldHash);
        Assert.Null(ShadowFile.TryGetHash(File.ReadAllBytes(root.HostPath("/etc/shadow")), "root", out var written));
        Assert.Equal(written, await musl.RootHashInEtcAsync(root.HostPath("/etc")));
    }
}

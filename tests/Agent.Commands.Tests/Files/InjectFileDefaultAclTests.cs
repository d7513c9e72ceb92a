using System.Text;
using GuestAgent.Commands.Files;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Files;

/// <summary>
/// Injecting under a directory with a default ACL (real <c>setfacl -d</c>/<c>getfacl</c>): a file
/// that had no ACL gets none, nor does its <c>.bak~</c> copy (the writer's rule for every rewrite);
/// a new file, and each directory made for it, keeps the inherited ACL, as <c>cp</c>'s and
/// <c>mkdir</c>'s would, capped by its mode.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InjectFileDefaultAclTests : IDisposable
{
    private readonly CommandRoot _root = new();

    [Fact]
    public async Task An_injected_file_that_had_no_ACL_gains_none_from_the_directory_s_default_ACL()
    {
        _root.WriteFile("/etc/motd", "old\n", "640");
        await Acls.SetAsync("-d", "-m", "u:1234:rwx", _root.HostPath("/etc"));

        InjectFileCommands.InjectFile(Encode("/etc/motd", "new\n"), _root.Context("injectfile"));

        Assert.Equal("new\n", File.ReadAllText(_root.HostPath("/etc/motd")));
        Assert.Equal(Acls.NoneAt0640, await Acls.GetAsync(_root.HostPath("/etc/motd")));
    }

    [Fact]
    public async Task A_new_file_and_the_directories_made_for_it_keep_the_inherited_ACL_capped_by_their_mode()
    {
        _root.CreateDirectory("/root");
        await Acls.SetAsync("-d", "-m", "u:1234:rwx", _root.HostPath("/root"));

        InjectFileCommands.InjectFile(Encode("/root/.ssh/authorized_keys", "ssh-ed25519 AAAA\n"), _root.Context("injectfile"));

        // The directory's mode is 0755 (InjectFileOptions.DirectoryMode): the mask is r-x.
        var directory = await Acls.GetAsync(_root.HostPath("/root/.ssh"));
        Assert.Contains("user:1234:rwx\t#effective:r-x", directory);
        Assert.Contains("default:user:1234:rwx", directory);
        // The file's is 0600: the named entry is there but grants nothing.
        Assert.Contains("user:1234:rwx\t#effective:---", await Acls.GetAsync(_root.HostPath("/root/.ssh/authorized_keys")));
    }

    public void Dispose() => _root.Dispose();

    private static string Encode(string path, string contents) => Convert.ToBase64String(Encoding.UTF8.GetBytes(path + "," + contents));
}

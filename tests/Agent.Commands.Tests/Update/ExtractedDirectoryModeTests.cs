using System.Text.RegularExpressions;
using GuestAgent.Commands.Update;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// The directories an update's extraction makes in its staging directory are 0700 from their
/// <c>mkdir</c> on (seen with strace), as the staging directory is: a default ACL an administrator
/// put above the staging area (real <c>setfacl -d</c>/<c>getfacl</c>) gives its named entries no
/// right there, not even until the <c>chmod</c>.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class ExtractedDirectoryModeTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public async Task The_extraction_directory_is_private_under_a_default_ACL()
    {
        using var staging = new TemporaryDirectory();
        await Acls.SetAsync("-d", "-m", "u:1234:rwx", staging.Path);
        var tree = staging.Combine("tree");

        Extract(new UpdateArchive().File("bin/guest-agent", "x"u8.ToArray()), tree);

        Assert.Equal(Private, File.GetUnixFileMode(tree));
        Assert.Contains("user:1234:rwx\t#effective:---", await Acls.GetAsync(tree));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(tree, "bin")));
    }

    [Fact]
    public void Every_directory_the_extraction_makes_is_made_0700()
    {
        using var staging = new TemporaryDirectory();
        var tree = staging.Combine("tree");
        var archive = new UpdateArchive().Directory("lib").File("lib/modules/helper", "y"u8.ToArray()).File("bin/guest-agent", "x"u8.ToArray());

        var modes = SyscallTrace.Calls(() => Extract(archive, tree), "mkdir,mkdirat")
            .Select(line => MkdirCall().Match(line)).Where(match => match.Success).Select(match => match.Groups[1].Value).ToList();

        // tree, lib, lib/modules and bin (strace cuts long paths short: counted, not named).
        Assert.Equal(["0700", "0700", "0700", "0700"], modes);
        Assert.True(Directory.Exists(Path.Combine(tree, "lib", "modules")));
    }

    private static void Extract(UpdateArchive archive, string destination) =>
        SafeTarExtractor.Extract(new MemoryStream(archive.ToBytes(gzip: false)), destination, 1024 * 1024, CancellationToken.None);

    [GeneratedRegex(@"^mkdir(?:at)?\(.*, (0[0-7]*)\) = 0$")]
    private static partial Regex MkdirCall();
}

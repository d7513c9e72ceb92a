using System.Text;
using GuestAgent.Commands.Files;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Files;

/// <summary>
/// A configuration file a service reads as its own user, through its group or a named ACL entry
/// (<c>setfacl -m u:nobody:r</c>), must stay readable by that user once injected over: the real
/// check is the user's own read (<c>setpriv</c> to <c>nobody</c>, <c>cat</c>), and its extended
/// attribute is still there (<c>getfattr</c>).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InjectFileReaderAccessTests : IDisposable
{
    private const string Target = "/etc/app/app.conf";
    private readonly CommandRoot _root = new();

    [Fact]
    public async Task A_service_user_named_in_the_files_ACL_still_reads_it_after_an_injection()
    {
        Owners.SkipUnlessRoot();
        File.SetUnixFileMode(_root.HostPath("/"), (UnixFileMode)Convert.ToInt32("755", 8));
        Owners.OwnedDirectory(_root.System.FileSystem, "/etc", (UnixFileMode)Convert.ToInt32("755", 8), FileOwner.Root);
        Owners.OwnedDirectory(_root.System.FileSystem, "/etc/app", (UnixFileMode)Convert.ToInt32("755", 8), FileOwner.Root);
        _root.WriteFile(Target, "token=old\n", "640");
        await Acls.SetAsync("-m", "u:nobody:r", _root.HostPath(Target));
        await SetAttributeAsync("user.origin", "package");
        Assert.Equal("token=old\n", await ReadAsNobodyAsync());

        InjectFileCommands.InjectFile(Convert.ToBase64String(Encoding.UTF8.GetBytes(Target + ",token=new\n")), _root.Context("injectfile"));

        Assert.Equal("token=new\n", await ReadAsNobodyAsync());
        Assert.Equal((UnixFileMode)Convert.ToInt32("640", 8), _root.System.FileSystem.GetStatus(Target)!.Value.Mode);
        Assert.Equal("package", await GetAttributeAsync("user.origin"));
    }

    public void Dispose() => _root.Dispose();

    private async Task<string> ReadAsNobodyAsync()
    {
        var setpriv = ExternalTool.Require("setpriv", "util-linux");
        var result = await ExternalTool.RunAsync(setpriv, ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "cat", _root.HostPath(Target)]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return result.StandardOutput;
    }

    private async Task SetAttributeAsync(string name, string value)
    {
        var result = await ExternalTool.RunAsync(ExternalTool.Require("setfattr", "attr"), ["-n", name, "-v", value, _root.HostPath(Target)]);
        if (result.ExitCode != 0)
        {
            Requirement.Unmet($"setfattr failed (a file system without user attributes?): {result.StandardError}");
        }
    }

    private async Task<string> GetAttributeAsync(string name)
    {
        var result = await ExternalTool.RunAsync(ExternalTool.Require("getfattr", "attr"), ["--only-values", "-n", name, _root.HostPath(Target)]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return result.StandardOutput;
    }
}

using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>The immutable attribute (<c>chattr +i</c>) on a host file, taken off again when disposed (the temporary root could not be removed otherwise).</summary>
internal sealed class ImmutableFlag : IAsyncDisposable
{
    private readonly string _chattr;
    private readonly string _path;

    private ImmutableFlag(string chattr, string path) => (_chattr, _path) = (chattr, path);

    /// <summary>Sets the attribute; skips the test without root, and where the file system has no such attribute.</summary>
    public static async Task<ImmutableFlag> SetAsync(string hostPath)
    {
        Assert.SkipUnless(Owners.AsRoot, "Setting the immutable flag needs root (CAP_LINUX_IMMUTABLE)");
        var chattr = ExternalTool.Require("chattr", "e2fsprogs");
        var result = await ExternalTool.RunAsync(chattr, ["+i", hostPath]);
        if (result.ExitCode != 0)
        {
            Requirement.Unmet($"The temporary directory's file system has no immutable flag: {result.StandardError}");
        }

        return new ImmutableFlag(chattr, hostPath);
    }

    public async ValueTask DisposeAsync() => await ExternalTool.RunAsync(_chattr, ["-i", _path]);
}

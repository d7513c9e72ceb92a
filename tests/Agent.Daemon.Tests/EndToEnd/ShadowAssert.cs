using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>Checks the root hash the agent wrote with an independent tool (<c>openssl passwd</c>).</summary>
internal static class ShadowAssert
{
    public static Task RootPasswordIsAsync(AgentUnderTest agent, string password) =>
        RootPasswordInFileIsAsync(agent.GuestFile("/etc/shadow"), password);

    /// <summary>The root entry of the shadow file at <paramref name="shadowFile"/> holds a hash of <paramref name="password"/>.</summary>
    public static async Task RootPasswordInFileIsAsync(string shadowFile, string password)
    {
        var openssl = ExternalTool.Require("openssl", "openssl");
        var rootLine = (await File.ReadAllLinesAsync(shadowFile)).Single(line => line.StartsWith("root:", StringComparison.Ordinal));
        var hash = rootLine.Split(':')[1];
        var parts = hash.Split('$');
        Assert.True(parts.Length == 4 && parts[1] is "5" or "6", $"expected a SHA-crypt hash for an entry without one, got '{hash}'");

        var recomputed = await ExternalTool.RunAsync(openssl, ["passwd", "-" + parts[1], "-salt", parts[2], "-stdin"], password + "\n");

        Assert.Equal(hash, recomputed.StandardOutput.Trim());
    }
}

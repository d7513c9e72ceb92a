using GuestAgent.Testing;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>Runs the Xen project's xenstore-* tools (Debian xenstore-utils) against a socket via XENSTORED_PATH.</summary>
internal static class XenStoreTools
{
    public static async Task<ToolResult> RunAsync(string socket, string tool, params string[] arguments)
    {
        var path = ExternalTool.Require(tool, "xenstore-utils");
        return await ExternalTool.RunAsync(path, arguments, environment: new Dictionary<string, string> { ["XENSTORED_PATH"] = socket }, timeout: TimeSpan.FromSeconds(30));
    }

    public static async Task<string> SucceedAsync(string socket, string tool, params string[] arguments)
    {
        var result = await RunAsync(socket, tool, arguments);
        Assert.True(result.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} exited {result.ExitCode}: {result.StandardError}");
        return result.StandardOutput;
    }
}

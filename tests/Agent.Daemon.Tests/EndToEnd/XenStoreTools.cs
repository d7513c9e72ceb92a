using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The Xen project's own <c>xenstore-*</c> tools pointed at a socket with <c>XENSTORED_PATH</c>,
/// used exactly as Nova's dom0 plugin uses them (plain <c>xenstore-read</c>, no <c>-R</c>).
/// </summary>
internal sealed class XenStoreTools
{
    private readonly Dictionary<string, string> _environment;

    public XenStoreTools(string socketPath)
    {
        ExternalTool.Require("xenstore-write", "xenstore-utils");
        _environment = new Dictionary<string, string> { ["XENSTORED_PATH"] = socketPath };
    }

    /// <summary>Writes one or more path/value pairs in one <c>xenstore-write</c> run.</summary>
    public async Task WriteAsync(params string[] pathValuePairs)
    {
        var result = await ExternalTool.RunAsync("xenstore-write", pathValuePairs, environment: _environment);
        Assert.True(result.ExitCode == 0, $"xenstore-write failed: {result.StandardError}");
    }

    /// <summary>Runs <c>xenstore-write</c> and returns how it ended, for a write that may be refused.</summary>
    public Task<ToolResult> TryWriteAsync(params string[] pathValuePairs) =>
        ExternalTool.RunAsync("xenstore-write", pathValuePairs, environment: _environment);

    /// <summary>Removes a node and everything under it (<c>xenstore-rm</c>).</summary>
    public async Task RemoveAsync(string path)
    {
        var result = await ExternalTool.RunAsync("xenstore-rm", [path], environment: _environment);
        Assert.True(result.ExitCode == 0, $"xenstore-rm {path} failed: {result.StandardError}");
    }

    /// <summary>
    /// The value as <c>xenstore-read</c> prints it, or <c>null</c> when the node does not exist. Any
    /// other failure (XenStore unreachable, the tool broken) fails the test: it must not read as "absent".
    /// </summary>
    public async Task<string?> ReadAsync(string path)
    {
        var result = await ExternalTool.RunAsync("xenstore-read", [path], environment: _environment);
        if (result.ExitCode == 0)
        {
            return result.StandardOutput.TrimEnd('\n');
        }

        Assert.True(result.StandardError.Contains($"couldn't read path {path}", StringComparison.Ordinal), $"xenstore-read {path} failed: {result.StandardError}");
        return null;
    }

    /// <summary>Whether the node exists; a failure other than "no such node" (which xenstore-exists reports silently) fails the test.</summary>
    public async Task<bool> ExistsAsync(string path)
    {
        var result = await ExternalTool.RunAsync("xenstore-exists", [path], environment: _environment);
        Assert.True(result.ExitCode is 0 or 1 && result.StandardError.Length == 0, $"xenstore-exists {path} failed ({result.ExitCode}): {result.StandardError}");
        return result.ExitCode == 0;
    }

    /// <summary>
    /// Whether <paramref name="path"/> is gone within <paramref name="timeout"/> (a minute by default,
    /// only so that a bug fails instead of hanging). The agent removes a request only after writing
    /// its response, so a reader that has just seen the response may still find the request for a moment.
    /// </summary>
    public async Task<bool> IsRemovedAsync(string path, TimeSpan? timeout = null)
    {
        var deadline = Deadline.After(timeout ?? TimeSpan.FromMinutes(1));
        while (await ExistsAsync(path))
        {
            if (deadline.HasPassed)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>
    /// The children of a directory that exists (data/host and data/guest always do): a failure fails
    /// the test rather than read as an empty list, which would make every "nothing left" check pass.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListAsync(string path)
    {
        var result = await ExternalTool.RunAsync("xenstore-list", [path], environment: _environment);
        Assert.True(result.ExitCode == 0, $"xenstore-list {path} failed ({result.ExitCode}): {result.StandardError}");
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Nova's <c>_wait_for_agent</c>: read <c>data/guest/&lt;id&gt;</c> every 0.5 s until it exists.</summary>
    public async Task<string> WaitForResponseAsync(string domainHome, string id, TimeSpan? timeout = null)
    {
        var deadline = Deadline.After(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await ReadAsync($"{domainHome}/data/guest/{id}") is { } response)
            {
                return response;
            }

            if (deadline.HasPassed)
            {
                throw new TimeoutException($"no response to request {id}");
            }

            await Task.Delay(500);
        }
    }
}

namespace GuestAgent.Testing;

/// <summary>
/// Extended attributes set and read by the real <c>setfattr</c> and <c>getfattr</c> (Debian's
/// <c>attr</c>), so a test checks what the administrator's tools see. A temporary directory whose file
/// system takes no extended attributes skips the test (and fails it in CI).
/// </summary>
internal static class Xattrs
{
    /// <summary>A label as SELinux would give one; without SELinux loaded, an ordinary attribute root may set.</summary>
    public const string Label = "system_u:object_r:net_conf_t:s0";

    /// <summary>Runs <c>setfattr -n <paramref name="name"/> -v <paramref name="value"/></c> on <paramref name="hostPath"/>.</summary>
    public static async Task SetAsync(string hostPath, string name, string value)
    {
        var result = await ExternalTool.RunAsync(ExternalTool.Require("setfattr", "attr"), ["-n", name, "-v", value, hostPath]);
        if (result.ExitCode != 0)
        {
            Requirement.Unmet($"setfattr -n {name} failed (a file system without extended attributes?): {result.StandardError}");
        }
    }

    /// <summary>The file's <c>user.*</c>, <c>security.*</c> and <c>trusted.*</c> attributes as <c>getfattr -d</c> lists them (<c>user.x="1"</c>).</summary>
    public static async Task<string[]> GetAsync(string hostPath)
    {
        var result = await ExternalTool.RunAsync(ExternalTool.Require("getfattr", "attr"), ["--absolute-names", "-d", "-m", "^(user|security|trusted)\\.", hostPath]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith('#'))];
    }
}

namespace GuestAgent.Testing;

/// <summary>
/// POSIX ACLs set and read by the real <c>setfacl</c> and <c>getfacl</c> (Debian's <c>acl</c>), so a
/// test checks the writer against what the administrator's tools see. A temporary directory whose
/// file system takes no ACLs skips the test (and fails it in CI).
/// </summary>
internal static class Acls
{
    /// <summary><c>getfacl</c>'s listing of a 0640 file without an ACL.</summary>
    public static readonly string[] NoneAt0640 = ["user::rw-", "group::r--", "other::---"];

    /// <summary><c>getfacl</c>'s listing of a 0640 file given <c>u:4321:r--</c>.</summary>
    public static readonly string[] Reader4321At0640 = ["user::rw-", "user:4321:r--", "group::r--", "mask::r--", "other::---"];

    /// <summary>Runs <c>setfacl</c> with <paramref name="arguments"/>.</summary>
    public static async Task SetAsync(params string[] arguments)
    {
        var result = await ExternalTool.RunAsync(ExternalTool.Require("setfacl", "acl"), arguments);
        if (result.ExitCode != 0)
        {
            Requirement.Unmet($"setfacl {string.Join(' ', arguments)} failed (a file system without POSIX ACLs?): {result.StandardError}");
        }
    }

    /// <summary>The entries of a file's access ACL as <c>getfacl</c> lists them (<c>user::rw-</c>, <c>user:1234:rwx</c>...), without its comments.</summary>
    public static async Task<string[]> GetAsync(string hostPath)
    {
        var result = await ExternalTool.RunAsync(ExternalTool.Require("getfacl", "acl"), ["--omit-header", "--numeric", "--absolute-names", hostPath]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}

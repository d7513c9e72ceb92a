using GuestAgent.Testing;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>
/// Runs the Xen project's programs from Debian's xen-utils-4.17 (test-xenstore, xenstore-control)
/// against a socket via XENSTORED_PATH. They are looked up in <see cref="Directory"/>, off PATH:
/// Debian's /usr/bin entries for them are a wrapper (xen-utils-wrapper) that picks the directory by
/// the running hypervisor's version and, without one, exits 1 with "Can't find hypervisor
/// information in sysfs!" instead of running the program.
/// </summary>
internal static class XenUtils
{
    public const string Directory = "/usr/lib/xen-4.17/bin";

    public static async Task<ToolResult> RunAsync(string socket, string program, params string[] arguments)
    {
        var path = ExternalTool.Require(Path.Combine(Directory, program), "xen-utils-4.17");
        return await ExternalTool.RunAsync(path, arguments, environment: new Dictionary<string, string> { ["XENSTORED_PATH"] = socket }, timeout: TimeSpan.FromMinutes(1));
    }
}

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>What installing a package into a throw-away root needs.</summary>
internal static class PackageRoot
{
    /// <summary>
    /// dpkg and rpm unpack root:root files and set their owners, which needs root even in another
    /// root directory: skips locally, fails in CI (where .ci/run runs as root).
    /// </summary>
    public static void RequirePrivileges(string tool)
    {
        if (Environment.IsPrivilegedProcess)
        {
            return;
        }

        var message = $"installing a package with {tool} --root needs root";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
    }
}

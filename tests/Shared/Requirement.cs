namespace GuestAgent.Testing;

/// <summary>
/// What a test needs from the machine (a tool, root, a file system feature, the published daemon).
/// When it is missing the test skips locally with the reason and fails in CI (<c>CI=true</c>), where
/// the machine is prepared by <c>.ci/run</c>: a skip there would be a silent pass.
/// </summary>
internal static class Requirement
{
    /// <summary>Whether the tests run in CI, where nothing may be skipped for want of a prerequisite.</summary>
    public static bool InContinuousIntegration =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Ends the test: skipped locally with <paramref name="reason"/>, failed in CI.</summary>
    public static void Unmet(string reason)
    {
        if (InContinuousIntegration)
        {
            Assert.Fail(reason + " (CI=true: the CI machine must provide it, see .ci/run)");
        }

        Assert.Skip(reason);
    }
}

namespace GuestAgent.Testing;

/// <summary>
/// Bounds a wait for an event (AGENTS.md): a minute's safety net that only turns a regression that
/// would hang the test into a failure. It measures no speed: a passing run never comes near it.
/// </summary>
internal static class SafetyNetWaits
{
    /// <summary>How long a wait for an event may take before the test fails instead of hanging.</summary>
    public static readonly TimeSpan SafetyNet = TimeSpan.FromMinutes(1);

    /// <summary><paramref name="task"/>, failing with a <see cref="TimeoutException"/> past the safety net (or when the test is cancelled).</summary>
    public static Task WithinSafetyNet(this Task task) => task.WaitAsync(SafetyNet, TestContext.Current.CancellationToken);

    /// <inheritdoc cref="WithinSafetyNet(Task)"/>
    public static Task<T> WithinSafetyNet<T>(this Task<T> task) => task.WaitAsync(SafetyNet, TestContext.Current.CancellationToken);
}

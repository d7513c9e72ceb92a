namespace GuestAgent.Tests.Commands;

/// <summary>
/// Runs a walk on a thread of a small stack, so the depth that would overflow it is small and certain:
/// a walk without its stack guard then ends the test process, which fails the run as surely as an assertion.
/// </summary>
internal static class SmallStack
{
    /// <summary>Runs <paramref name="action"/> on a 256 KiB stack and returns what it threw, if anything.</summary>
    public static Exception? Run(Action action)
    {
        Exception? thrown = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    action();
                }
                catch (Exception exception)
                {
                    thrown = exception;
                }
            },
            maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        return thrown;
    }
}

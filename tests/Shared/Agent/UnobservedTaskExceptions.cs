using System.Collections.Concurrent;

namespace GuestAgent.Testing;

/// <summary>
/// The task exceptions that reach <see cref="TaskScheduler.UnobservedTaskException"/> while an action
/// runs and the garbage it left behind is finalized: what an application would hear of a second time,
/// from the finalizer, for a failure it already had (or never could have) observed.
/// </summary>
internal static class UnobservedTaskExceptions
{
    /// <summary>
    /// Runs <paramref name="action"/>, collects garbage three times (with a pause before each, so that
    /// what the action left queued lets go of its tasks), and returns the unobserved exceptions
    /// <paramref name="isOurs"/> picks: the test's own, not another test's running beside it.
    /// </summary>
    public static async Task<IReadOnlyCollection<Exception>> CollectAsync(Func<Task> action, Func<Exception, bool> isOurs, CancellationToken cancellationToken)
    {
        var reported = new ConcurrentQueue<Exception>();
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs unobserved)
        {
            foreach (var exception in unobserved.Exception.Flatten().InnerExceptions.Where(isOurs))
            {
                reported.Enqueue(exception);
            }
        }

        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            await action();
            for (var collection = 0; collection < 3; collection++)
            {
                await Task.Delay(50, cancellationToken);
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }

        return reported;
    }
}

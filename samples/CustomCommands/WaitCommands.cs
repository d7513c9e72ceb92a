using GuestAgent.Commands;

namespace CustomCommands;

/// <summary>An asynchronous command that honours cancellation.</summary>
public static class WaitCommands
{
    /// <summary>Waits until a file exists under the given directory, or the time runs out.</summary>
    /// <param name="path">The file to wait for.</param>
    /// <param name="timeoutSeconds">How long to wait, at most 60 seconds.</param>
    /// <param name="cancellationToken">Cancelled when a stopping agent has waited its shutdown timeout for this command.</param>
    [Command("sample.wait-for-file")]
    public static async ValueTask<CommandResult> WaitForFileAsync(string path, int timeoutSeconds = 10, CancellationToken cancellationToken = default)
    {
        if (timeoutSeconds is < 0 or > 60)
        {
            return CommandResult.Error("timeoutSeconds must be between 0 and 60");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            while (!File.Exists(path))
            {
                await Task.Delay(50, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CommandResult.Error($"{path} did not appear within {timeoutSeconds} s");
        }

        return CommandResult.Ok($"{path} exists");
    }
}

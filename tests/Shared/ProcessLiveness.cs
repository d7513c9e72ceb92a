using System.Globalization;

namespace GuestAgent.Testing;

/// <summary>Whether a process id still names a live process, from <c>/proc</c>.</summary>
internal static class ProcessLiveness
{
    /// <summary>
    /// Waits until <paramref name="pid"/> is gone or a zombie (killed, waiting for its reaper), and
    /// says whether it got there. SIGKILL is delivered asynchronously and an orphan is reaped by
    /// init, so "dead" is awaited; the bound only keeps a failing test from hanging.
    /// </summary>
    public static async Task<bool> BecomesDeadAsync(int pid)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (!IsAlive(pid))
            {
                return true;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return false;
    }

    /// <summary>The pids a test script wrote, one per line.</summary>
    public static int[] ReadPids(string path) =>
        [.. File.ReadAllLines(path).Where(line => line.Length > 0).Select(line => int.Parse(line, CultureInfo.InvariantCulture))];

    private static bool IsAlive(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // "pid (comm) S …": the state follows the last ')', since comm may itself hold one.
        var state = stat[(stat.LastIndexOf(')') + 2)..][0];
        return state is not ('Z' or 'X');
    }
}

using System.Globalization;

namespace GuestAgent.Testing;

/// <summary>Whether a process id still names a live process, from <c>/proc</c>.</summary>
internal static class ProcessLiveness
{
    /// <summary>How long a wait here may take before the test fails: only so that a bug fails instead of hanging.</summary>
    private static readonly TimeSpan SafetyNet = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Waits until <paramref name="pid"/> is gone or a zombie (killed, waiting for its reaper), and
    /// says whether it got there. SIGKILL is delivered asynchronously and an orphan is reaped by
    /// init, so "dead" is awaited; the bound only keeps a failing test from hanging.
    /// </summary>
    public static async Task<bool> BecomesDeadAsync(int pid)
    {
        var deadline = Deadline.After(SafetyNet);
        while (IsAlive(pid))
        {
            if (deadline.HasPassed)
            {
                return false;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return true;
    }

    /// <summary>The pids a test script wrote, one per line.</summary>
    public static int[] ReadPids(string path) =>
        [.. File.ReadAllLines(path).Where(line => line.Length > 0).Select(line => int.Parse(line, CultureInfo.InvariantCulture))];

    /// <summary>
    /// Waits until a test script has written <paramref name="count"/> pids to <paramref name="path"/>
    /// (complete lines): the script's word that it is running and has reached the point where it
    /// hangs. A test moves its clock on only after this, so nothing races the script's start.
    /// </summary>
    /// <param name="path">The file the script appends its pids to.</param>
    /// <param name="count">How many pids it writes by the time it hangs.</param>
    /// <param name="running">The work that runs the script: if it ends first, the script will never write them.</param>
    public static async Task<int[]> WaitForPidsAsync(string path, int count, Task running)
    {
        var deadline = Deadline.After(SafetyNet);
        while (true)
        {
            var pids = CompleteLines(path);
            if (pids.Length >= count)
            {
                return pids;
            }

            if (running.IsCompleted)
            {
                await running; // its exception, if any, says more than the missing pids
                Assert.Fail($"the work ended while the script had written {pids.Length} of {count} pids to {path}");
            }

            Assert.False(deadline.HasPassed, $"the script wrote {pids.Length} of {count} pids to {path}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The pids in the complete lines of <paramref name="path"/> (a line being written is not yet one).</summary>
    private static int[] CompleteLines(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            return [];
        }

        return [.. text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => int.Parse(line, CultureInfo.InvariantCulture))];
    }

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

using System.Text;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// One question asked of NetworkManager through <c>nmcli</c> before a change (which connections are active,
/// whether its devices autoconnect): no file says what NetworkManager holds in memory. Every way it can go wrong
/// (<c>nmcli</c> missing, failing, hanging, an answer that cannot be read) answers unknown (<c>null</c>), never
/// a guess: each caller's rollback has its own safe course for not knowing.
/// </summary>
internal static class NmcliQuestion
{
    /// <summary>
    /// How long a question may take: <c>nmcli</c> answers from the daemon's memory over D-Bus, at
    /// once unless the daemon hangs, and the change's own time should not go on waiting for it.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <c>nmcli</c>'s exit code when NetworkManager is not running (nmcli(1), "EXIT STATUS"): then it holds
    /// no connection and no device, an answer of its own (none), not an unknown.
    /// </summary>
    public const int NotRunning = 8;

    /// <summary>Asks, within the change's remaining time and at most <see cref="Timeout"/>.</summary>
    /// <typeparam name="T">What the answer is read into.</typeparam>
    /// <param name="processes">The agent's process runner (in root mode it records the question and answers nothing).</param>
    /// <param name="query">The <c>nmcli</c> command line, given the time it may take.</param>
    /// <param name="timeout">The time left for the question; none left answers unknown without asking.</param>
    /// <param name="parse">Reads <c>nmcli</c>'s standard output; <c>null</c> when a line cannot be read.</param>
    /// <param name="notRunning">The answer when NetworkManager is not running.</param>
    /// <param name="logUnknown">Logs why the answer is unknown (the reason only: never an answer's contents).</param>
    /// <param name="cancellationToken">Cancels the question (the agent stopping).</param>
    /// <returns>The answer read, <paramref name="notRunning"/>, or <c>null</c> when unknown.</returns>
    public static async Task<T?> AskAsync<T>(
        IProcessRunner processes,
        Func<TimeSpan, ProcessSpec> query,
        TimeSpan timeout,
        Func<string, T?> parse,
        T notRunning,
        Action<string> logUnknown,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(processes);
        if (timeout <= TimeSpan.Zero)
        {
            return null;
        }

        ProcessResult result;
        try
        {
            result = await processes.RunAsync(query(timeout < Timeout ? timeout : Timeout), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            logUnknown(exception.Message);
            return null;
        }

        if (!result.Succeeded)
        {
            if (result.ExitCode != NotRunning || result.TimedOut)
            {
                logUnknown(result.TimedOut ? "'nmcli' timed out" : $"'nmcli' exited with code {result.ExitCode}");
                return null;
            }

            return notRunning;
        }

        var answer = parse(result.StandardOutput);
        if (answer is null)
        {
            logUnknown("a line of nmcli's answer could not be read");
        }

        return answer;
    }

    /// <summary>
    /// One line of a terse answer (<c>--terse --escape yes</c>) split at each unescaped <c>:</c>, with <c>\:</c>
    /// and <c>\\</c> undone.
    /// </summary>
    public static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                field.Append(line[++i]);
            }
            else if (line[i] == ':')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(line[i]);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}

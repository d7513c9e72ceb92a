using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// Which connection NetworkManager has active on each device, asked of NetworkManager itself
/// (<c>nmcli</c>) before a change: no file says it. An operator's connection with
/// <c>autoconnect=no</c> brought up by hand, or one activated over another, is what the guest
/// runs on, yet nothing on disk tells it from the connections NetworkManager would choose at boot;
/// a rollback brings it back only if the plan knows it (<see cref="Backends.NetworkManagerBackend"/>).
/// </summary>
internal static partial class NetworkManagerActiveConnections
{
    /// <summary>
    /// The question: terse, one line per active connection, its fields separated by <c>:</c> and a
    /// <c>:</c> or <c>\</c> within a value escaped with <c>\</c> (nmcli's default in terse mode, asked for
    /// explicitly). The UUID names the connection unambiguously (ids may repeat); the id tells ours.
    /// </summary>
    public static ProcessSpec Query(TimeSpan timeout) =>
        new("nmcli", "--terse", "--escape", "yes", "--fields", "DEVICE,UUID,NAME", "connection", "show", "--active") { Timeout = timeout };

    /// <summary>
    /// Asks NetworkManager. Whatever goes wrong (<c>nmcli</c> missing, failing, hanging) is logged and
    /// answered as unknown (<c>null</c>), never as "none active": a rollback takes an interface that had
    /// none down again, which on a guess would cut it off. Not knowing only costs a rollback the
    /// operator's state, as before this question was asked; failing the change for it would leave the
    /// guest with the configuration Nova no longer wants.
    /// </summary>
    /// <param name="processes">The agent's process runner (in root mode it records the question and answers nothing).</param>
    /// <param name="timeout">How long <c>nmcli</c> may take (at most <see cref="NmcliQuestion.Timeout"/>).</param>
    /// <param name="logger">The logger.</param>
    /// <param name="cancellationToken">Cancels the question (the agent stopping).</param>
    /// <returns>The active connection of each device that has one, by device name (none when NetworkManager is not running), or <c>null</c> when unknown.</returns>
    public static Task<IReadOnlyDictionary<string, ActiveConnection>?> ReadAsync(IProcessRunner processes, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken) =>
        NmcliQuestion.AskAsync(processes, Query, timeout, Parse, new Dictionary<string, ActiveConnection>(StringComparer.Ordinal), reason => LogUnknown(logger, reason), cancellationToken);

    /// <summary>
    /// Reads <see cref="Query"/>'s answer: <c>DEVICE:UUID:NAME</c> per connection, escapes undone. <c>nmcli</c> escapes
    /// every <c>:</c> in a value but prints a newline in an id as it is (NetworkManager 1.42 takes one), so a line without an
    /// unescaped <c>:</c> goes on the id of the line before. A connection without a device (active on none) is skipped; a
    /// device named twice keeps its first connection. An answer with a line that cannot be read (a value with an unescaped
    /// <c>:</c>, or the first line without one) is <c>null</c>, unknown: skipping that line would answer "none active" for
    /// its device, which a rollback then takes down.
    /// </summary>
    public static IReadOnlyDictionary<string, ActiveConnection>? Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var records = new List<List<string>>();
        foreach (var line in (output.EndsWith('\n') ? output[..^1] : output).Split('\n'))
        {
            var fields = NmcliQuestion.Fields(line.TrimEnd('\r'));
            if (fields.Count == 3)
            {
                records.Add(fields);
            }
            else if (fields.Count == 1 && records.Count > 0)
            {
                records[^1][2] += "\n" + fields[0];
            }
            else if (fields.Count != 1 || fields[0].Length > 0)
            {
                return null;
            }
        }

        var active = new Dictionary<string, ActiveConnection>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (record is [{ Length: > 0 } device, { Length: > 0 } uuid, var name])
            {
                active.TryAdd(device, new ActiveConnection(uuid, name));
            }
        }

        return active;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "resetnetwork: could not ask NetworkManager which connections are active ({Reason}); a rollback brings back only the connections the files give")]
    private static partial void LogUnknown(ILogger logger, string reason);
}

/// <summary>A connection NetworkManager has active on a device.</summary>
/// <param name="Uuid">Its UUID, which <c>nmcli connection up uuid</c> takes.</param>
/// <param name="Name">Its id (<c>guest-agent-eth0</c> for ours).</param>
internal sealed record ActiveConnection(string Uuid, string Name);

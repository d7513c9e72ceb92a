using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// Whether NetworkManager would give each device a connection by itself, asked of NetworkManager before a
/// change, as <see cref="NetworkManagerActiveConnections"/> is. A device without an active connection is so
/// for one of two reasons a rollback must tell apart: an operator's <c>nmcli device disconnect</c>, which
/// turns the device's autoconnect off until NetworkManager restarts, or no chance yet (no carrier, its
/// connections kept down by <c>nmcli connection down</c>, which blocks a connection and not the device, or
/// its retries used up) with autoconnect still on. Putting back the first takes a <c>nmcli device
/// disconnect</c>; in the second that would block the device for the rest of the boot, where a carrier's
/// return, a reload or the retry timer could have connected it (<see cref="Backends.NetworkManagerBackend"/>).
/// </summary>
internal static partial class NetworkManagerDevices
{
    /// <summary>
    /// NetworkManager's state number of a device it cannot activate (<c>NM_DEVICE_STATE_UNAVAILABLE</c>):
    /// no carrier, or its firmware or supplicant missing. Read by number, part of its D-Bus API (the word after it is English in terse output in any locale:
    /// <c>30 (disconnected)</c> under <c>LANG=de_DE.UTF-8</c> with 1.42, where the plain form says <c>nicht verbunden</c>).
    /// </summary>
    public const int Unavailable = 20;

    /// <summary>
    /// The question: terse, per device its name, state (<c>20 (unavailable)</c>) and autoconnect
    /// (<c>yes</c>/<c>no</c>), one <c>FIELD:value</c> line each, a blank line between devices.
    /// <c>device show</c>'s <c>GENERAL.*</c> fields are the ones checked against NetworkManager 1.42
    /// (<c>NetworkManagerAutoconnectTests</c>); the shorter device list was not.
    /// </summary>
    public static ProcessSpec Query(TimeSpan timeout) =>
        new("nmcli", "--terse", "--escape", "yes", "--fields", "GENERAL.DEVICE,GENERAL.STATE,GENERAL.AUTOCONNECT", "device", "show") { Timeout = timeout };

    /// <summary>
    /// Asks NetworkManager. Whatever goes wrong (<c>nmcli</c> missing, failing, hanging, an answer that
    /// cannot be read) is logged and answered as unknown (<c>null</c>): a rollback then disconnects a device
    /// that had no connection, as it did before this question was asked (<see cref="Backends.NetworkManagerBackend"/>).
    /// </summary>
    /// <param name="processes">The agent's process runner (in root mode it records the question and answers nothing).</param>
    /// <param name="timeout">How long <c>nmcli</c> may take (at most <see cref="NmcliQuestion.Timeout"/>).</param>
    /// <param name="logger">The logger.</param>
    /// <param name="cancellationToken">Cancels the question (the agent stopping).</param>
    /// <returns>Each device's state, by device name (none when NetworkManager is not running), or <c>null</c> when unknown.</returns>
    public static Task<IReadOnlyDictionary<string, DeviceAutoconnect>?> ReadAsync(IProcessRunner processes, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken) =>
        NmcliQuestion.AskAsync(processes, Query, timeout, Parse, new Dictionary<string, DeviceAutoconnect>(StringComparer.Ordinal), reason => LogUnknown(logger, reason), cancellationToken);

    /// <summary>
    /// Reads <see cref="Query"/>'s answer. A <c>GENERAL.DEVICE</c> line starts a device; its state is the number before
    /// the word, its autoconnect <c>yes</c> or <c>no</c>, anything else unknown (<c>null</c>), as is a
    /// field missing. A line that is not <c>FIELD:value</c> of those three, or a field before any device, makes the whole
    /// answer <c>null</c>: what it says of a device cannot be trusted. A device named twice keeps its first record.
    /// </summary>
    public static IReadOnlyDictionary<string, DeviceAutoconnect>? Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var devices = new Dictionary<string, DeviceAutoconnect>(StringComparer.Ordinal);
        string? device = null;
        int? state = null;
        bool? autoconnect = null;
        void Keep()
        {
            if (device is { Length: > 0 })
            {
                devices.TryAdd(device, new DeviceAutoconnect(state, autoconnect));
            }
        }

        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var fields = NmcliQuestion.Fields(line);
            if (fields.Count != 2)
            {
                return null;
            }

            switch (fields[0])
            {
                case "GENERAL.DEVICE":
                    Keep();
                    (device, state, autoconnect) = (fields[1], null, null);
                    break;
                case "GENERAL.STATE" when device is not null:
                    var number = fields[1].Split(' ', 2)[0];
                    state = int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
                    break;
                case "GENERAL.AUTOCONNECT" when device is not null:
                    autoconnect = fields[1] switch { "yes" => true, "no" => false, _ => null };
                    break;
                default:
                    return null;
            }
        }

        Keep();
        return devices;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "resetnetwork: could not ask NetworkManager whether its devices autoconnect ({Reason}); a rollback disconnects a device that had no connection, which keeps it without one until NetworkManager restarts")]
    private static partial void LogUnknown(ILogger logger, string reason);
}

/// <summary>What NetworkManager said of a device before the change: whether it would connect it by itself.</summary>
/// <param name="State">Its state number (<see cref="NetworkManagerDevices.Unavailable"/>, 30 disconnected, 100 activated), <c>null</c> when unread.</param>
/// <param name="Autoconnect">Its autoconnect (off after <c>nmcli device disconnect</c> until NetworkManager restarts), <c>null</c> when unread.</param>
internal sealed record DeviceAutoconnect(int? State, bool? Autoconnect);

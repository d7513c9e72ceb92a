using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>
/// Runs a scripted sequence of requests, each on its own line of the form
/// <c>[conn:][*]TYPE[!][@tN] arg arg…</c>, against one XenStore server and writes down every answer
/// and watch event, so that two servers can be compared line by line.
/// <list type="bullet">
/// <item><c>conn</c>: <c>d</c> or <c>d2</c> (dom0 connections) or <c>g</c> (the guest's); the sequence's own when left out.</item>
/// <item><c>TYPE</c>: the wire name (READ, WRITE, DIRECTORY_PART…); the payload is the arguments joined with NULs
/// and ended by one, but for WRITE (its value is not NUL-ended) and <c>TYPE!</c> (sent as given).</item>
/// <item><c>@tN</c>: in the N-th transaction this script started (<c>@42</c>: a literal id).</item>
/// <item>An argument: <c>~</c> is the sequence's root, <c>^</c> the same relative to the guest's home, <c>''</c>
/// empty, <c>\0</c> a NUL, <c>{x*N}</c> N times x; <c>{A..B}</c> sends one request per number (setups).</item>
/// <item><c>*</c>: the answer is not compared (a mask, <see cref="Masked"/>); the events before it are.</item>
/// </list>
/// Masks applied to every line: a started transaction's id (each server numbers its own) is written
/// <c>tN</c>, in answers and headers, and DIRECTORY_PART's generation count <c>gN</c>, both numbered in
/// order of appearance; payloads over 160 bytes are written as their length and hash.
/// </summary>
internal sealed class WireScript : IAsyncDisposable
{
    private static readonly Dictionary<string, XenStoreMessageType> Types = new(StringComparer.Ordinal)
    {
        ["CONTROL"] = XenStoreMessageType.Control, ["DIRECTORY"] = XenStoreMessageType.Directory,
        ["READ"] = XenStoreMessageType.Read, ["GET_PERMS"] = XenStoreMessageType.GetPermissions,
        ["WATCH"] = XenStoreMessageType.Watch, ["UNWATCH"] = XenStoreMessageType.Unwatch,
        ["TRANSACTION_START"] = XenStoreMessageType.TransactionStart, ["TRANSACTION_END"] = XenStoreMessageType.TransactionEnd,
        ["INTRODUCE"] = XenStoreMessageType.Introduce, ["RELEASE"] = XenStoreMessageType.Release,
        ["GET_DOMAIN_PATH"] = XenStoreMessageType.GetDomainPath, ["WRITE"] = XenStoreMessageType.Write,
        ["MKDIR"] = XenStoreMessageType.Mkdir, ["RM"] = XenStoreMessageType.Remove,
        ["SET_PERMS"] = XenStoreMessageType.SetPermissions, ["IS_DOMAIN_INTRODUCED"] = XenStoreMessageType.IsDomainIntroduced,
        ["RESUME"] = XenStoreMessageType.Resume, ["SET_TARGET"] = XenStoreMessageType.SetTarget,
        ["RESET_WATCHES"] = XenStoreMessageType.ResetWatches, ["DIRECTORY_PART"] = XenStoreMessageType.DirectoryPart,
        ["INVALID"] = (XenStoreMessageType)99,
    };

    private readonly string _dom0Socket;
    private readonly string _guestSocket;
    private readonly string _root;
    private readonly string _relativeRoot;
    private readonly string _defaultConnection;
    private readonly Dictionary<string, RawConnection> _connections = [];
    private readonly Dictionary<uint, string> _transactionNames = [];
    private readonly Dictionary<string, string> _generationNames = [];
    private readonly List<string> _transcript = [];
    private uint _requestId = 1;

    private WireScript(string dom0Socket, string guestSocket, string name, bool asGuest)
    {
        _dom0Socket = dom0Socket;
        _guestSocket = guestSocket;
        _relativeRoot = "data/" + name;
        _root = asGuest ? $"/local/domain/{CXenstored.GuestDomain}/{_relativeRoot}" : "/" + name;
        _defaultConnection = asGuest ? "g" : "d";
    }

    /// <summary>
    /// Runs <paramref name="steps"/> under the root <c>/NAME</c> (dom0) or the guest's <c>data/NAME</c>,
    /// each step followed by <see cref="SettleAsync"/>, then removes the root as dom0. Returns the transcript.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RunAsync(string dom0Socket, string guestSocket, string name, bool asGuest, IEnumerable<string> steps)
    {
        await using var script = new WireScript(dom0Socket, guestSocket, name, asGuest);
        foreach (var step in steps)
        {
            await script.StepAsync(step);
            await script.SettleAsync();
        }

        // The sequence's connections go first, so that the clean-up fires nothing at them.
        await script.DisposeAsync();
        using (var cleanup = await RawConnection.ConnectAsync(dom0Socket))
        {
            await cleanup.SendAsync(XenStoreMessageType.Remove, 1, script._root + "\0");
            await cleanup.ReplyAsync(1);
        }

        return script._transcript;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var connection in _connections.Values)
        {
            connection.Dispose();
        }

        _connections.Clear();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Takes every event still due to each open connection before the next step is sent: one
    /// GET_DOMAIN_PATH on each (its answer not written down; the events that come before it are, after
    /// the step's line). A server writes a connection's output in order, so once that answer is in,
    /// nothing queued before it is still waiting. C xenstored 4.17's <c>send_event</c> drops an event
    /// identical to one still queued on the connection: without this, a step sent while the last
    /// step's events were queued there (a WATCH's first event, which C queues after the reply) lost
    /// its own identical events in some runs and not in others, by timing alone.
    /// </summary>
    private async Task SettleAsync()
    {
        foreach (var name in _connections.Keys.Order(StringComparer.Ordinal).ToList())
        {
            await ExchangeAsync(name, _connections[name], XenStoreMessageType.GetDomainPath, 0, "0\0", masked: true);
        }
    }

    /// <summary>What a masked step's answer is written as: the step's row says why it legitimately differs.</summary>
    private static string Masked() =>
        "(masked)";

    private async Task StepAsync(string step)
    {
        var text = step;
        var connectionName = _defaultConnection;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon is > 0 and < 3 && text[..colon] is "d" or "d2" or "g")
        {
            connectionName = text[..colon];
            text = text[(colon + 1)..];
        }

        var masked = text.StartsWith('*');
        text = text.TrimStart('*');
        var words = text.Split(' ');
        var head = words[0];
        uint transaction = 0;
        var at = head.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var name = head[(at + 1)..];
            transaction = _transactionNames.FirstOrDefault(pair => pair.Value == name).Key;
            if (transaction == 0)
            {
                transaction = uint.Parse(name, CultureInfo.InvariantCulture);
            }

            head = head[..at];
        }

        var raw = head.EndsWith('!');
        var type = Types[head.TrimEnd('!')];
        var arguments = words.Skip(1).Select(Expand).ToList();
        var connection = await ConnectionAsync(connectionName);
        var (from, to) = Range(arguments);
        var answers = new List<string>();
        for (var n = from; n <= to; n++)
        {
            var values = arguments.Select(a => a.Replace("{#}", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToList();
            var payload = string.Join('\0', values) + (raw || type == XenStoreMessageType.Write || values.Count == 0 ? "" : "\0");
            if (type == XenStoreMessageType.TransactionStart && values.Count == 0)
            {
                payload = "\0";
            }

            answers.Add(await ExchangeAsync(connectionName, connection, type, transaction, payload, masked));
        }

        // A setup of many requests is written as one line when every answer is the same.
        _transcript.Add(from == to || answers.Distinct().Count() > 1
            ? $"{connectionName}: {step} -> {string.Join(" / ", answers)}"
            : $"{connectionName}: {step} -> {to - from + 1} x {answers[0]}");
    }

    private async Task<string> ExchangeAsync(string connectionName, RawConnection connection, XenStoreMessageType type, uint transaction, string payload, bool masked)
    {
        var id = _requestId++;
        await connection.SendAsync(type, id, transaction, Encoding.Latin1.GetBytes(payload));
        while (true)
        {
            (XenStoreHeader Header, byte[] Payload)? message;
            try
            {
                message = await connection.ReceiveAsync();
            }
            catch (System.Net.Sockets.SocketException exception) when (exception.SocketErrorCode == System.Net.Sockets.SocketError.ConnectionReset)
            {
                message = null;
            }

            if (message is not { } received)
            {
                // The server dropped the connection (a bad frame): said so; the next step opens another.
                _connections.Remove(connectionName);
                connection.Dispose();
                return "connection closed";
            }

            var (header, body) = received;
            var text = Encoding.Latin1.GetString(body);
            if (header.Type == XenStoreMessageType.WatchEvent)
            {
                // An event's header carries no request id (0), nor a transaction's.
                _transcript.Add($"{connectionName}: event {Render(text)}{Ids(header, 0)}{(header.RequestId == 0 ? "" : $" [req {header.RequestId}]")}");
                continue;
            }

            if (header.RequestId != id)
            {
                _transcript.Add($"{connectionName}: stray {header.Type} {Render(text)}{Ids(header, 0)}");
                continue;
            }

            if (masked)
            {
                return Masked();
            }

            if (type == XenStoreMessageType.TransactionStart && header.Type == type && uint.TryParse(text.TrimEnd('\0'), CultureInfo.InvariantCulture, out var started))
            {
                _transactionNames[started] = "t" + (_transactionNames.Count + 1).ToString(CultureInfo.InvariantCulture);
                text = _transactionNames[started] + (text.EndsWith('\0') ? "\\0" : "");
                return $"{header.Type} {text}{Ids(header, transaction)}";
            }

            if (type == XenStoreMessageType.DirectoryPart && header.Type == type && text.IndexOf('\0', StringComparison.Ordinal) is > 0 and var end)
            {
                // Each server counts its own generations: named in order of appearance (g1, g2…), so
                // "unchanged since" and "changed since" still compare.
                var generation = text[..end];
                if (!_generationNames.TryGetValue(generation, out var generationName))
                {
                    generationName = "g" + (_generationNames.Count + 1).ToString(CultureInfo.InvariantCulture);
                    _generationNames[generation] = generationName;
                }

                text = generationName + text[end..];
            }

            return $"{(header.Type == XenStoreMessageType.Error ? "ERROR" : header.Type.ToString())} {Render(text)}{Ids(header, transaction)}";
        }
    }

    /// <summary>The header's transaction id when it is not the one sent, by name.</summary>
    private string Ids(XenStoreHeader header, uint sent) =>
        header.TransactionId == sent ? "" : " [tx " + (_transactionNames.TryGetValue(header.TransactionId, out var name) ? name : header.TransactionId.ToString(CultureInfo.InvariantCulture)) + "]";

    private async Task<RawConnection> ConnectionAsync(string name)
    {
        if (!_connections.TryGetValue(name, out var connection))
        {
            connection = await RawConnection.ConnectAsync(name == "g" ? _guestSocket : _dom0Socket);
            _connections[name] = connection;
        }

        return connection;
    }

    private string Expand(string argument)
    {
        if (argument == "''")
        {
            return "";
        }

        var text = argument.Replace("~", _root, StringComparison.Ordinal).Replace("^", _relativeRoot, StringComparison.Ordinal).Replace("\\0", "\0", StringComparison.Ordinal);
        var open = text.IndexOf('{', StringComparison.Ordinal);
        var star = text.IndexOf('*', StringComparison.Ordinal);
        var close = text.IndexOf('}', StringComparison.Ordinal);
        if (open >= 0 && star > open && close > star)
        {
            var repeated = new string(text[open + 1], int.Parse(text[(star + 1)..close], CultureInfo.InvariantCulture));
            return text[..open] + repeated + text[(close + 1)..];
        }

        return text;
    }

    /// <summary>The numbers of a <c>{A..B}</c> argument (it becomes <c>{#}</c>), or one request.</summary>
    private static (int From, int To) Range(List<string> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            var open = arguments[i].IndexOf('{', StringComparison.Ordinal);
            var dots = arguments[i].IndexOf("..", StringComparison.Ordinal);
            var close = arguments[i].IndexOf('}', StringComparison.Ordinal);
            if (open >= 0 && dots > open && close > dots)
            {
                var from = int.Parse(arguments[i][(open + 1)..dots], CultureInfo.InvariantCulture);
                var to = int.Parse(arguments[i][(dots + 2)..close], CultureInfo.InvariantCulture);
                arguments[i] = arguments[i][..open] + "{#}" + arguments[i][(close + 1)..];
                return (from, to);
            }
        }

        return (0, 0);
    }

    private static string Render(string payload)
    {
        if (payload.Length > 160)
        {
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.Latin1.GetBytes(payload)))[..12];
            return $"<{payload.Length} bytes, {Render(payload[..40])}…, sha256 {hash}>";
        }

        var builder = new StringBuilder();
        foreach (var c in payload)
        {
            builder.Append(c switch
            {
                '\0' => "\\0",
                < ' ' or > '~' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}

# Mutants of the XenStore client outside DIRECTORY_PART (which directory_part.py covers): request and
# reply framing and matching (XenStoreConnection), error replies, watch registration and events,
# transactions, and the payload helpers the client parses replies with.
# Run: scripts/mutants/mutate.py scripts/mutants/xenstore_client.py
# Session 23: 30-35 for RequestPath, the client's refusal of paths every server refuses (InvalidPathTests). Run 30-35: all killed.
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-class", "*XenStoreClientTests", "-class", "*MalformedReplyTests", "-class", "*ChangingDirectoryTests",
             "-class", "*SettlingDirectoryTests", "-class", "*DeviceTransportTests", "-class", "*FullListenQueueTests",
             "-class", "*XenStoreEndpointTests", "-class", "*WireFormatTests", "-class", "*ClientWatchTests",
             "-class", "*ClientTransactionTests", "-class", "*ClientFramingTests", "-class", "*InvalidPathTests"]
SWITCH_NS = "GuestAgent.XenStore.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 240
X = "src/Agent/XenStore/Client/XenStoreConnection.cs"
L = "src/Agent/XenStore/Client/XenStoreClient.cs"
W = "src/Agent/XenStore/Client/XenStoreWatch.cs"
T = "src/Agent/XenStore/Client/XenStoreTransaction.cs"
O = "src/Agent/XenStore/Client/XenStoreOperations.cs"
Y = "src/Agent/XenStore/Wire/XenStorePayload.cs"
R = "src/Agent/XenStore/Client/RequestPath.cs"
MUTANTS = [
    # Framing and reply matching
    (X, "payload.Length > _transport.MaxPayload", "payload.Length >= _transport.MaxPayload", "expr",
     "send: a request of exactly the largest payload refused as E2BIG"),
    (X, "payload.Length > _transport.MaxPayload", "false", "expr",
     "send: an oversized request sent to the server"),
    (X, "parsed.Length > XenStoreLimits.PayloadMax", "parsed.Length >= XenStoreLimits.PayloadMax", "expr",
     "receive: a reply of exactly the largest payload breaks the connection"),
    (X, "reply.Type == XenStoreMessageType.Error", "false", "expr",
     "receive: an ERROR reply returned as the answer"),
    (X, "parts.Count < 2", "parts.Count < 1", "expr",
     "event: an event without a token not refused"),
    (X, "Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(parts[1]))", "parts[1]", "expr",
     "event: a non-ASCII token not decoded as UTF-8 (its events are lost)"),
    (X, "_pending.Find(p => p.Type == header.Type)", "null", "expr",
     "reply id 0: not matched to the oldest request of its type"),
    (X, "_pending.Count > 0 ? _pending[0] : null", "null", "expr",
     "reply id 0: an ERROR reply with id 0 not given to the oldest request"),
    (X, "header.Type != pending.Type && header.Type != XenStoreMessageType.Error", "header.Type != pending.Type", "expr",
     "reply: an ERROR reply taken for a reply of the wrong type"),
    (X, "_pending.Remove(pending);", "", "stmt",
     "reply: an answered request stays outstanding (a later id-0 reply goes to it)"),
    (X, "throw new InvalidOperationException($\"A watch with token '{token}' is already registered on this client.\");", "", "stmt",
     "watch: a second watch with a token in use silently gets no events"),
    (X, "if (_watches.TryRemove(token, out var events))\n        {\n            events.TryComplete();\n        }", "_watches.TryRemove(token, out _);", "stmt",
     "watch: the event stream of a disposed watch never ends"),
    (X, "foreach (var events in _watches.Values)\n        {\n            events.TryComplete(failure);\n        }", "", "stmt",
     "failure: watches not told the connection broke (readers hang)"),
    # Watches
    (L, "\"ga\" + Interlocked.Increment(ref _nextToken).ToString(CultureInfo.InvariantCulture)", "\"ga\"", "expr",
     "watch: every chosen token the same"),
    (L, "Connection.RemoveWatch(token);\n            throw;", "throw;", "stmt",
     "watch: a refused watch keeps its token registered"),
    (W, "_connection.UnwatchAsync(Path, Token)", "_connection.UnwatchAsync(Token, Path)", "expr",
     "unwatch: path and token swapped (the server keeps the watch)"),
    (W, "throw new XenStoreConnectionException(lost.Message, lost);", "throw;", "stmt",
     "watch: a broken connection surfaces as ChannelClosedException"),
    # ^ Equivalent (survives): WaitToReadAsync faults with the completion exception itself, never a
    #   ChannelClosedException (only ReadAsync wraps it), so that catch in ReadAllAsync never runs.
    # Transactions
    (L, "id == 0", "false", "expr",
     "transaction: id 0 (no transaction) accepted from the server"),
    (L, "error.ErrorName == XenStoreErrors.TryAgain", "false", "expr",
     "transact: EAGAIN inside the body not retried"),
    (L, "await transaction.CommitAsync(cancellationToken).ConfigureAwait(false)", "(await transaction.CommitAsync(cancellationToken).ConfigureAwait(false)) || true", "expr",
     "transact: a commit refused with EAGAIN taken as done"),
    (T, "\"T\\0\"u8.ToArray()", "\"F\\u0000\"u8.ToArray()", "expr",
     "commit: sends an abort"),
    (T, "await RequestAsync(XenStoreMessageType.TransactionEnd, \"F\\0\"u8.ToArray(), null, cancellationToken).ConfigureAwait(false);",
     "await RequestAsync(XenStoreMessageType.TransactionEnd, \"T\\0\"u8.ToArray(), null, cancellationToken).ConfigureAwait(false);", "stmt",
     "abort: commits"),
    (T, "reply is not null", "true", "expr",
     "commit: EAGAIN reported as committed"),
    (T, "Connection.ExchangeAsync(XenStoreMessageType.TransactionEnd, Id, \"F\\0\"u8.ToArray(), null, CancellationToken.None)",
     "Task.FromResult(default(XenStoreReply))", "expr",
     "dispose: an uncommitted transaction left open on the server"),
    # Operations and payloads
    (O, "error == allowedError ? null : throw new XenStoreErrorException(error, type, path)", "null", "expr",
     "try-read: every error read as 'missing'"),
    (O, "strings.Length < 2", "strings.Length < 1", "expr",
     "set-permissions: an empty list sent to the server"),
    (Y, "strings.Add(Encoding.Latin1.GetString(payload));\n                break;", "break;", "stmt",
     "split: bytes after the last NUL dropped"),
    (Y, "nul < 0 ? payload : payload[..nul]", "payload[..Math.Max(nul, 0)]", "expr",
     "single string: an unterminated string read as empty"),
    (Y, "payload.AsSpan(pathLength + 1)", "payload.AsSpan(pathLength)", "expr",
     "write: the value overwrites the path's NUL"),
    (R, "type is XenStoreMessageType.Watch or XenStoreMessageType.SetPermissions", "type is XenStoreMessageType.Watch", "expr",
     "path check: SET_PERMS of a special path refused before sending"),
    (R, "path.Length == 0", "false", "expr", "path check: an empty path sent"),
    (R, "path.Length > 1 && path[^1] == '/'", "path[^1] == '/'", "expr", "path check: the root '/' refused"),
    (R, "path.Contains(\"//\", StringComparison.Ordinal)", "false", "expr", "path check: '//' sent"),
    (R, "path[i] is '-' or '/' or '_' or '@'", "path[i] is '-' or '/' or '_'", "expr", "path check: '@' inside a path refused"),
    (R, "specialAllowed", "true", "expr", "path check: a special path read (READ of '@...') sent", "specialAllowed ? null"),
]

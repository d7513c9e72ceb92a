# Mutants of XenStoreExchange's edges (quota refusal, withdrawal, request removal, repeated-failure
# logging, options), the endpoint choice and transports, the server's listening path and domain
# requests, and the wire's path and permission rules: a check dropped, a comparison off by one, a
# branch swapped, cleanup missed, a wrong error text.
# Run: scripts/mutants/mutate.py scripts/mutants/xenstore_exchange_edges.py
# Outcome (session 17): 50/50 killed. First run: 33/50 killed; the 17 survivors were test gaps,
# each killed by a new or tightened test (re-run: all 17 killed, four by the 90 s timeout, where the
# tests' own bound is two minutes):
#   1 E2BIG: no test had a store refuse a response as too big (the embedded server answers
#     ENOSPC) -> XenStoreExchangeQuotaTests, over LimitedPayloadTransport (the client's E2BIG).
#   8 Replayed for a given-up request -> asserted in the given-up restart test.
#   12, 13 a request unreadable when its turn comes -> WithdrawnRequestTests (held back, warned,
#     served once readable again).
#   14, 16 a replaced request not offered: the 30 s safety-net rescan served it anyway -> the
#     withdrawal tests and the watching rewrite test run with the rescan an hour away.
#   18 one warning for a connection failing for changing reasons -> ReconnectTests with a dropping
#     and a garbling peer taking turns.
#   19, 20 RepeatedFailures' new-reason warning and exact reminder -> RepeatedFailuresTests.
#   23 DomainPath with a trailing slash -> XenStoreExchangeOptionsTests.
#   26, 28, 32 ENOTDIR, a procfs file not named xenbus, an empty XENSTORED_PATH -> XenStoreEndpointTests.
#   38 a live listener with a full backlog -> ListeningPathTests.
#   42 killed by DomainReleaseTests, added to the classes run.
#   44 the 3072-byte absolute limit, 46 IsAtOrBelow (public, unused in src) -> WireFormatTests.
# Later (daemon-follow): XenStorePath.IsAtOrBelow was removed (no caller since the watch index),
# and mutant 46 with it: the list now holds 49, and the numbers above past 45 are one higher than
# the mutants' places in it.
# Session 23 (xs): path lengths follow 4.17's sscanf("/local/domain/%5u/%n"); the 3072-byte check
# went (4.17 makes none), so mutant 44 (that limit refused one byte early) became 44, a six-digit
# home read as a home; 47 counts from the new reading; 48 is new, a sign with no digits read as a
# home. Run alone (44 47 48): 3/3 killed, by WireFormatTests.
# Not a mutant, found reading the options: XenStoreExchangeOptions had no validation; a zero poll or
# reconnect delay spun while XenStore was away; a negative or too long poll or rescan failed each
# wait, logged as a lost connection; a negative reconnect delay threw out of the pump's catch and
# ended the pump (nothing served, no error until dispose). Now refused when the exchange is made
# (XenStoreExchangeOptionsTests).
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-class", "GuestAgent.XenStore.Tests.Exchanges.*", "-class", "*XenStoreEndpointTests",
             "-class", "*XenStoreClientTests", "-class", "*FullListenQueueTests", "-class", "*ListeningPathTests",
             "-class", "*DomainRequestTests", "-class", "*DomainReleaseTests", "-class", "*WireFormatTests", "-class", "*ServerRulesTests"]
SWITCH_NS = "GuestAgent.XenStore.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 90
R = "src/Agent/Exchanges/XenStoreExchange.ResponseRefusal.cs"
W = "src/Agent/Exchanges/XenStoreExchange.Withdrawal.cs"
V = "src/Agent/Exchanges/XenStoreExchange.RequestRemoval.cs"
G = "src/Agent/Exchanges/XenStoreExchange.Warnings.cs"
X = "src/Agent/Exchanges/XenStoreExchange.cs"
F = "src/Agent/Exchanges/RepeatedFailures.cs"
O = "src/Agent/Exchanges/XenStoreExchangeOptions.cs"
E = "src/Agent/XenStore/Transports/EndpointFile.cs"
N = "src/Agent/XenStore/Transports/XenStoreEndpoint.cs"
U = "src/Agent/XenStore/Transports/UnixSocketTransport.cs"
L = "src/Agent/XenStore/Server/ListeningPath.cs"
D = "src/Agent/XenStore/Server/DomainRequests.cs"
P = "src/Agent/XenStore/Wire/XenStorePath.cs"
Q = "src/Agent/XenStore/Wire/XenStorePermission.cs"
UNCHECKABLE = ("ReleasePending(request.Id);\n            LogRequestUncheckable(HostTextForLog.Cap(request.Id), exception.ErrorName);\n"
               "            return false;")
MUTANTS = [
    # Quota refusal (XenStoreExchange.ResponseRefusal.cs)
    (R, "exception.ErrorName is XenStoreErrors.NoSpace or XenStoreErrors.Quota or XenStoreErrors.TooBig",
     "exception.ErrorName is XenStoreErrors.NoSpace or XenStoreErrors.Quota", "expr",
     "refusal: E2BIG is not a quota refusal (the response write fails like a lost connection)"),
    (R, "refusal is XenStoreErrors.NoSpace or XenStoreErrors.Quota", "false", "expr",
     "refusal: no room is made before giving the response up"),
    (R, "fallback.Length < response.Length", "false", "expr",
     "refusal: the short error answer is never tried (the request is given up at once)"),
    (R, "UpdateJournal(id, journal => journal.Replace(id, hash, fallback));", "", "stmt",
     "refusal: the journal keeps the refused response, not the error answer written instead"),
    (R, "UpdateJournal(id, journal => journal.MarkRefused(id, hash));", "", "stmt",
     "refusal: a given-up request is not marked refused in the journal"),
    (R, "ResponseJournal.IsRefused(response)", "false", "expr",
     "replay: a request given up earlier is answered with the journal's refused marker"),
    (R, "Interlocked.Increment(ref _answeredFromJournal);", "", "stmt",
     "replay: AnsweredFromJournal does not count replays"),
    (R, "_options.Replayed?.Invoke(id, data);\n            await RemoveGivenUpAsync(client, id, data, stopping).ConfigureAwait(false);",
     "await RemoveGivenUpAsync(client, id, data, stopping).ConfigureAwait(false);", "stmt",
     "replay: a given-up request's removal is not reported to Replayed"),
    # Withdrawal (XenStoreExchange.Withdrawal.cs)
    (W, "current is not null && current.AsSpan().SequenceEqual(expected.Span)", "current is not null", "expr",
     "queued check: a request replaced under the same id runs with the old bytes"),
    (W, "current is not null && current.AsSpan().SequenceEqual(expected.Span)", "true", "expr",
     "queued check: a withdrawn request runs"),
    (W, "ReleasePending(request.Id);\n        if (current is null)\n        {\n            LogRequestWithdrawn(HostTextForLog.Cap(request.Id));\n            return false;\n        }",
     "if (current is null)\n        {\n            LogRequestWithdrawn(HostTextForLog.Cap(request.Id));\n            return false;\n        }", "stmt",
     "queued check: a withdrawn request's id stays pending (a new request under it is never offered)"),
    (W, UNCHECKABLE, UNCHECKABLE.replace("return false;", "return true;"), "stmt",
     "queued check: a request the guest can no longer read runs unchecked"),
    (W, UNCHECKABLE, UNCHECKABLE.replace("ReleasePending(request.Id);\n            ", ""), "stmt",
     "queued check: an unreadable request's id stays pending (never offered again)"),
    (W, "await OfferAsync(client, request.Id, cancellationToken).ConfigureAwait(false);", "", "stmt",
     "queued check: the new request under a reused id is not offered (waits for a rescan)"),
    # Request removal (XenStoreExchange.RequestRemoval.cs)
    (V, "!current.AsSpan().SequenceEqual(answered.Span)", "false", "expr",
     "removal: a request replaced under the same id is removed unread"),
    (V, "await OfferAsync(client, id, cancellationToken).ConfigureAwait(false);", "", "stmt",
     "removal: a request replaced while being answered is not offered"),
    # Warnings (XenStoreExchange.Warnings.cs) and RepeatedFailures
    (G, "Connections == 0", "true", "expr",
     "warning: a lost connection is reported as 'cannot connect'"),
    (G, "_connectionFailures.Report(ConnectionKey, ConnectionKey)", "_connectionFailures.Report(ConnectionKey, type)", "expr",
     "warning: each new exception type of a failing connection is warned about again"),
    (F, "!string.Equals(streak.Reason, reason, StringComparison.Ordinal)", "false", "expr",
     "repeats: a request failing for a new reason is not warned about again"),
    (F, "time.GetElapsedTime(streak.WarnedAt, now) >= reminder", "time.GetElapsedTime(streak.WarnedAt, now) > reminder", "expr",
     "repeats: the reminder comes only after more than the interval"),
    (F, "streak.WarnedAt = now;\n                return new Failure(Loudness.Reminder, streak.Count, since);",
     "return new Failure(Loudness.Reminder, streak.Count, since);", "stmt",
     "repeats: after the first reminder, every repeat is a reminder"),
    (F, "!stillThere(key)", "stillThere(key)", "expr",
     "repeats: Retain forgets the requests still there instead of the gone ones"),
    # Options
    (O, "DomainPath.TrimEnd('/') + \"/data/host\"", "DomainPath + \"/data/host\"", "expr",
     "options: a DomainPath with a trailing slash gives '//data/host'"),
    # XenStoreExchange.cs
    (X, "ReleasePending(request.Id);\n                        released = true;", "released = true;", "stmt",
     "answer: the answered id stays pending (a new request under it is never offered)"),
    (X, "!response.BoundToSession", "true", "expr",
     "answer: a session-bound answer is journaled durably (replayed after a restart)"),
    # Endpoint file, endpoint choice, unix socket
    (E, "errno is LibC.ENoEnt or LibC.ENotDir", "errno is LibC.ENoEnt", "expr",
     "endpoint: a path below a regular file is not reported as missing"),
    (E, "Path.GetFileName(path) == LegacyDeviceName && fileSystemType() is XenfsMagic or ProcMagic",
     "Path.GetFileName(path) == LegacyDeviceName", "expr",
     "endpoint: any regular file named xenbus is opened as the legacy device"),
    (E, "Path.GetFileName(path) == LegacyDeviceName && fileSystemType() is XenfsMagic or ProcMagic",
     "fileSystemType() is XenfsMagic or ProcMagic", "expr",
     "endpoint: any regular file in procfs is opened as the legacy device"),
    (E, "kind is not (EndpointFileKind.Device or EndpointFileKind.LegacyXenbusFile)", "false", "expr",
     "device: the opened descriptor is not checked again"),
    (E, "\"a directory, not a XenStore socket or device\"", "\"not a XenStore socket or device\"", "expr",
     "endpoint: a directory is not named as one in the error"),
    (N, "runDirectory.TrimEnd('/') + \"/socket\"", "runDirectory + \"/socket\"", "expr",
     "candidates: XENSTORED_RUNDIR's trailing slash is kept ('//socket')"),
    (N, "candidate.Length == 0", "false", "expr",
     "open: an empty XENSTORED_PATH is examined as a path instead of explained"),
    (N, "exception.SocketErrorCode == SocketError.ConnectionRefused", "false", "expr",
     "open: a stale socket's refusal is not explained"),
    (U, "Math.Min(pause.Ticks * 2, LongestRetryPause.Ticks)", "pause.Ticks * 2", "expr",
     "connect: the pause between tries grows past its cap"),
    (U, "exception.SocketErrorCode == SocketError.WouldBlock", "false", "expr",
     "connect: a full listen queue fails the connect instead of being waited for"),
    # Listening path
    (L, "(status.Mode & TypeMask) != SocketType", "false", "expr",
     "claim: a file that is not a socket is treated as a stale socket"),
    (L, "IsServed(path)", "false", "expr",
     "claim: a live server's socket is removed"),
    (L, "exception.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress or SocketError.AlreadyInProgress",
     "exception.SocketErrorCode is SocketError.InProgress or SocketError.AlreadyInProgress", "expr",
     "claim: a live server with a full backlog (EAGAIN) is taken for a stale one"),
    (L, "directory is null || Directory.Exists(directory)", "true", "expr",
     "claim: a missing directory is not reported"),
    # Domain requests
    (D, "domid == DomainIdSelf || state.Domains.IsIntroduced(domid)", "state.Domains.IsIntroduced(domid)", "expr",
     "IS_DOMAIN_INTRODUCED: DOMID_SELF is not always introduced"),
    (D, "AtoiArgument.Parse(port) == 0", "false", "expr",
     "INTRODUCE: a zero event channel is accepted"),
    (D, "domid != 0", "true", "expr",
     "INTRODUCE: dom0's connections are reset too"),
    (D, "if (domid == 0)\n        {\n            return XenStoreErrors.InvalidArgument;\n        }", "", "stmt",
     "RELEASE/RESUME: dom0 is not refused"),
    # Path and permission rules
    (P, "width < 5", "width <= 5", "expr",
     "path: a six-digit home component is read as a domain's home (sscanf's %5u stops at five)"),
    (P, "if (path[^1] == '/' || path.Contains(\"//\", StringComparison.Ordinal))\n        {\n            return false;\n        }",
     "if (path.Contains(\"//\", StringComparison.Ordinal))\n        {\n            return false;\n        }", "stmt",
     "path: a trailing slash is accepted"),
    (P, "slash == 0 ? \"/\" : path[..slash]", "path[..slash]", "expr",
     "Parent: a top-level node's parent is '' instead of '/'"),
    (P, "path.Length - position - 1", "path.Length - position", "expr",
     "path: the relative length below a domain's home is counted one too long"),
    (P, "digits > 0 && position < path.Length", "position < path.Length", "expr",
     "path: a sign without digits is read as a domain's home"),
    (Q, "signed >= 0", "signed > 0", "expr",
     "permission: 'r-0' is accepted"),
    (Q, "unchecked((int)DomainId)", "DomainId", "expr",
     "permission: an id from 2^31 up is written unsigned, not as C's %i"),
]

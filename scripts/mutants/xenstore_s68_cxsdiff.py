# Mutants of the embedded XenStore server's answers that only the differential test against the real
# C xenstored 4.17 kills (CXenstoredDifferentialTests: the same request sequences sent to both, as dom0
# and as a guest over its ring, transcripts compared), and of session 68's fix found by it (a record
# refused by the node-size quota in a guest's transaction fails the transaction, ENOMEM at the commit).
# CANDIDATES
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-class", "GuestAgent.XenStore.Tests.Conformance.CXenstoredDifferentialTests"]
SWITCH_NS = "GuestAgent.XenStore.MutantSwitchesS68Cxsdiff"
SWITCH_DIR = "src/Agent"
S = "src/Agent/XenStore/Server/SessionRequests.cs"
D = "src/Agent/XenStore/Server/RequestDispatcher.cs"
N = "src/Agent/XenStore/Server/NodeOperations.cs"
C = "src/Agent/XenStore/Server/DirectoryChunks.cs"
W = "src/Agent/XenStore/Server/WatchRegistry.cs"
M = "src/Agent/XenStore/Server/DomainRequests.cs"
MUTANTS = [
    (D, "operations.RefusedRecord", "false", "expr",
     "fix: a refused record leaves the transaction able to commit"),
    (N, "RefusedRecord |= refused;", "", "stmt",
     "fix: a refused record not noted"),
    (S, "reply.Send(Ok);\n        WatchRegistry.SendInitialEvent(watch);", "WatchRegistry.SendInitialEvent(watch);\n        reply.Send(Ok);", "stmt",
     "the initial watch event before the WATCH reply"),
    (S, "id.ToString(CultureInfo.InvariantCulture) + \"\\0\"", "id.ToString(CultureInfo.InvariantCulture)", "expr",
     "TRANSACTION_START's id without its NUL"),
    (S, "connection.Transactions.ContainsKey(reply.Header.TransactionId) ? XenStoreErrors.Busy : XenStoreErrors.NotFound", "XenStoreErrors.NotFound", "expr",
     "a nested TRANSACTION_START answered ENOENT, not EBUSY"),
    (S, "removed || connection.EmulatesDevice ? Send(reply, Ok) : XenStoreErrors.NotFound", "Send(reply, Ok)", "expr",
     "UNWATCH of a watch not held answered OK"),
    (W, "change.Path[prefix.Length..]", "change.Path", "expr",
     "a relative watch's events with absolute paths"),
    (W, "MayRead(watcher, change.Permissions)", "true", "expr",
     "a guest hears of changes to nodes it may not read"),
    (S, "state.Watches.CountFor(connection.Identity.DomainId) > state.Options.MaxWatchesPerDomain", "state.Watches.CountFor(connection.Identity.DomainId) >= state.Options.MaxWatchesPerDomain", "expr",
     "the watch quota one lower than C's"),
    (S, "connection.Transactions.Count > state.Options.MaxTransactionsPerConnection", "connection.Transactions.Count >= state.Options.MaxTransactionsPerConnection", "expr",
     "the transaction quota one lower than C's"),
    (N, "!caller.IsPrivileged && entries > options.MaxPermissionsPerNode", "!caller.IsPrivileged && entries >= options.MaxPermissionsPerNode", "expr",
     "the permission-entry quota one lower than C's"),
    (N, "missing == XenStoreErrors.NotFound && parent is not null ? null : missing", "missing", "expr",
     "RM of an absent node under an existing parent answered ENOENT"),
    (C, "node.Generation.ToString(CultureInfo.InvariantCulture) + \"\\0\"", "\"0\\0\"", "expr",
     "DIRECTORY_PART's generation always 0"),
    (M, "domid == DomainIdSelf || state.Domains.IsIntroduced(domid) ? \"T\\0\"u8.ToArray() : \"F\\0\"u8.ToArray()", "domid == DomainIdSelf || state.Domains.IsIntroduced(domid) ? \"T\"u8.ToArray() : \"F\"u8.ToArray()", "expr",
     "IS_DOMAIN_INTRODUCED's answer without its NUL"),
    (S, "state.EndSession(reply.Connection);", "", "stmt",
     "RESET_WATCHES keeps the watches"),
]
R = "src/Agent/XenStore/Server/Reply.cs"
MUTANTS += [
    (R, "Header.TransactionId", "0u", "expr",
     "an ERROR reply's header without the request's transaction id", "Header.RequestId, Header.TransactionId, Encoding"),
    (R, "Connection.Send(XenStoreMessage.Encode(Header.Type, Header.RequestId, Header.TransactionId, payload));", "Connection.Send(XenStoreMessage.Encode(Header.Type, Header.RequestId, 0, payload));", "stmt",
     "a success reply's header without the request's transaction id"),
    (D, "\"OK\\0\"u8.ToArray()", "\"OK\"u8.ToArray()", "expr",
     "a node request's OK without its NUL"),
    (S, "\"OK\\0\"u8.ToArray()", "\"OK\"u8.ToArray()", "expr",
     "WATCH's, UNWATCH's, TRANSACTION_END's and RESET_WATCHES' OK without its NUL"),
    (C, "[.. prefix, 0]", "[.. prefix]", "expr",
     "DIRECTORY_PART past the end without the list's closing NUL"),
    (W, "connection.Send(XenStoreMessage.Encode(XenStoreMessageType.WatchEvent, 0, 0, payload));", "connection.Send(XenStoreMessage.Encode(XenStoreMessageType.WatchEvent, 1, 0, payload));", "stmt",
     "a watch event's header with a request id"),
    (S, "XenStoreErrors.NotImplemented", "XenStoreErrors.InvalidArgument", "expr",
     "an unknown request type answered EINVAL, not ENOSYS", "_ => XenStoreErrors.NotImplemented"),
]
MUTANTS += [
    (M, "var answered = Send(reply, Ok);\n        DomainRelease.Apply(state, domid);\n        return answered;", "DomainRelease.Apply(state, domid);\n        return Send(reply, Ok);", "stmt",
     "fix: RELEASE answered after the removals' events and @releaseDomain"),
    (M, "XenStorePath.DomainHome(AtoiArgument.Parse(text)) + \"\\0\"", "XenStorePath.DomainHome(AtoiArgument.Parse(text))", "expr",
     "GET_DOMAIN_PATH's answer without its NUL"),
    (C, "XenStoreLimits.PayloadMax - prefix.Length - 1", "XenStoreLimits.PayloadMax - prefix.Length - 2", "expr",
     "DIRECTORY_PART's chunks a byte shorter than C's"),
]
MUTANTS += [
    (S, "state.EndSession(reply.Connection);", "state.Watches.RemoveAll(reply.Connection);", "stmt",
     "RESET_WATCHES keeps the connection's transactions"),
]

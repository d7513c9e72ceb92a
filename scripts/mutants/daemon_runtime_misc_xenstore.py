# daemon_runtime_misc's XenStore part (tests/Agent.XenStore.Tests; the batch builds one test project).
# Run: scripts/mutants/mutate.py scripts/mutants/daemon_runtime_misc_xenstore.py
# OUTCOME-PLACEHOLDER
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-class", "*NodeSizeQuotaTests", "-class", "*GuestAccessRuleTests", "-class", "*DomainPermissionTests",
             "-class", "*ServerRulesTests", "-class", "*TransactionNodeQuotaTests", "-class", "*QueuedOutputCapTests",
             "-class", "*WatchRegistryTests", "-class", "*DuplicateEventTests", "-class", "*CommitRepeatedChangeEventTests",
             "-class", "*CommitEventOrderTests", "-class", "*WatchEventOrderTests", "-class", "*DomainRequestTests",
             "-class", "*PermissionArgumentTests", "-class", "*CliConformanceTests", "-class", "*PyxsConformanceTests",
             "-class", "*XenStoreClientTests", "-class", "*MalformedReplyTests", "-class", "*LongRequestIdLogTests",
             "-class", "*XenStoreExchangeQuotaTests", "-class", "*SweepUnderQuotaTests", "-class", "*ClientWatchTests",
             "-class", "*SlowReaderTests", "-class", "*DefaultQuotaTests", "-class", "*ErrorReplyExceptionTests",
             "-class", "*PrivilegedDomainTests"]
SWITCH_NS = "GuestAgent.XenStore.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
XO = "src/Agent/XenStore/Server/XenStoreServerOptions.cs"
XE = "src/Agent/XenStore/XenStoreErrorException.cs"
XI = "src/Agent/XenStore/Server/XenStoreIdentity.cs"
EB = "src/Agent/XenStore/Server/EventBatch.cs"
PM = "src/Agent/Protocol/ProtocolMessages.cs"
MUTANTS = [
    # XenStoreServerOptions: C xenstored 4.17's defaults (the numbers also occur in the comments,
    # hence the sixth element, the initializer around each)
    (XO, "1000", "1001", "expr", "options: 1001 nodes a domain by default (C: 1000)", "MaxNodesPerDomain { get; init; } = 1000;"),
    (XO, "2048", "4096", "expr", "options: node records up to 4096 bytes by default (C: 2048)", "MaxNodeSize { get; init; } = 2048;"),
    (XO, "128", "127", "expr", "options: 127 watches a domain by default (C: 128)", "MaxWatchesPerDomain { get; init; } = 128;"),
    (XO, "10", "9", "expr", "options: 9 transactions a connection by default (C: 10)", "MaxTransactionsPerConnection { get; init; } = 10;"),
    (XO, "1024", "1000", "expr", "options: 1000 nodes a transaction by default (C: 1024)", "MaxNodesPerTransaction { get; init; } = 1024;"),
    (XO, "5", "6", "expr", "options: 6 permission entries by default (C: 5)", "MaxPermissionsPerNode { get; init; } = 5;"),
    (XO, "DefaultMaxQueuedBytesPerConnection", "MinQueuedBytesPerConnection * 4", "expr",
     "options: the output cap 16 KiB by default (16 MiB)", "MaxQueuedBytesPerConnection { get; init; } = DefaultMaxQueuedBytesPerConnection;"),
    # XenStoreErrorException
    (XE, "$\"XenStore {requestType} failed: {errorName}\"", "$\"XenStore {requestType} failed\"", "expr",
     "error: a pathless request's message without the error name"),
    (XE, "Protocol.HostTextForLog.Cap(path)", "path", "expr",
     "error: the message quotes the whole path (2 KB of host text in a log line)"),
    (XE, "ErrorName = errorName;", "ErrorName = XenStoreErrors.InvalidArgument;", "stmt",
     "error: every error named EINVAL"),
    (XE, "RequestType = requestType;", "RequestType = XenStoreMessageType.Invalid;", "stmt",
     "error: the request type lost"),
    (XE, "Path = path;", "Path = path is null ? null : Protocol.HostTextForLog.Cap(path);", "stmt",
     "error: Path capped too (the caller loses the whole path)"),
    (XE, "XenStoreErrors.IsKnown(ErrorName)", "ErrorName.StartsWith('E')", "expr",
     "error: any E-name counts as known (EQUOTA too)"),
    # XenStoreIdentity
    (XI, "DomainId == 0", "DomainId == 0 || DomainId == 0x7FF0", "expr",
     "identity: DOMID_SELF (0x7ff0) privileged too"),
    (XI, "XenStorePath.DomainHome(DomainId)", "XenStorePath.DomainHome(0)", "expr",
     "identity: every home is dom0's"),
    # EventBatch
    (EB, "(_queued ??= []).Add((connection, path, token))", "true", "expr",
     "event batch: no duplicate dropped"),
    (EB, "(connection, path, token)", "(connection, path, string.Empty)", "expr",
     "event batch: two tokens on one path fire once (the token left out of the key)"),
    (EB, "(_queued ??= [])", "(_queued = [])", "expr",
     "event batch: a fresh set for every event (no duplicate dropped)"),
    # ProtocolMessages.ResponseRefused (its callers are XenStoreExchange's)
    (PM, "$\"The response ({bytes} bytes) was too large for XenStore, which refused it with {error}\"",
     "$\"The response ({bytes} bytes) was too large for XenStore\"", "expr",
     "messages: a refused response's answer without the store's error"),
]

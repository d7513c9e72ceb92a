# daemon_runtime_misc's XenStore part (tests/Agent.XenStore.Tests; a batch builds one test project):
# the server's default limits (XenStoreServerOptions), XenStoreErrorException, XenStoreIdentity,
# EventBatch, and ProtocolMessages.ResponseRefused (its callers are XenStoreExchange's).
# Run: scripts/mutants/mutate.py scripts/mutants/daemon_runtime_misc_xenstore.py
# About 12 minutes on two shared cores (a build, some 20 s a mutant; 10 waits out TIMEOUT).
#
# Not mutated: XenStoreMessageType's numbers (enum constants, which a switch cannot stand in for):
# MessageNumberTests reads them against the message table of docs/specs/xenstore-protocol.md and the
# table pyxs sends by. The two constants of XenStoreServerOptions (DefaultMaxQueuedBytesPerConnection,
# MinQueuedBytesPerConnection) likewise; 7 mutates the default where it is used, and QueuedOutputCapTests
# checks the least value. The defaults' numbers also occur in the comments: the sixth element names
# the initializer around each.
#
# Outcome (session 20, 2026-11-30): 19 mutants, all killed; none equivalent, no bug found. First run:
# 12/19 killed. The 7 survivors were test gaps (every quota test set its own, lower, quota), each
# killed by a test added with this batch (re-run: all 7):
#   1, 3, 4  DefaultQuotaTests, a server with no options: a guest fills its 1000 nodes with the Xen
#          project's xenstore-write (one run, many pairs) and the next write fails (ENOSPC through the
#          client too); 129 watches and not 130 (E2BIG); 11 transactions and not 12 (ENOSPC)
#   7      SlowReaderTests (added to the classes): the default 16 MiB output cap
#   8      DefaultQuotaTests: the 12th TRANSACTION_START's message, "XenStore TransactionStart failed: ENOSPC"
#   12     ErrorReplyExceptionTests: a real ENOENT for a 1500-character path keeps the whole path in
#          Path, quotes it capped in the message
#   14     PrivilegedDomainTests: domains 1, 0x7fef and Xen's reserved 0x7ff0-0x7ff2 are refused at /
# Killed by TIMEOUT in the batch: 10 (every error named EINVAL; a client waiting for ENOENT) and 15
# (every home dom0's; another test's wait hangs first: run alone, PrivilegedDomainTests'
# A_guests_relative_paths_resolve_in_its_own_home fails at once).
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

# Mutants of the XenStore server's commit and transaction-node quota (session 14): who hears of a
# commit's watch events (entries at the transaction's first access, the node and its parent as
# committed so far, nodes committed and fired in first-access order), the record kept at first
# access and its revision when a domain is released, the guest's transaction-node quota (ENOSPC past
# it, ENOMEM at commit, dom0 unlimited) and the output high-water test hook.
# Run: scripts/mutants/mutate.py scripts/mutants/xenstore_commit.py
# Outcome (session 14): 31 killed of 31. Before this batch's tests, 8 survived: the quota off by one
# and a node already recorded refused at the quota (the tests allowed a range), a removed node heard of
# through its parent and a grant made in the transaction unheard (no test had either case), the
# first-access entries not revised at a release or recorded with entries that no longer count, and a
# written node later removed with its parent firing exact watches only (C's queue_watches: an exact
# event never replaces a recursive one). Killed by TransactionNodeQuotaTests' exact count,
# CommitEventPermissionTests' removed-node and grant cases, DomainReleaseTests' two first-access
# tests and CommitEventOrderTests' written-then-removed case. Later in session 14 (fix-xs): mutant 10
# added (a request refused for the quota keeping its changes in the transaction's view), killed by
# TransactionNodeQuotaTests' refused write and removal; mutants 1, 10 and 21 re-run: all killed.
# Session 15 (xs-txn-events): a transaction keeps one entry per changed node (StoreTransaction.
# WatchesToFire) instead of one event per change; mutants 25-27 rewritten for that code and 30-33
# added (a node's exactness decided by its last or its first change instead of all of them, nothing
# recorded, a refused request's changes recorded). Run: 25, 26, 27, 30, 31, 32, 33: 7 killed of 7,
# by CommitEventOrderTests, CommitRepeatedChangeEventTests (written with this change, before the
# code), ServerRulesTests and TransactionNodeQuotaTests' refused-request test. The other mutants'
# texts are unchanged and were not re-run.
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-namespace", "GuestAgent.XenStore.Tests.Server"]
SWITCH_NS = "GuestAgent.XenStore.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 120
T = "src/Agent/XenStore/Server/NodeTree.cs"
F = "src/Agent/XenStore/Server/ServerState.cs"
S = "src/Agent/XenStore/Server/SessionRequests.cs"
D = "src/Agent/XenStore/Server/RequestDispatcher.cs"
Q = "src/Agent/XenStore/Server/StoreTransaction.cs"
R = "src/Agent/XenStore/Server/DomainRelease.cs"
C = "src/Agent/XenStore/Server/ServerConnection.cs"
X = "src/Agent/XenStore/Server/XenStoreServer.cs"
MUTANTS = [
    # The transaction-node quota
    (T, "Accessed.Count >= AccessLimit", "Accessed.Count > AccessLimit", "expr",
     "quota: one node more than the quota recorded"),
    (T, "!Accessed.ContainsKey(path)", "true", "expr",
     "quota: a node already recorded is refused once the quota is reached"),
    (T, "RefusedAccesses++;", "", "stmt",
     "quota: an access past the quota not counted (no ENOSPC, nothing recorded)"),
    (S, "connection.Identity.IsPrivileged ? null : state.Options.MaxNodesPerTransaction", "(int?)state.Options.MaxNodesPerTransaction", "expr",
     "quota: dom0's transactions limited too"),
    (S, "connection.Identity.IsPrivileged ? null : state.Options.MaxNodesPerTransaction", "connection.Identity.IsPrivileged ? null : (int?)1024", "expr",
     "quota: the server's option ignored (always 1024)"),
    (D, "tree.RefusedAccesses != refusedBefore", "false", "expr",
     "quota: a request past the quota answers as if nothing happened"),
    (D, "transaction!.Failed = true;", "", "stmt",
     "quota: the transaction is not marked failed (it commits what it could record)"),
    (D, "error = XenStoreErrors.NoSpace;", "error = XenStoreErrors.AccessDenied;", "stmt",
     "quota: past it the answer is EACCES, not ENOSPC"),
    (D, "error = XenStoreErrors.NoSpace;", "error ??= XenStoreErrors.NoSpace;", "stmt",
     "quota: a request's own error (ENOENT) wins over ENOSPC"),
    (D, "tree.Restore(before);", "", "stmt",
     "quota: a refused request's changes stay in the transaction's view (a refused write lists its node)"),
    (S, "if (transaction.Failed)\n        {\n            return XenStoreErrors.OutOfMemory;\n        }", "", "stmt",
     "quota: a failed transaction commits"),
    (S, "return XenStoreErrors.OutOfMemory;", "return XenStoreErrors.NoSpace;", "stmt",
     "quota: a failed transaction's commit answers ENOSPC, not ENOMEM"),
    (S, "argument == \"F\"", "argument == \"F\" && !transaction.Failed", "expr",
     "quota: a failed transaction cannot even be aborted"),
    # The record at first access
    (T, "_firstPermissions![path] = node.Honoured;", "", "stmt",
     "first access: the node's entries not recorded"),
    (T, "_firstPermissions![path] = node.Honoured;", "_firstPermissions![path] = node.Permissions;", "stmt",
     "first access: entries naming domains that do not exist recorded as counting"),
    (T, "_accessed!.Add(path);", "_accessed!.Insert(0, path);", "stmt",
     "first access: the order kept backwards (the commit fires and copies last-accessed first)"),
    (T, "_firstPermissions![path] = revise(permissions);", "", "stmt",
     "release: the first-access entries of open transactions not revised"),
    (R, "transaction.Tree.ReviseFirstAccessPermissions(entries => Honoured(state.Domains, entries));", "", "stmt",
     "release: open transactions' first-access entries still name the released domain"),
    # The commit's events
    (F, "node is null && atFirstAccess.IsDefaultOrEmpty", "false", "expr",
     "commit: a node created and removed in the transaction fires (for dom0)"),
    (F, "node is null && atFirstAccess.IsDefaultOrEmpty", "node is null", "expr",
     "commit: a removed node fires for nobody"),
    (F, "node is not null && XenStorePath.Parent(path) is { } parentPath ? Tree.Get(parentPath) : null", "XenStorePath.Parent(path) is { } anyParentPath ? Tree.Get(anyParentPath) : null", "expr",
     "commit: a removed node's parent counts (C looks the parent up only for a node that exists)"),
    (F, "new StoreEvent(path, exactOnly, node?.Honoured ?? ImmutableArray<XenStorePermission>.Empty, atFirstAccess, parentPermissions)",
     "new StoreEvent(path, exactOnly, atFirstAccess, atFirstAccess, parentPermissions)", "expr",
     "commit: the node's entries as committed do not count (a grant in the transaction unheard)"),
    (F, "new StoreEvent(path, exactOnly, node?.Honoured ?? ImmutableArray<XenStorePermission>.Empty, atFirstAccess, parentPermissions)",
     "new StoreEvent(path, exactOnly, node?.Honoured ?? ImmutableArray<XenStorePermission>.Empty, node?.Honoured ?? ImmutableArray<XenStorePermission>.Empty, parentPermissions)", "expr",
     "commit: the entries at first access do not count (a revoked reader unheard)"),
    (F, "parent?.Honoured ?? ImmutableArray<XenStorePermission>.Empty", "ImmutableArray<XenStorePermission>.Empty", "expr",
     "commit: the parent's entries do not count"),
    (Q, "known ? exactOnly && change.ExactOnly : change.ExactOnly", "false", "expr",
     "commit: a removed subtree's descendants fire recursive watches (not exact ones only)"),
    (Q, "known ? exactOnly && change.ExactOnly : change.ExactOnly", "known ? exactOnly || change.ExactOnly : change.ExactOnly", "expr",
     "commit: a node both changed and under a removed subtree fires exact watches only"),
    (S, "transaction.Tree.Modified!.Contains(path)", "transaction.Tree.Modified!.Contains(path) && transaction.WatchesToFire.ContainsKey(path)", "expr",
     "commit: a node modified without an event of its own (a parent's child list) is not copied"),
    (S, "state.FireCommitted(path, exactOnly, transaction.Tree.PermissionsAtFirstAccess(path), batch);",
     "state.FireCommitted(path, exactOnly, default, batch);", "stmt",
     "commit: the first-access record ignored"),
    (S, "new EventBatch()", "((System.Func<EventBatch>)(() => { foreach (var copied in transaction.Tree.Modified!) { state.Tree.CopyFrom(transaction.Tree, copied); } return new EventBatch(); }))()", "expr",
     "commit: every node copied before any fires (the parent checked as committed, not as before)"),
    # One entry per node in the transaction's queue (session 15, xs-txn-events)
    (Q, "known ? exactOnly && change.ExactOnly : change.ExactOnly", "change.ExactOnly", "expr",
     "queue: a node's last change decides its exactness (a removal as a descendant after a write)"),
    (Q, "known ? exactOnly && change.ExactOnly : change.ExactOnly", "known ? exactOnly : change.ExactOnly", "expr",
     "queue: a node's first change decides its exactness (a write after a removal as a descendant)"),
    (D, "transaction?.Record(events);", "", "stmt",
     "queue: a transaction's changes never recorded (its commit fires nothing)"),
    (D, "transaction!.Failed = true;", "transaction!.Failed = true; transaction!.Record(events);", "stmt",
     "queue: a request refused for the quota still records its events"),
    # The output high-water test hook
    (C, "_highWater?.Observe(queuedBytes);", "_highWater?.Observe(wire.Length);", "stmt",
     "high water: one message's size observed, not the bytes queued"),
    (C, "_highWater?.Observe(queuedBytes);", "", "stmt",
     "high water: never observed"),
    (X, "_outputHighWater = outputHighWater;", "", "stmt",
     "high water: the observer handed to the server is dropped"),
]

# Mutants of the embedded XenStore server's permission checks and guest quotas: a check skipped,
# a quota off by one, a record size miscounted.
# Session 67: the commit's node-quota mutant retargeted to its ">=" (C xenstored 4.17 refuses a net
# growth that reaches the quota; xenstore_s67_txquota.py has that change's own mutants); rerun: killed.
# Run: scripts/mutants/mutate.py scripts/mutants/xenstore_server.py
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-namespace", "GuestAgent.XenStore.Tests.Server"]
SWITCH_NS = "GuestAgent.XenStore.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 60
C = "src/Agent/XenStore/Server/PermissionChecker.cs"
N = "src/Agent/XenStore/Server/NodeOperations.cs"
S = "src/Agent/XenStore/Server/SessionRequests.cs"
R = "src/Agent/XenStore/Server/StoreNode.cs"
MUTANTS = [
    (C, "caller.IsPrivileged || permissions[0].DomainId == caller.DomainId", "caller.IsPrivileged", "expr",
     "the owner gets only the default access, not full access"),
    (C, "return permissions[i].Access;", "return permissions[i].Access | permissions[0].Access;", "stmt",
     "a listed domain's access is widened by the default entry"),
    (C, "AccessFor(caller, node.Honoured)", "AccessFor(caller, node.Permissions)", "expr",
     "entries for domains that do not exist are honoured"),
    (C, "(AccessFor(caller, ancestor.Honoured) & wanted) != 0 ? XenStoreErrors.NotFound : XenStoreErrors.AccessDenied", "XenStoreErrors.NotFound", "expr",
     "a missing node under an unreadable parent is ENOENT (existence leaks)"),
    (N, "PermissionChecker.Allows(caller, node, XenStoreAccess.Read) ? null : XenStoreErrors.AccessDenied", "null", "expr",
     "read: no read permission check"),
    (N, "if (!PermissionChecker.Allows(caller, node, XenStoreAccess.Write))\n        {\n            return XenStoreErrors.AccessDenied;\n        }", "", "stmt",
     "write of an existing node: no write permission check"),
    (N, "PermissionChecker.Allows(caller, node, XenStoreAccess.Write) ? null : XenStoreErrors.AccessDenied", "null", "expr",
     "mkdir of an existing node: no write permission check"),
    (N, "node is not null && !PermissionChecker.Allows(caller, node, XenStoreAccess.Write)", "false", "expr",
     "rm of an existing node: no write permission check"),
    (N, "missing == XenStoreErrors.NotFound && parent is not null ? null : missing", "null", "expr",
     "rm of an absent node always succeeds"),
    (N, "entries > options.MaxPermissionsPerNode", "entries > options.MaxPermissionsPerNode + 1", "expr",
     "set_perms: one entry over the entry quota accepted"),
    (N, "(!caller.IsPrivileged && node.Owner != caller.DomainId)", "false", "expr",
     "set_perms: a guest with write access but not owner may change permissions"),
    (N, "!caller.IsPrivileged && permissions[0].DomainId != node.Owner", "false", "expr",
     "set_perms: a guest may give its node to another domain"),
    (N, "if (OverSize(updated.RecordSize))\n        {\n            return XenStoreErrors.NoSpace;\n        }\n\n        tree.Set(path, updated);\n        events.Add(new StoreEvent(path, false, updated.Honoured, node.Honoured));\n        return null;",
     "tree.Set(path, updated);\n        events.Add(new StoreEvent(path, false, updated.Honoured, node.Honoured));\n        return null;", "stmt",
     "set_perms: no node-size check"),
    (N, "tree.OwnedBy(caller.DomainId) + missing.Count > options.MaxNodesPerDomain", "tree.OwnedBy(caller.DomainId) + 1 > options.MaxNodesPerDomain", "expr",
     "create: the node quota counts one node for a write that creates missing parents too"),
    (N, "new XenStorePermission(permissions[0].Access, caller.DomainId)", "permissions[0]", "expr",
     "create: a guest's new node keeps the parent's owner"),
    (N, "recordSize >= options.MaxNodeSize", "recordSize > options.MaxNodeSize", "expr",
     "node size: a record of exactly the limit accepted"),
    (N, "existing.RecordSize + StoreNode.ChildNameBytes(XenStorePath.Name(missing[0]))", "existing.RecordSize", "expr",
     "create: the parent's growth by the new name is not checked"),
    (N, "i < missing.Count - 1", "i < missing.Count - 2", "expr",
     "create: the last intermediate parent's record is not checked"),
    (S, "state.Watches.CountFor(connection.Identity.DomainId) > state.Options.MaxWatchesPerDomain", "state.Watches.CountFor(connection.Identity.DomainId) > state.Options.MaxWatchesPerDomain + 1", "expr",
     "watch: one watch more than C xenstored accepted"),
    (S, "connection.Transactions.Count > state.Options.MaxTransactionsPerConnection", "connection.Transactions.Count > state.Options.MaxTransactionsPerConnection + 1", "expr",
     "transaction_start: one transaction more than C xenstored accepted"),
    (S, "state.Tree.OwnedBy(identity.DomainId) + growth >= state.Options.MaxNodesPerDomain", "growth >= state.Options.MaxNodesPerDomain", "expr",
     "commit: the node quota ignores the nodes already owned"),
    (R, "Encoding.UTF8.GetByteCount(child) + 1", "Encoding.UTF8.GetByteCount(child)", "expr",
     "record size: a child name's NUL not counted"),
]

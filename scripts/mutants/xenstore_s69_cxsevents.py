# Mutants of the embedded XenStore server's answers that session 69's new rows of the differential test
# against the real C xenstored 4.17 cover (CXenstoredDifferentialTests: guest-special-owner,
# guest-watch-forms, node-names, guest-inherit, event-edges, guest-event-edges): a guest that owns a
# special path may set its entries (set_perms_special asks for write and owner access, which the owner
# has), the entries set are the ones events are filtered by, a watch's duplicate and UNWATCH compare
# the canonical path (a relative watch is the absolute one), the node-name characters (letters, digits,
# - / _ @; no dot), and a node an unprivileged domain creates belongs to it. Session 69 changed no
# server code: its defects were in the harness (WireScript's settle) and C's own (docs/xenstore.md).
# Outcome (session 69): 8 of 8 killed by CXenstoredDifferentialTests (run from a clone of the branch, CI=true,
# the class about 3 s a run). Mutant 4 survived the first run: the rows had the absolute form after the
# relative one only, which the path as sent matches too; guest-watch-forms' WATCH ~ r; WATCH ^ r kills it.
# Against the rest of tests/Agent.XenStore.Tests (-class- the differential class, about 40 s a run) 7 of 8
# were killed too (SpecialPathEventTests, GuestAccessRuleTests, InvalidPathTests, WireFormatTests...);
# mutant 4 survived there: only the differential row pins a relative watch's EEXIST after its absolute form.
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-class", "GuestAgent.XenStore.Tests.Conformance.CXenstoredDifferentialTests"]
SWITCH_NS = "GuestAgent.XenStore.MutantSwitchesS69Cxsevents"
SWITCH_DIR = "src/Agent"
S = "src/Agent/XenStore/Server/SessionRequests.cs"
T = "src/Agent/XenStore/Server/ServerState.cs"
P = "src/Agent/XenStore/Wire/XenStorePath.cs"
N = "src/Agent/XenStore/Server/NodeOperations.cs"
MUTANTS = [
    (S, "!caller.IsPrivileged && current[0].DomainId != caller.DomainId", "!caller.IsPrivileged", "expr",
     "a guest that owns @introduceDomain refused its SET_PERMS (EACCES)"),
    (S, "state.SpecialPermissions[path] = state.Domains.Honoured(permissions);", "", "stmt",
     "a special path's SET_PERMS answered OK and not applied"),
    (T, "change with { Permissions = SpecialPermissions.GetValueOrDefault(change.Path) }", "change", "expr",
     "a special path's events not filtered by its entries"),
    (S, "state.Watches.Contains(connection, resolved, token)", "state.Watches.Contains(connection, path, token)", "expr",
     "a watch's duplicate found by the path as sent: a relative watch after its absolute form registered twice"),
    (S, "state.Watches.Remove(connection, resolved, token)", "state.Watches.Remove(connection, path, token)", "expr",
     "UNWATCH finds a watch by the path as sent: a relative UNWATCH of an absolute watch not found"),
    (P, "c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '/' or '_' or '@'", "c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '/' or '_'", "expr",
     "'@' inside a node name refused"),
    (P, "c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '/' or '_' or '@'", "c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '/' or '_' or '@' or '.'", "expr",
     "'.' taken in a node name"),
    (N, "permissions = permissions.SetItem(0, new XenStorePermission(permissions[0].Access, caller.DomainId));", "", "stmt",
     "a node a guest creates keeps its parent's owner"),
]

# Session 57: the XenStore server's differences left from session 56 and a short further hunt
# against C xenstored 4.17 and the Linux xenbus device: on the emulated device an unknown transaction
# id is ENOENT before ENOSYS or EACCES (the kernel's xenbus_write_transaction), WATCH and UNWATCH there
# ignore strings after the token (xenbus_write_watch); SET_PERMS refuses an owner that does not exist
# before it looks at the path (do_set_perms); and the special paths' events: exact matches only (a
# watch on / hears none) and only for watchers their entries let read (check_perms_special).
# Run: scripts/mutants/mutate.py scripts/mutants/xenstore_s57_leftovers.py
# Outcome (session 57): 8 of 9 killed (DeviceTransactionIdTests, DeviceEmulationTests,
# TransactionIdLookupTests, RequestReadingTests, SpecialPathEventTests). 8 (a special path's event
# matching watches on its ancestors) survives as an equivalent mutant: both special events are made
# ExactOnly (DomainRequests.Introduce, DomainRelease), so the IsSpecial clause changes nothing today;
# SpecialPathEventTests' watch on / would catch an inexact one.
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-class", "*.DeviceTransactionIdTests", "-class", "*.DeviceEmulationTests", "-class", "*.TransactionIdLookupTests",
             "-class", "*.RequestReadingTests", "-class", "*.SpecialPathEventTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
D = "src/Agent/XenStore/Server/DeviceQuirks.cs"
R = "src/Agent/XenStore/Server/RequestDispatcher.cs"
S = "src/Agent/XenStore/Server/SessionRequests.cs"
T = "src/Agent/XenStore/Server/ServerState.cs"
W = "src/Agent/XenStore/Server/WatchRegistry.cs"
MUTANTS = [
    (R, "DeviceQuirks.AnswersUnknownTransaction(reply.Connection, reply.Header)", "false", "expr",
     "the device's ENOENT for an unknown transaction id left to xenstored's order (ENOSYS, EACCES first)"),
    (D, "connection.EmulatesDevice", "true", "expr",
     "a socket connection answered ENOENT for an unknown transaction id before ENOSYS and EACCES too"),
    (D, "header.Type is not (XenStoreMessageType.Watch or XenStoreMessageType.Unwatch or XenStoreMessageType.TransactionStart)",
     "header.Type is not (XenStoreMessageType.Unwatch or XenStoreMessageType.TransactionStart)", "expr",
     "a device WATCH under a transaction id refused, which the kernel answers itself"),
    (D, "!connection.Transactions.ContainsKey(header.TransactionId)", "true", "expr",
     "a device request under a transaction its file holds refused ENOENT"),
    (S, "connection.EmulatesDevice && strings.Count > 2", "false", "expr",
     "a device WATCH/UNWATCH with strings after the token refused EINVAL"),
    (S, "connection.EmulatesDevice && strings.Count > 2", "strings.Count > 2", "expr",
     "a socket WATCH/UNWATCH with three strings taken"),
    (R, """if (operations.CheckOwnerExists(list) is { } noOwner)
        {
            return noOwner;
        }""", ";", "stmt", "SET_PERMS checks the path before an owner that does not exist"),
    (W, "!change.ExactOnly && !XenStorePath.IsSpecial(change.Path)", "!change.ExactOnly", "expr",
     "a special path's event fires watches on / too"),
    (T, "change with { Permissions = SpecialPermissions.GetValueOrDefault(change.Path) }", "change", "expr",
     "a special path's event filtered without its entries (a guest they let read hears nothing)"),
]

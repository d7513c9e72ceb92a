# Mutants of session 70's removal of an answered request when XenStore refuses its transaction for
# quota: C xenstored 4.17 counts transactions per connection, and a guest's ring is one connection
# for every open of /dev/xen/xenbus, so other programs in the guest can hold them all. The answer is
# written; the request is then read, compared and removed without a transaction. Killed by
# CXenstoredGuestTests' A_request_answered_while_other_opens_hold_the_rings_transactions_is_still_removed
# (tests/Agent.Daemon.Tests/EndToEnd), which runs the published daemon as guest 7 of C xenstored (-t 2)
# through scripts/c-xenstored/ringproxy.py --device while another open holds the ring's transactions.
# The batch publishes the mutated daemon (PUBLISH).
# Outcome (session 70): 2 of 2 killed (run from a clone of the branch), both by that test (the request
# still in data/host after its one-minute net).
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-method", "*.A_request_answered_while_other_opens_hold_the_rings_transactions_is_still_removed"]
SWITCH_NS = "GuestAgent.MutantSwitches.RingMux70"
SWITCH_DIR = "src/Agent"
PUBLISH = ("src/Agent.Daemon/Agent.Daemon.csproj", "guest-agent", "GUEST_AGENT_BINARY")
TIMEOUT = 420
R = "src/Agent/Exchanges/XenStoreExchange.RequestRemoval.cs"
MUTANTS = [
    (R, "refused.RequestType == XenStoreMessageType.TransactionStart\n            && refused.ErrorName is XenStoreErrors.NoSpace or XenStoreErrors.Quota",
     "false", "expr",
     "a refused transaction not handled: the answered request left in data/host, logged as not delivered"),
    (R, "current is not null && !replaced", "false", "expr",
     "the request read and compared but never removed"),
]

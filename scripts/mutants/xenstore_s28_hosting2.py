# Mutants of session 28's XenStore loose ends (hosting2): the quiet-XenStore check's lifetime (the
# exchange refusing to start once disposed, the check disposed with it, a connection made again
# watched afresh: its counts never compared with the old connection's, the old spell not said to
# end in an answer), and XenStoreIdentity.Guest refusing domain 0 (dom0, privileged).
# Run: scripts/mutants/mutate.py scripts/mutants/xenstore_s28_hosting2.py
# Outcome (session 28, 2026-12-01): 5 mutants, 5 killed by an assertion (one build, then under a
# second a mutant: the clock is a FakeTimeProvider): 1-4 by QuietCheckLifetimeTests (2 also by the
# live-timer count), 5 by PrivilegedDomainTests. Not here: the check's own reset when it sees the
# connection broken (_warned, _client cleared), which a new connection's reference check makes
# redundant, so no test can tell it is gone (removed in session 29, hosting4; the class stays green).
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-class", "*QuietCheckLifetimeTests", "-class", "*QuietConnectionTests", "-class", "*PrivilegedDomainTests"]
SWITCH_NS = "GuestAgent.XenStore.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 120
Q = "src/Agent/Exchanges/QuietXenStoreCheck.cs"
E = "src/Agent/Exchanges/XenStoreExchange.cs"
I = "src/Agent/XenStore/Server/XenStoreIdentity.cs"
MUTANTS = [
    (E, "ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);", "", "stmt",
     "exchange: started after its disposal, leaving a check whose timer nothing disposes"),
    (E, "_quietCheck?.Dispose();", "", "stmt",
     "exchange: the check not disposed with the exchange (its timer left running)"),
    (Q, "ReferenceEquals(client, _client) && _waiting", "_waiting", "expr",
     "check: a new connection's counts compared with the old connection's (its own warning lost)"),
    (Q, "_warned && ReferenceEquals(client, _client)", "_warned", "expr",
     "check: a spell ended by a reconnect said to end in an answer"),
    (I, "domainId == 0", "false", "expr",
     "identity: Guest(0) accepted, a connection acting as dom0",
     "Guest(uint domainId) => domainId == 0"),
]

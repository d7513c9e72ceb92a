# Session 67: a guest's node quota in a transaction as C xenstored 4.17.7 counts it (observed with
# the real daemon run here under a stand-in for the hypervisor, over a guest's ring): each creation
# in a transaction checked against the nodes the domain owns outside it, as committed (its own
# removals make no room, its creations take none), and the commit refusing a net growth that brings
# the domain to the quota (cnt >= quota), while a removal-only or value-only transaction commits
# even above it.
# Run: scripts/mutants/mutate.py scripts/mutants/xenstore_s67_txquota.py
# Outcome (session 67): 5 of 5 killed (TransactionCreationQuotaTests, DefaultQuotaTests).
# (A mutant checking the creation against the transaction's own view was left out: its text is
# inside mutant 1's, which mutate.py cannot place both of; mutant 2 covers that view.)
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-class", "*.TransactionCreationQuotaTests", "-class", "*.ServerRulesTests", "-class", "*.DefaultQuotaTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
N = "src/Agent/XenStore/Server/NodeOperations.cs"
R = "src/Agent/XenStore/Server/RequestDispatcher.cs"
S = "src/Agent/XenStore/Server/SessionRequests.cs"
MUTANTS = [
    (N, "committed.OwnedBy(caller.DomainId) >= options.MaxNodesPerDomain", "committed.OwnedBy(caller.DomainId) > options.MaxNodesPerDomain", "expr",
     "a creation in a transaction allowed while the nodes owned outside it are at the quota"),
    (N, "committed is null", "true", "expr",
     "a creation in a transaction checked as outside one, against the transaction's view"),
    (R, "transaction is null ? null : state.Tree", "null", "expr",
     "the request's operations not told the committed store in a transaction"),
    (S, "state.Tree.OwnedBy(identity.DomainId) + growth >= state.Options.MaxNodesPerDomain", "state.Tree.OwnedBy(identity.DomainId) + growth > state.Options.MaxNodesPerDomain", "expr",
     "a commit may bring the domain to exactly its quota"),
    (S, "growth > 0", "growth >= 0", "expr",
     "a transaction that changes no count checked at the commit (refused at the quota)"),
]

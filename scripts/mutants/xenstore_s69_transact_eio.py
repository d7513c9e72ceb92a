# Mutants of session 69's TransactAsync redo on EIO (XenStoreClient.cs): C xenstored 4.17 answers EIO to a
# transaction's RM of a node removed outside it since the transaction read it, a conflict whose commit it
# answers EAGAIN; the body is redone (up to MaxIOErrorRedos times). Killed by CXenstoredClientTests, which
# provokes that EIO from the real C xenstored (tests/Agent.XenStore.Tests/Infrastructure/CXenstored.cs).
# Outcome (session 69): 2 of 2 killed (run from a clone of the branch).
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-class", "*.CXenstoredClientTests"]
SWITCH_NS = "GuestAgent.MutantSwitches.TransactEio69"
SWITCH_DIR = "src/Agent"
C = "src/Agent/XenStore/Client/XenStoreClient.cs"
MUTANTS = [
    (C, "error.ErrorName == XenStoreErrors.IOError && ioErrors++ < MaxIOErrorRedos", "false", "expr",
     "EIO inside a transaction thrown, as before session 69"),
    (C, "ioErrors++ < MaxIOErrorRedos", "ioErrors++ < 0", "expr",
     "no redo allowed: the bound taken as zero"),
]

# Session 54: an answer that comes after the XenStore exchange was disposed says where it went (kept in
# the response journal or lost), whichever way the disposal met it (before the write, or while the
# write waited for a connection); a given-up answer's warning says whether a short error was tried.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s54_exchange.py
# Outcome (session 54): 8 mutants, 5 killed at first; 7 (a journal that cannot write said to keep the
# answer) then killed by a new LateAnswerTests case. Survivors, left: 1 is equivalent (without the
# explicit check the linked token of the disposed exchange throws, and the catch below says the same;
# the check stays, so the guard does not hang on the order DisposeAsync releases things in); 5 needs
# the same answer recorded twice in a journal gone memory-only, then a disposal (a host retrying
# PutResponseAsync after a failed delivery), which no test here builds; the same mutant is killed in
# session 55's runtime_s55_misc.py by ResponseJournalTests (an answer recorded again after the journal went memory-only).
# Session 58: 5's text names the new _writeFailing too (a failed write no longer sets _memoryOnly); rerun,
# it survives here as before, and runtime_s55_misc.py's 2, the same mutant, rerun, is killed by ResponseJournalTests.
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-class", "*LateAnswerTests", "-class", "*XenStoreExchangeQuotaTests"]
SWITCH_NS = "GuestAgent.XenStore.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 180
X = "src/Agent/Exchanges/XenStoreExchange.cs"
D = "src/Agent/Exchanges/XenStoreExchange.WriteAfterDisposal.cs"
J = "src/Agent/Exchanges/ResponseJournal.cs"
R = "src/Agent/Exchanges/XenStoreExchange.ResponseRefusal.cs"
MUTANTS = [
    (X, "ThrowIfDisposedBeforeDelivery(journaled);", "", "stmt",
     "an answer after disposal goes on to the closed connection"),
    (X, "throw DisposedBeforeDelivery(journaled);", "throw;", "stmt",
     "a disposal while the answer waited surfaces as the token's cancellation"),
    (D, "journaled ? DisposedAnswerKept : DisposedAnswerLost", "DisposedAnswerKept", "expr",
     "a lost answer said to be kept in the journal"),
    (D, "exception is OperationCanceledException or ObjectDisposedException && Volatile.Read(ref _disposed) != 0",
     "exception is ObjectDisposedException && Volatile.Read(ref _disposed) != 0", "expr",
     "a disposal met as a cancellation not recognised"),
    (J, "return durable && !_memoryOnly && !_writeFailing;", "return durable;", "stmt",
     "an answer recorded again in a memory-only journal said to be in the file"),
    (J, "return true;", "return false;", "stmt",
     "an answer written to the file said not to be there", "            return true;\n        }\n    }"),
    (X, "return false;", "return true;", "stmt",
     "an answer the journal could not write said to be kept", "            return false;\n        }\n    }"),
    (R, "fallbackTried ? \"so was a short error in its place\" : \"a short error answer would be no shorter, so none was tried\"",
     "\"so was a short error in its place\"", "expr",
     "a given-up answer's warning claims a short error was refused when none was tried"),
]

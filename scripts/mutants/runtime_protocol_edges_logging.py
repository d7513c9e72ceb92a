# The Agent.Commands part of runtime_protocol_edges (another assembly, so another switch and batch):
# RequestLogState, the state a command's log line carries (the request id added as RequestId
# unless the command logs its own, the pairs in order, the bounds of its indexer, the text).
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_protocol_edges_logging.py
# Outcome (session 18): 7/7 killed. First run: 4/7 killed; the 3 survivors were test gaps (the
# logger tests read the pairs by key and never the indexer's edges), killed by RequestLogStateTests
# (re-run: all 3 killed):
#   4, 5 the indexer's bounds unchecked: a list of pairs fails past its end by itself, so the test
#     hands the state an array, whose own failure is another exception.
#   6 the request id last instead of first -> the pairs' order asserted.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*RequestLoggerTests", "-class", "*RequestLogStateTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 120
L = "src/Agent.Commands/RequestLogState.cs"
MUTANTS = [
    (L, "pairs is null || !HasRequestId(pairs)", "true", "expr",
     "log state: a command's own RequestId gets a second one"),
    (L, "pairs is null || !HasRequestId(pairs)", "pairs is not null && !HasRequestId(pairs)", "expr",
     "log state: a message whose state has no pairs gets no RequestId"),
    (L, "(_addsId ? 1 : 0)", "1", "expr",
     "log state: Count counts the added id also when none is added"),
    (L, "ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);", "", "stmt",
     "log state: the index past the end reads the last pair instead of failing"),
    (L, "ArgumentOutOfRangeException.ThrowIfNegative(index);", "", "stmt",
     "log state: a negative index fails as the inner list fails, not as out of range"),
    (L, "index == 0 ? new(RequestLogger.RequestIdKey, RequestId) : _pairs![index - 1]", "index < Count - 1 ? _pairs![index] : new(RequestLogger.RequestIdKey, RequestId)", "expr",
     "log state: the request id comes last, not first"),
    (L, "pairs[i].Key == RequestLogger.RequestIdKey", "i > 0 && pairs[i].Key == RequestLogger.RequestIdKey", "expr",
     "log state: a RequestId as the command's first pair is missed"),
]

# Mutants of session 29's review of hosting4 (review-host): the close at the delivery deadline. When
# a request in progress ignores its token, the host waits for it until the delivery deadline, and an
# exchange idling deaf to the stop is first given up on there, by Abandon. That close must claim the
# slot (Asking -> Closed), not only name the exchange: a request the exchange hands over in that moment
# is then not started. AgentHostGiveUpBoundaryTests.A_request_handed_over_just_after_the_delivery_deadline
# _closes_its_loop_is_not_started places the hand-over in the close's own line.
# Only tests/Agent.Tests' Hosting classes run.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s29_reviewhost.py
# Outcome (session 29, 2026-12-01): 1 mutant, 1 killed, by an assertion (the command ran), by that test
# alone: the 75 other Hosting tests pass with it, as they did on the pre-s29 Abandon.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "GuestAgent.Tests.Hosting.*"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 240
T = "src/Agent/Hosting/AgentHost.Stopping.cs"
MUTANTS = [
    (T, "Close(perPair, claims, slot);", "if (!perPair[slot].IsCompleted && Volatile.Read(ref claims[slot]) == Asking) { LogExchangeDidNotStop(slot, ExchangeType(slot)); }", "stmt",
     "host: at the delivery deadline, a loop still asking is named but not closed (the pre-s29 Abandon): a request it hands over then is started"),
]

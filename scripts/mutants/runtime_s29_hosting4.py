# Mutants of session 29's hosting change (hosting4): the exact boundary between a stopping host
# giving up on a loop whose exchange idles deaf to the stop and that exchange handing a request over.
# Each loop's slot is claimed by CompareExchange (the loop Asking -> Taken, the host Asking -> Closed);
# a request taken before the close is served and waited for, one handed over after it is not started
# (logged). The mutants of the claims' older parts are in runtime_s27_hosting.py (4-8) and
# runtime_s28_hosting2.py (2). Only tests/Agent.Tests' Hosting classes run.
# Not mutated: the loop's look at the stop before it marks itself Asking again after a request
# (without it, a host giving up at that instant could name a loop about to end as not stopping: a
# race no test can place).
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s29_hosting4.py
# Outcome (session 29, 2026-12-01): 7 mutants, 7 killed. By an assertion: 1 and 2 (the boundary
# tests, AgentHostGiveUpBoundaryTests: the request handed over after the close started; the one taken
# before abandoned), 3 (the idle-exchange tests' warnings, the exchange named twice), 4 (the request
# taken before the close abandoned: the old give-up), 5 (AgentHostIdleStopTests' deadline warnings),
# 6 (the deadline test's warnings in another order, and the late hand-over theory by its safety net);
# 7 (the not-started line never written) only by the boundary test's one-minute safety net.
# Session 30 (hosting5) moved the loop's claim (mutants 1 and 7) from AgentHost.cs into
# AgentHost.Stopping.cs's TakeRequest; rerun then (2026-12-01): 2 of 2 killed, 1 by an assertion (also
# by AgentHostGiveUpBoundaryTests' new last-line test), 7 by the boundary tests' safety nets, as before.
# Session 35 (hosting11): mutant 7's text retargeted (CommandOf takes the parser: IParser.ReadCommandName).
# Rerun (session 35, review-host, 2026-12-02): killed, 5 of the 90 Hosting tests failing (AgentHostCustomWireCommandTests'
# lines and AgentHostGiveUpBoundaryTests' not-started test among them; 193 s: some at their safety nets, as before).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "GuestAgent.Tests.Hosting.*"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
# A host that never returns, or a line never written, is only seen by the tests' one-minute safety net.
TIMEOUT = 240
T = "src/Agent/Hosting/AgentHost.Stopping.cs"
MUTANTS = [
    (T, "Interlocked.CompareExchange(ref claims[slot], Taken, Asking) != Asking", "Interlocked.CompareExchange(ref claims[slot], Taken, Asking) == Taken", "expr",
     "loop: a request handed over after its loop was closed is started anyway"),
    (T, "return was != Taken;", "return true;", "stmt",
     "host: a loop that took a request just before its close is not waited for (abandoned)"),
    (T, "was == Asking", "was != Taken", "expr",
     "host: a loop closed earlier named as not stopping again"),
    (T, "!Close(perPair, claims, slot)", "false", "expr",
     "host: no close when nothing is left to wait for (the old give-up: a request handed over later is started, then abandoned)"),
    (T, "Close(perPair, claims, slot);", "", "stmt",
     "host: at the delivery deadline, a loop still asking is neither closed nor named"),
    (T, "Volatile.Read(ref claims[slot]) == Taken", "false", "expr",
     "host: idle loops closed at 5 s while others still hold requests (a request such a loop hands over later is not started)"),
    (T, "LogRequestNotStarted(HostTextForLog.Cap(request.Id), HostTextForLog.CommandOf(request, parser), slot, exchange.GetType().Name);", "", "stmt",
     "loop: a request not started is not said"),
]

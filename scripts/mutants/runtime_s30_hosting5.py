# Mutants of session 30's hosting change (hosting5): a request an exchange hands over once the
# command deadline (the stop + ShutdownTimeout) has passed is not started, decided by the loop alone
# as it takes the request (AgentHost.Stopping.cs, TakeRequest); a host that gave up on a loop ends
# with "abandoning N" even when that loop has ended since (AgentHost.cs, RunAsync). The claim's older
# parts are in runtime_s29_hosting4.py (its mutants 1 and 7 moved with the claim into TakeRequest).
# Only tests/Agent.Tests' Hosting classes run.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s30_hosting5.py
# Session 35 (hosting11): mutants 2 and 3 retargeted (TakeRequest and CommandOf take the parser: IParser.ReadCommandName).
# Rerun (session 35, review-host, 2026-12-02): 2 killed by the batch's TIMEOUT, as in session 30; 3 killed by
# AgentHostCommandDeadlineTests' assertions (3 tests).
# Outcome (session 30, 2026-12-01): 8 mutants, 8 killed. By an assertion: 1 (the old rule:
# AgentHostCommandDeadlineTests' request past the deadline started, and the one taken as the final
# deadline abandons another started and counted), 3 (those two tests, the line waited for until their
# safety net), 4 and 5 (the same two), 6 and 8 (AgentHostGiveUpBoundaryTests' last-line test, "Stopped
# serving"), 7 (AgentHostFailureTests: a stop that gave up on nothing ends "abandoning 0"). 2 (no request
# taken after the stop started) only by the batch's TIMEOUT: the before-the-deadline test fails by an
# assertion, but four tests whose deaf exchange hands a request over after the stop wait for their
# one-minute safety nets.
# Review (session 30, review-host), rerun 1, 3, 5 (2026-12-01) once the past-the-deadline test asserts
# after the host returns instead of waiting for the line: killed, 3 now by that test's assertion (the
# final-deadline test still waits for its safety net: the loop's end it waits for is seen only in that line).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "GuestAgent.Tests.Hosting.*"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
# A line never written is only seen by the tests' one-minute safety net.
TIMEOUT = 240
H = "src/Agent/Hosting/AgentHost.cs"
T = "src/Agent/Hosting/AgentHost.Stopping.cs"
MUTANTS = [
    (T, "hardStop.IsCancellationRequested", "false", "expr",
     "loop: a request taken past the command deadline is started (the old rule: answered cancelled, dropped by the exchange)"),
    (H, "TakeRequest(claims, slot, request, exchange, parser, hardStop)", "TakeRequest(claims, slot, request, exchange, parser, stoppingToken)", "expr",
     "loop: no request taken after the stop is started, even before the command deadline"),
    (T, "LogRequestNotStartedPastDeadline(HostTextForLog.Cap(request.Id), HostTextForLog.CommandOf(request, parser), slot, exchange.GetType().Name, Options.ShutdownTimeout.TotalSeconds);", "", "stmt",
     "loop: a request not started past the deadline is not said"),
    (T, "Options.ShutdownTimeout.TotalSeconds", "GiveUpSeconds", "expr",
     "loop: the not-started line names the delivery deadline, not the command deadline"),
    (T, "return false;", "return true;", "stmt",
     "loop: the request is said not started past the deadline, then started anyway",
     "return false;\n        }\n\n        return true;"),
    (H, "!loops.IsCompleted || GaveUpOnAny(Volatile.Read(ref _claims))", "!loops.IsCompleted", "expr",
     "host: after a close, ends with 'Stopped serving' when the closed loop has ended since (the old race)"),
    (T, "Array.IndexOf(claims, Closed) >= 0", "Array.IndexOf(claims, Taken) >= 0", "expr",
     "host: a loop that ended holding its last request counted as given up on"),
    (T, "Array.IndexOf(claims, Closed) >= 0", "Array.IndexOf(claims, Closed) > 0", "expr",
     "host: a close of slot 0 not counted"),
]

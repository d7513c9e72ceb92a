# Mutants of session 28's hosting changes (hosting2): AgentHost gives up on an exchange idling deaf
# to the stop (its GetRequestAsync or StartAsync ignoring the host's token) 5 s after the stop
# whatever ShutdownTimeout, while the requests in progress are still waited for until their
# delivery deadline (or for ever). The rest of the host is in runtime_hosting.py and
# runtime_s27_hosting.py. Only tests/Agent.Tests' Hosting classes run.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s28_hosting2.py
# Outcome (session 28, 2026-12-01): 6 mutants, 6 killed. By an assertion: 1 (the stop's deadlines and
# the host returning before 35 s, AgentHostIdleStopTests and the idle-exchange theory), 4 (RunAsync
# throwing), 5 (the deaf start's "5 s"), 6 (the infinite tests' warnings); 3 (a command ignoring its
# token waited for ever) by the one-minute safety net of AgentHostIdleStopTests' abandon test, a host
# that never returns; 2 (requests abandoned at the idle deadline) only by the batch's TIMEOUT: a host
# that abandons at 5 s disposes the command's deadline before it fires, so the tests awaiting a
# cut-off answer each wait for their one-minute safety net.
# Session 29 (hosting4): 2 retargeted (the loops' marks became claims, runtime_s29_hosting4.py) and
# rerun: killed, by the batch's TIMEOUT as before.
# Session 35 (review-host): mutants 3 and 4 retargeted (the wait suppresses what it awaits and looks at
# whether the loops ended; 4 now: the deadline not seen, the old 4's escape is runtime_s35_reviewhost.py's 1); rerun in
# session 36 (hosting12, 2026-12-02): 3 killed, by 6 tests waiting for their one-minute safety nets (a host that never
# abandons: AgentHostGiveUpBoundaryTests, AgentHostCommandDeadlineTests, AgentHostIdleStopTests; 188 s), 4 by the batch's
# TIMEOUT (the spin). Session 36 also moved 5 with the start failure's warning into AgentHost.Starting.cs; rerun:
# killed by an assertion (AgentHostPluginMisuseTests' deaf-start test, "5 s").
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "GuestAgent.Tests.Hosting.*"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
# A host that never returns is only seen by the tests' one-minute safety net.
TIMEOUT = 240
H = "src/Agent/Hosting/AgentHost.cs"
T = "src/Agent/Hosting/AgentHost.Stopping.cs"
ST = "src/Agent/Hosting/AgentHost.Starting.cs"
MUTANTS = [
    (H, "idleStop.CancelAfter(DeliveryGrace);", "idleStop.CancelAfter(waitsForEver ? DeliveryGrace : Options.ShutdownTimeout + DeliveryGrace);", "stmt",
     "finite: the old rule, an idle deaf exchange waited for the request's timeout + 5 s"),
    (H, "WaitForRequestsInProgressAsync(perPair, Volatile.Read(ref _claims), deliveryStop.Token)", "WaitForRequestsInProgressAsync(perPair, Volatile.Read(ref _claims), idleStop.Token)", "expr",
     "finite: the requests in progress abandoned at the idle deadline, not at their delivery deadline"),
    (T, "await ended.WaitAsync(deadline).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);", "await ended.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);", "stmt",
     "finite: a command that ignores its token waited for past its delivery deadline"),
    (T, "!ended.IsCompleted", "false", "expr",
     "finite: past the delivery deadline the host waits again (a spin) instead of abandoning"),
    (ST, "DeliveryGrace.TotalSeconds", "GiveUpSeconds", "expr",
     "a deaf start's warning gives the request's give-up time, not the 5 s it was given"),
    (H, "return;", "", "stmt",
     "infinite: the stop also sets the finite deadlines (Timeout.InfiniteTimeSpan + 5 s: a delivery cut at 5 s)",
     "its answer never abandoned.\n                return;"),
]

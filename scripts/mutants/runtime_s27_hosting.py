# Mutants of AgentHost's stop with an infinite ShutdownTimeout (session 27): the request in progress
# waited for ever, an exchange idling deaf to the stop (its GetRequestAsync or StartAsync ignoring the
# host's token) given up on 5 s after it, and a request such an exchange hands over late still waited for.
# The rest of the host is in runtime_hosting.py. Only tests/Agent.Tests' Hosting classes run.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s27_hosting.py
# Outcome (2026-12-01): 10 mutants, 10 killed. By an assertion: 1 (the stop set no deadline), 5, 6 and
# 9 (a request abandoned: the warnings), 10 (the logged "5 s"). 2, 3, 4, 7 and 8 make the host never
# return (7 spins a core doing it): only the tests' one-minute safety net sees that, a liveness failure
# no assertion can see sooner (a host that has not returned yet may still return).
# Session 28 (hosting2): the idle deadline now holds whatever the timeout (runtime_s28_hosting2.py);
# 2, 3, 6 and 9 retargeted to the code that now does what they broke, and rerun: 4 of 4 killed, 2, 3
# and 9 by an assertion (2 also by the finite idle tests), 6 (the wait for the requests in progress
# removed) now only by the batch's TIMEOUT (a host that abandons at 5 s disposes the command's
# deadline before it fires: the tests awaiting a cut-off answer each wait for their safety net).
# Session 29 (hosting4): the loops' bool "asking" became a claim taken by CompareExchange
# (runtime_s29_hosting4.py); 4-8 retargeted at it (4 now: a loop not set back to Asking after a
# request, waited for as if it still held one; 5: a loop that takes a request without claiming it)
# and rerun: 5 of 5 killed, each by the batch's TIMEOUT (hosts that never return, or tests each
# waiting for their one-minute safety net).
# Session 30 (hosting5): the loop's claim moved into AgentHost.Stopping.cs (TakeRequest); 5 follows it
# there, rerun (2026-12-01): killed, by the batch's TIMEOUT, as in session 29.
# Session 35 (review-host): mutant 9 retargeted (the wait no longer throws a loop's failure: SuppressThrowing); rerun in
# session 36 (hosting12, 2026-12-02): killed by an assertion, AgentHostFailureTests' late-request theory (30 s and infinite).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "GuestAgent.Tests.Hosting.*"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
# A host that never returns is only seen by the tests' one-minute safety net; the rest of a run
# takes about ten seconds.
TIMEOUT = 240
H = "src/Agent/Hosting/AgentHost.cs"
T = "src/Agent/Hosting/AgentHost.Stopping.cs"
MUTANTS = [
    (H, "idleStop.CancelAfter(DeliveryGrace);", "", "stmt",
     "infinite: the stop sets no deadline, an idle deaf exchange waited for ever"),
    (H, "loops.WaitAsync(idleStop.Token)", "loops.WaitAsync(deliveryStop.Token)", "expr",
     "infinite: the host waits on the delivery deadline, which never comes"),
    (H, "StartExchangesAsync(lifetime, stoppingToken, idleStop.Token)", "StartExchangesAsync(lifetime, stoppingToken, deliveryStop.Token)", "expr",
     "infinite: a deaf start waited for ever"),
    (H, "Interlocked.Exchange(ref claims[slot], Asking);", "", "stmt",
     "a loop asking again after a request still marked as holding it, so waited for (for ever when infinite)"),
    (T, "Interlocked.CompareExchange(ref claims[slot], Taken, Asking) != Asking", "false", "expr",
     "infinite: a loop that took a request still marked asking, its request abandoned"),
    (H, "await WaitForRequestsInProgressAsync(perPair, Volatile.Read(ref _claims), deliveryStop.Token).ConfigureAwait(false);", "", "stmt",
     "infinite: the requests in progress abandoned at the idle deadline"),
    (T, "!perPair[slot].IsCompleted && Volatile.Read(ref claims[slot]) == Taken", "Volatile.Read(ref claims[slot]) == Taken", "expr",
     "infinite: ended loops waited for again and again (a spin)"),
    (T, "Volatile.Read(ref claims[slot]) == Taken", "true", "expr",
     "infinite: loops idling deaf to the stop waited for too",
     "!perPair[slot].IsCompleted && Volatile.Read(ref claims[slot]) == Taken"),
    (T, "await ended.WaitAsync(deadline).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);", "await ended.WaitAsync(deadline).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);\n                return;", "stmt",
     "infinite: a request handed over late by a deaf exchange not waited for"),
    (T, "Options.ShutdownTimeout == Timeout.InfiniteTimeSpan ? DeliveryGrace : Options.ShutdownTimeout + DeliveryGrace", "Options.ShutdownTimeout + DeliveryGrace", "expr",
     "infinite: the give-up time logged as the infinite timeout + 5 s"),
]

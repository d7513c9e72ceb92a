# Mutants of session 37's host13 change in the host: an OperationCanceledException that is not the host's stop is
# never taken for it. AgentHost.cs's DelayAsync (the wait before a failed exchange is asked again) caught every
# OperationCanceledException: one the options' TimeProvider (user code) throws of its own was swallowed as the stop's
# and the loop asked again at once, without its delay; now only the stop's ends the wait, any other fails the loop
# as the clock's other exceptions do (the host stops, RunAsync rethrows it). StartExchangesAsync took any exception
# after the stop for a start honouring it and named nothing; now only a cancellation is that, and an exchange whose
# start fails otherwise after the stop is logged as a failed start (RunAsync throws its exception either way).
# Not mutated, looked at and left as they are: the filter on GetRequestAsync's cancellation (`when
# (stoppingToken.IsCancellationRequested)`) and the parser's cancellation bound to the session after the command
# deadline: both take any cancellation during the stop for the stop's, as CommandExecutor does (an exchange or a
# command that links the token throws its linked source's, so the token's identity cannot tell them apart), and a
# foreign one before the stop is already a failure (AgentHostPluginMisuseTests' exchange case). The "Serving" line's
# `catch (Exception)` already takes a logger's cancellation for a failed start (pinned by a test, which passed on the
# old code; its statement is session 36's mutant).
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s37_host13.py
# RunAsync (AgentHost.Run.cs) now wraps the run (RunUntilStoppedAsync) so that its task is faulted, not cancelled,
# by an OperationCanceledException that is not the host's stop (an async method's task is cancelled by any); only
# the stop before every exchange had started (_stoppedBeforeServing) leaves it cancelled. Not mutated: CancellationOf's
# unreachable throw (a cancelled task's awaiter always throws an OperationCanceledException).
# Mutants 1, 3 and 5 are the code before session 37.
# Outcome (session 37, 2026-12-03): 7 mutants, 7 killed (the no-mutant run: 28 tests pass), each by an
# assertion of AgentHostForeignCancellationTests in about 2 s: 1 by the clock test (RunAsync returned normally, the
# exchange asked again at once), 2 by the stop-during-the-retry test (and AgentHostPluginMisuseTests' failing-for-ever
# pair: RunAsync threw the stop's cancellation), 3 by the start failing after the stop (no Error line), 4 by both start
# tests, 5 by the four tests that look for a faulted task (it was cancelled), 6 by the stop-during-the-start test (its
# task faulted), 7 by the start's own cancellation test. An eighth, RunAsync handing back a run already ended as it
# was, survived: it could not happen (a failing run always awaits the lifetime's cancellation, whose callback the host
# registered itself, so it never ends before RunAsync returns); the shortcut it mutated was removed instead.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*.AgentHostForeignCancellationTests", "-class", "*.AgentHostPluginMisuseTests",
             "-class", "*.AgentHostFailureTests"]
SWITCH_NS = "GuestAgent.MutantSwitches.Host13"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
A = "src/Agent/Hosting/AgentHost.cs"
R = "src/Agent/Hosting/AgentHost.Run.cs"
MUTANTS = [
    (A, r'''cancellationToken.IsCancellationRequested''', r'''true''', "expr",
     "every cancellation ends the retry wait as the stop's: the clock's own swallowed, the exchange asked again at once (before session 37)"),
    (A, r'''cancellationToken.IsCancellationRequested''', r'''false''', "expr",
     "the stop's own cancellation of the retry wait fails the loop instead of ending it"),
    (A, r'''stoppingToken.IsCancellationRequested && exception is OperationCanceledException''', r'''stoppingToken.IsCancellationRequested''', "expr",
     "any start failure after the stop taken for the stop honoured, not named (before session 37)"),
    (A, r'''stoppingToken.IsCancellationRequested && exception is OperationCanceledException''', r'''stoppingToken.IsCancellationRequested || exception is OperationCanceledException''', "expr",
     "a start's own cancellation before any stop taken for the stop honoured, not named as a failed start"),
    (R, r'''run.IsCanceled && !_stoppedBeforeServing''', r'''false''', "expr",
     "RunAsync's task as the run left it: cancelled by a logger's, a clock's or a start's own cancellation (before session 37)"),
    (R, r'''run.IsCanceled && !_stoppedBeforeServing''', r'''run.IsCanceled''', "expr",
     "the stop before serving faults RunAsync's task too"),
    (A, r'''_stoppedBeforeServing = stopped;''', r'''_stoppedBeforeServing = true;''', "stmt",
     "any failed start taken for the stop: a start's own cancellation before any stop leaves RunAsync's task cancelled"),
]

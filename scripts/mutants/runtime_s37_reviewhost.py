# Mutants of session 37's review-host change: no source changed (RunAsync's remarks and docs/plugins.md now say how
# the host settles the race between its stop and an OperationCanceledException that is not the stop's, thrown where
# the host waits on the stop), and two tests pin that rule. Once the stop is requested, a start ending with any
# cancellation has honoured it, and a retry's wait that the clock's own cancellation ends was the stop's: nothing
# tells the two apart (an exchange may throw one of a token it linked to the host's). The mutants are the
# alternative rule the docs reject, the token's identity: a start's own cancellation after the stop named as a
# failed start, and the clock's own cancellation as the stop is requested failing the loop.
# Not mutated: what session 37's host13 batch (runtime_s37_host13.py) mutates.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s37_reviewhost.py
# Outcome (session 37, 2026-12-03): 2 mutants, 2 killed (the no-mutant run: 9 tests pass), each in about 0.3 s:
# 1 by AgentHostForeignCancellationTests.A_start_s_own_cancellation_once_the_stop_is_requested_is_taken_for_the_stop
# (an Error line, the task faulted), 2 by A_clock_s_own_cancellation_as_the_stop_is_requested_ends_the_retry_s_wait_as_the_stop
# (RunAsync threw) and the clock test before any stop (its exception no longer the clock's). Host13's batch, run again
# on these tests (now on a clock that never moves): 7 mutants, 7 killed.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*.AgentHostForeignCancellationTests"]
SWITCH_NS = "GuestAgent.MutantSwitches.ReviewHost37"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
A = "src/Agent/Hosting/AgentHost.cs"
MUTANTS = [
    (A, r'''exception is OperationCanceledException''', r'''exception is OperationCanceledException { CancellationToken.IsCancellationRequested: true }''', "expr",
     "after the stop, only a cancellation of a cancelled token is the stop honoured: a start's own named as a failed start, the task faulted",
     r'''stoppingToken.IsCancellationRequested && exception is OperationCanceledException'''),
    (A, r'''await Task.Delay(delay, Options.TimeProvider, cancellationToken).ConfigureAwait(false);''',
     r'''try { await Task.Delay(delay, Options.TimeProvider, cancellationToken).ConfigureAwait(false); } catch (OperationCanceledException exception) when (exception.CancellationToken != cancellationToken) { throw new InvalidOperationException("not the stop's", exception); }''', "stmt",
     "a retry's wait ended only by a cancellation of the host's own token: the clock's own as the stop is requested fails the loop"),
]

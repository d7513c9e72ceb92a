# Mutants of session 40's WhenServing change: a stop before the host served cancels WhenServing, as it cancels
# RunAsync's task (it used to fault WhenServing with the cancellation, so the two tasks disagreed on what happened).
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s40_whenserving.py
# Outcome (session 40, 2026-12-04): 2 mutants, 2 killed (the no-mutant run: 109 tests pass): 1 by the two
# AgentHostPluginMisuseTests stop-while-starting tests, 2 by AgentHostForeignCancellationTests'
# A_start_that_fails_otherwise_than_cancelled_after_the_stop_is_named_as_a_failed_start.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-namespace", "GuestAgent.Tests.Hosting"]
SWITCH_NS = "GuestAgent.MutantSwitches.WhenServing40"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
S = "src/Agent/Hosting/AgentHost.Starting.cs"
H = "src/Agent/Hosting/AgentHost.cs"
MUTANTS = [
    (S, r'''_serving.TrySetCanceled(((OperationCanceledException)failure).CancellationToken);''', r'''_serving.TrySetException(failure);''', "stmt",
     "the stop before serving faults WhenServing with its cancellation, as before"),
    (H, r'''await StopBeforeServingAsync(lifetime, exception, stopped).ConfigureAwait(false);''',
     r'''await StopBeforeServingAsync(lifetime, exception, stoppingToken.IsCancellationRequested).ConfigureAwait(false);''', "stmt",
     "any start failure after the stop cancels WhenServing (and a non-cancellation would throw casting)"),
]

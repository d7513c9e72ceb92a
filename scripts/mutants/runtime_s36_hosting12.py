# Mutants of session 36's hosting12 changes in the host: what RunAsync throws when more than one thing fails as
# the host stops. A callback an exchange registered on the host's token that throws as the host stops is logged,
# never thrown in place of the failure that stopped it (AgentHost.Faults.cs's CancelLifetimeAsync, used by a
# failed loop and a failed start); a logger throwing as the host names an exchange whose start failed neither
# replaces that failure nor keeps the started exchanges from being told (AgentHost.Starting.cs); the "Serving"
# line logged before any loop runs, a logger throwing there stopping the host as a failed start; and a loop whose
# logger throws an OperationCanceledException (the loop's task cancelled, not faulted) rethrown as itself, also
# after giving up on a deaf loop (ThrowIfAnyFaulted). RunAsync now throws a loop's failure only through
# ThrowIfAnyFaulted; no mutant puts back `await loops` there: awaiting every loop throws the same exception
# (Task.WhenAll keeps a cancelled loop's own OperationCanceledException, checked: the test of that case passed
# on the old code), and the giving-up failure it would skip is never set on that path (GaveUpOnAny holds then).
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s36_hosting12.py
# Mutants 1, 3, 4 and 5 are the code before session 36 (5 as near as a statement gets: the line's failure
# thrown with the exchange untold and WhenServing completed).
# Outcome (session 36, 2026-12-02): 6 mutants, 6 killed (the no-mutant run: 22 tests pass), each by an assertion of
# AgentHostFirstFailureTests in about 2 s: 1 and 2 by both token-callback tests (1: RunAsync threw the AggregateException;
# 2: no Error line), 3 by both OperationCanceledException tests (RunAsync returned normally), 4 by the failed-start logger
# test, 5 by the Serving-line test, 6 by the three tests that look at WhenServing (and the existing failed-start test).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*.AgentHostFirstFailureTests", "-class", "*.AgentHostLoopFaultTests",
             "-class", "*.AgentHostStopFaultTests", "-class", "*.AgentHostFailureTests"]
SWITCH_NS = "GuestAgent.MutantSwitches.Hosting12"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
A = "src/Agent/Hosting/AgentHost.cs"
F = "src/Agent/Hosting/AgentHost.Faults.cs"
ST = "src/Agent/Hosting/AgentHost.Starting.cs"
MUTANTS = [
    (F, r'''try
        {
            await lifetime.CancelAsync().ConfigureAwait(false);
        }
        catch (AggregateException exception)
        {
            try
            {
                var first = exception.InnerExceptions[0];
                LogTokenCallbackFailed(exception.InnerExceptions.Count, first.GetType().Name, first.Message, exception);
            }
#pragma warning disable CA1031 // The logger may be what stops the host: its exception is the one thrown already.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }''', r'''await lifetime.CancelAsync().ConfigureAwait(false);''', "stmt",
     "a throwing token callback's AggregateException replaces the failure that stopped the host (before session 36)"),
    (F, r'''LogTokenCallbackFailed(exception.InnerExceptions.Count, first.GetType().Name, first.Message, exception);''', r'''''', "stmt",
     "a throwing token callback's failure lost, not logged"),
    (F, r'''loop.IsFaulted || loop.IsCanceled''', r'''loop.IsFaulted''', "expr",
     "a loop failed with an OperationCanceledException counted as no failure (before session 36)"),
    (ST, r'''try
        {
            if (!stopping)
            {
                LogStartFailed(slot, ExchangeType(slot), exception.GetType().Name, exception.Message, slot);
            }
            else if (stillStarting)
            {
                LogExchangeDidNotStart(slot, ExchangeType(slot), DeliveryGrace.TotalSeconds);
            }
        }
#pragma warning disable CA1031 // The logger is broken: nothing is left to say it with, and the start's failure is thrown.
        catch (Exception)
#pragma warning restore CA1031
        {
        }''', r'''if (!stopping)
        {
            LogStartFailed(slot, ExchangeType(slot), exception.GetType().Name, exception.Message, slot);
        }
        else if (stillStarting)
        {
            LogExchangeDidNotStart(slot, ExchangeType(slot), DeliveryGrace.TotalSeconds);
        }''', "stmt",
     "a logger throwing as a failed start is named replaces the start's failure, the exchanges not told (before session 36)"),
    (A, r'''await StopBeforeServingAsync(lifetime, exception).ConfigureAwait(false);''', r'''_serving.TrySetResult();''', "stmt",
     "a logger throwing on the Serving line: WhenServing completed, the exchanges not told",
     "await StopBeforeServingAsync(lifetime, exception).ConfigureAwait(false);\n            throw;\n        }\n\n        Volatile.Write"),
    (ST, r'''_serving.TrySetException(failure);''', r'''_serving.TrySetException(new InvalidOperationException("not what failed"));''', "stmt",
     "WhenServing fails with something else than what stopped the host"),
]

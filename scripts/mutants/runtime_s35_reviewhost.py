# Mutants of session 35's review of hosting11's host changes (review-host): a loop failing while the stopping host
# waits for its request no longer makes RunAsync throw before the loops idling in an exchange deaf to the stop are
# closed (AgentHost.Stopping.cs's WaitForRequestsInProgressAsync), a failed loop's request no longer listed or
# abandoned as a command still running (AgentHost.Faults.cs), and a logger throwing on a line the host logs as it
# gives up on its loops no longer leaves the later loops open: the first such failure is thrown once all are closed
# (SayWhileGivingUp). hosting11's own mutants are runtime_s35_hosting11.py.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s35_reviewhost.py
# Mutants 1, 3 and 4 are the code before the review (1 as near as an expression gets: the wait throws what a loop throws).
# Outcome (session 35, 2026-12-02): 5 mutants, 5 killed (the no-mutant run: 14 tests pass), each by an assertion of
# AgentHostStopFaultTests, in about a second: 1 by the deaf-loop test (no "did not stop" line: RunAsync threw first) and
# the abandon test (also AgentHostCommandDeadlineTests' final-deadline test: the deadline's cancellation escapes), 2 by
# the deaf-loop test ("abandoning 1"), 3 and 4 by their logger tests (the next loop never named), 5 by both (RunAsync returned).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*.AgentHostStopFaultTests", "-class", "*.AgentHostLoopFaultTests",
             "-class", "*.AgentHostGiveUpBoundaryTests", "-class", "*.AgentHostCommandDeadlineTests"]
SWITCH_NS = "GuestAgent.MutantSwitches.ReviewHost"
SWITCH_DIR = "src/Agent"
TIMEOUT = 400
F = "src/Agent/Hosting/AgentHost.Faults.cs"
S = "src/Agent/Hosting/AgentHost.Stopping.cs"
MUTANTS = [
    (S, r'''ConfigureAwaitOptions.SuppressThrowing''', r'''ConfigureAwaitOptions.None''', "expr",
     "a loop failing while the host waits for its request ends RunAsync before the deaf idle loops are closed (before the review)"),
    (F, r'''Volatile.Write(ref _inProgress[slot], null);''', r'''''', "stmt",
     "a failed loop's request abandoned as a command still running ignoring its token"),
    (S, r'''SayWhileGivingUp(static (host, s) => host.LogExchangeDidNotStop(s.slot, s.Type), (slot, Type: ExchangeType(slot)));''',
     r'''LogExchangeDidNotStop(slot, ExchangeType(slot));''', "stmt",
     "a logger throwing as the host names a deaf loop leaves the later loops open (before the review)"),
    (S, r'''SayWhileGivingUp(static (host, s) => host.LogAbandoned(s.Id, s.slot, s.Type, s.seconds), (Id: HostTextForLog.Cap(request.Id), slot, Type: ExchangeType(slot), seconds));''',
     r'''LogAbandoned(HostTextForLog.Cap(request.Id), slot, ExchangeType(slot), seconds);''', "stmt",
     "a logger throwing as the host abandons a request leaves the later loops open (before the review)"),
    (F, r'''_givingUpFailure?.Throw();''', r'''''', "stmt",
     "a logger's failure while giving up lost: RunAsync returns normally"),
]

# Mutants of session 36's review-host change in the host (AgentHost.Faults.cs, ServeOrStopAsync): a loop that fails
# marks its slot Taken before it stops the host, so a host whose idle deadline passes while that stop runs the
# token's callbacks waits for the loop (and throws its failure) instead of closing it as deaf and returning without it.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s36_reviewhost.py
# The mutant is the code before the change.
# Outcome (session 36, 2026-12-02): 1 mutant, 1 killed (the no-mutant run: 12 tests pass), by an assertion of
# AgentHostFirstFailureTests.A_loop_still_stopping_the_host_at_the_idle_deadline_is_waited_for_not_given_up_on (RunAsync returned
# normally; ~1.5 s).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*.AgentHostFirstFailureTests", "-class", "*.AgentHostLoopFaultTests",
             "-class", "*.AgentHostStopFaultTests"]
SWITCH_NS = "GuestAgent.MutantSwitches.ReviewHost36"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
F = "src/Agent/Hosting/AgentHost.Faults.cs"
MUTANTS = [
    (F, r'''Interlocked.CompareExchange(ref _claims[slot], Taken, Asking);''', r'''''', "stmt",
     "the failing loop left Asking: closed as deaf at the idle deadline, its failure lost (before review-host)"),
]

# Mutants of session 36's review-host change in the host (AgentHost.Faults.cs, ServeOrStopAsync): a loop that fails
# marks its slot Taken before it stops the host, so a host whose idle deadline passes while that stop runs the
# token's callbacks waits for the loop (and throws its failure) instead of closing it as deaf and returning without it.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s36_reviewhost.py
# The mutant is the code before the change.
# Outcome: see the report (/work/wt/old/s36/review-host.md) until recorded here.
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

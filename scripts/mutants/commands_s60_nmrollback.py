# Mutants of session 60's rollback of a first resetnetwork on NetworkManager, judged by the real
# daemon (NetworkManagerScenario): the rollback brings up again only our connections whose keyfile
# was there before the change; one the change created is deleted by the reload, and autoconnect
# gives the interface back to the connection ours took it from (or none).
# Killed by NetworkManagerRollbackTests and NetworkManagerActiveConnectionTests (tests/Agent.Commands.Tests/Network/).
# Outcome (session 60): 4 of 4 killed (the daemon tests kill the defect put back and every step repeated; the planning
# test kills the keyfile check dropped or looking at the moved-aside name).
# Session 63: mutants 1, 2 and 3 retargeted at the NetworkManager plan's undoing (commands_s63_nmrollback.py) and rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.NetworkManagerRollbackTests", "-class", "*.NetworkManagerActiveConnectionTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
NB = "src/Agent.Commands/Network/Backends/NetworkManagerBackend.cs"
RB = "src/Agent.Commands/Network/Applying/NetworkApplier.Rollback.cs"
MUTANTS = [
    (NB, "repeated", "true", "expr",
     "the defect: the rollback brings up the connection it just deleted, 'unknown connection', and the answer says applying the previous configuration failed",
     "RepeatOnRollback = repeated }"),
    (NB, "current.Exists(NetworkManagerRenderer.PathFor(n))", "false", "expr",
     "every up dropped from the rollback: a restored keyfile of ours reloaded but never brought up",
     "repeated: current.Exists(NetworkManagerRenderer.PathFor(n)) && Autoconnects(current, n)"),
    (NB, "current.Exists(NetworkManagerRenderer.PathFor(n))", "current.Exists(NetworkBackups.PathOf(NetworkManagerRenderer.PathFor(n)))", "expr",
     "a keyfile moved aside taken for one still there: the rollback brings up a connection that will not exist",
     "current.Exists(NetworkManagerRenderer.PathFor(n)))) && Autoconnects(current, n)"),
    (RB, "plan.AfterWrite.Where(step => step.RepeatOnRollback)", "plan.AfterWrite", "expr",
     "every step repeated on rollback, the hostname's and a created connection's up among them"),
]

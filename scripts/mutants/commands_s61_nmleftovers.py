# Mutants of session 61's rollback of a resetnetwork that dropped an interface on NetworkManager, judged
# by the real daemon (NetworkManagerScenario): the rollback brings our restored connection up again on
# the dropped interface (ApplyPlan.OnlyOnRollback), where autoconnect had given it to cloud-init's
# connection; the change itself never runs that step, and its failure is tolerated (the NIC may be gone).
# Killed by NetworkManagerLeftoversTests (tests/Agent.Commands.Tests/Network/), with NetworkManagerRollbackTests
# and NetworkManagerActiveConnectionTests run too.
# Outcome (session 61): 7 of 7 killed (the real daemon's rollback kills the defect put back and a wrong connection name;
# the planning tests kill the rest: the planner or the applier dropping the steps, a required up, every or a moved-aside keyfile taken as dropped).
# Rerun after nmbefore retargeted its first mutant: 7 of 7 killed again (the applier dropping the rollback-only steps now by nmbefore's real-daemon operator cases too).
# Session 63: mutant 1 retargeted at the NetworkManager plan's undoing (commands_s63_nmrollback.py) and rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.NetworkManagerLeftoversTests", "-class", "*.NetworkManagerRollbackTests", "-class", "*.NetworkManagerActiveConnectionTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
NB = "src/Agent.Commands/Network/Backends/NetworkManagerBackend.cs"
NR = "src/Agent.Commands/Network/Rendering/NetworkManagerRenderer.cs"
RB = "src/Agent.Commands/Network/Applying/NetworkApplier.Rollback.cs"
AP = "src/Agent.Commands/Network/Applying/ApplyPlanner.cs"
MUTANTS = [
    # Retargeted by session 61's nmbefore (the list gained the steps of connections active before the change).
    (NB, "dropped.Where(n => Autoconnects(current, n)).Select(UpAgain)", "Enumerable.Empty<ApplyStep>()", "expr",
     "the defect put back: the rollback leaves a dropped interface on cloud-init's connection"),
    (RB, "[.. plan.AfterWrite.Where(step => step.RepeatOnRollback), .. plan.OnlyOnRollback]", "[.. plan.AfterWrite.Where(step => step.RepeatOnRollback)]", "expr",
     "the rollback-only steps never run (nor recorded for recovery)"),
    (AP, "steps.OnlyOnRollback", "[]", "expr",
     "the planner drops the backend's rollback-only steps"),
    (NB, "ApplyStep.Try(\"nmcli\", \"connection\", \"up\", NetworkManagerRenderer.ConnectionId(interfaceName))",
     "ApplyStep.Run(\"nmcli\", \"connection\", \"up\", NetworkManagerRenderer.ConnectionId(interfaceName))", "expr",
     "a dropped interface's up required: a NIC gone fails the rollback's answer"),
    (NR, "name[Prefix.Length..^Suffix.Length]", "name[..^Suffix.Length]", "expr",
     "the interface name taken with the prefix: the up names a connection that does not exist"),
    (NR, "!interfaces.Contains(name, StringComparer.Ordinal)", "true", "expr",
     "every keyfile of ours taken for dropped: the rollback brings up the new configuration's connections a second time"),
    (NR, "name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(Suffix, StringComparison.Ordinal)", "name.StartsWith(Prefix, StringComparison.Ordinal)", "expr",
     "a moved-aside .bak~ or an earlier agent's .bak taken for a keyfile of ours: the rollback brings up a connection named after it"),
]

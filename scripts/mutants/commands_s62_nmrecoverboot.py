# Mutants of session 62's recovery after a reboot on the NetworkManager backend: the rollback step that brings
# up again, by UUID, a connection not ours that was active before the change (an operator's autoconnect=no one
# brought up by hand) is marked ApplyStep.ThisBootOnly, written to the record as "thisBootOnly": true (only when
# set; a record without it, an older agent's, reads as not marked), and recovery of a record made in an earlier
# boot leaves such steps out (RecordedBoot.InLaterBoot), naming them in a warning; our own `up` steps still run.
# Killed by NetworkManagerRecoveryAcrossBootsTests (the product's recovery steps over the record the real applier
# wrote, judged by the real NetworkManager 1.42 against the next boot; tests/Agent.Commands.Tests/Network/),
# RecordedBootTests and TransactionRecordFormatTests, with RecoveryAcrossBootsTests and
# UnrestoredRetryAcrossBootsTests (the /run half of an earlier boot's record) run too.
# Outcome (session 62): 11 of 11 killed (the defect put back, in the plan or in recovery, by the real daemon's case, where eth0
# ends on the operator's connection while the next boot gives it ours, and by the product's later-boot steps; the record's
# mark by the format tests and the recovery steps; the warning by its exact text and by a record with no mark saying nothing).
# Session 63: mutant 1 retargeted at the NetworkManager plan's undoing (commands_s63_nmrollback.py) and rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.NetworkManagerRecoveryAcrossBootsTests", "-class", "*.RecordedBootTests", "-class", "*.TransactionRecordFormatTests",
             "-class", "*.RecoveryAcrossBootsTests", "-class", "*.UnrestoredRetryAcrossBootsTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
NB = "src/Agent.Commands/Network/Backends/NetworkManagerBackend.cs"
RF = "src/Agent.Commands/Network/Recovery/TransactionRecordFormat.cs"
RB = "src/Agent.Commands/Network/Recovery/RecordedBoot.cs"
NR = "src/Agent.Commands/Network/Recovery/NetworkRecovery.cs"
MUTANTS = [
    (NB, "ApplyStep.Try(\"nmcli\", \"connection\", \"up\", \"uuid\", connection.Uuid, \"ifname\", interfaceName) with { ThisBootOnly = true }",
     "ApplyStep.Try(\"nmcli\", \"connection\", \"up\", \"uuid\", connection.Uuid, \"ifname\", interfaceName)", "expr",
     "the defect put back: after a reboot recovery brings up the operator's connection of the earlier boot"),
    (NR, "return RecordedBoot.InLaterBoot(record);", "return RecordedBoot.WithoutRuntimeFiles(record);", "stmt",
     "the defect put back in recovery: the marked steps run in a later boot"),
    (RB, "record.Reapply.Where(step => step.ThisBootOnly)", "record.Reapply", "expr",
     "the warning names every step as left out"),
    (RB, "record.Reapply.Where(step => !step.ThisBootOnly)", "record.Reapply", "expr",
     "a later boot keeps every step"),
    (RB, "record.Reapply.Where(step => !step.ThisBootOnly)", "record.Reapply.Where(step => step.ThisBootOnly)", "expr",
     "a later boot runs only the marked steps, not our own reload and up"),
    (NR, "if (RecordedBoot.ThisBootSteps(record) is { Length: > 0 } skipped)\n        {\n            LogBootStepsSkipped(_logger, record.Started, string.Join(\", \", skipped.Select(step => step.Name)));\n        }",
     "LogBootStepsSkipped(_logger, record.Started, string.Join(\", \", RecordedBoot.ThisBootSteps(record).Select(step => step.Name)));", "stmt",
     "a warning with no step in it after every reboot"),
    (RF, "step.ThisBootOnly", "false", "expr",
     "the mark never written: recovery after a reboot runs the step", "if (step.ThisBootOnly)"),
    (RF, "true", "false", "expr",
     "the mark written as false: recovery after a reboot runs the step", "json.WriteBoolean(\"thisBootOnly\", true)"),
    (RF, "step.TryGetProperty(\"thisBootOnly\", out _) && Property(step, \"thisBootOnly\", JsonValueKind.True, JsonValueKind.False).GetBoolean()",
     "false", "expr",
     "the mark never read"),
    (RF, "step.TryGetProperty(\"thisBootOnly\", out _) && Property(step, \"thisBootOnly\", JsonValueKind.True, JsonValueKind.False).GetBoolean()",
     "step.TryGetProperty(\"thisBootOnly\", out _)", "expr",
     "a mark of false, or any value, read as marked"),
    (RF, "step.TryGetProperty(\"thisBootOnly\", out _) && Property(step, \"thisBootOnly\", JsonValueKind.True, JsonValueKind.False).GetBoolean()",
     "Property(step, \"thisBootOnly\", JsonValueKind.True, JsonValueKind.False).GetBoolean()", "expr",
     "an older agent's record, whose steps carry no mark, refused as unreadable"),
]

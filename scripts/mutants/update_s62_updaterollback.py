# Session 62 (updaterollback): a build that passes check-config but fails in `run` is put back by the
# packaged unit's update-rollback (a shell script, ExecStartPre arm / ExecStopPost stopped), from the
# record agentupdate writes before its rename (PendingUpdateRecord: install, new, backup, previous,
# the two SHA-256) and the new agent deletes once it serves (BuiltInCommands.ConfirmServing).
# Mutated: the record not written (no path, no previous binary check), its hashes swapped or taken
# from the wrong file, the record left after the update put the previous binary back itself (failed
# restart), a record that cannot be written let through, ConfirmServing removing nothing or only one
# of the two names. The script itself is not C# and is not mutated here: UpdateRollbackScriptTests
# and LiveSystemdTests.Update.cs judge it.
# Run: scripts/mutants/mutate.py scripts/mutants/update_s62_updaterollback.py
# Outcome (session 62): 9 of 9 killed by AgentUpdateCommandTests (baseline 132 passing): 1 by the record's text and the
# unwritable record, 2 by the first install, 3, 6 and 7 by the record's text and mode, 4 by the failed restart, 5 by the
# unwritable record, 8 and 9 by the serving agent's removal of the record and its armed form.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.AgentUpdateCommandTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
I = "src/Agent.Commands/Update/AgentInstaller.cs"
R = "src/Agent.Commands/Update/PendingUpdateRecord.cs"
B = "src/Agent.Commands/BuiltInCommands.cs"
MUTANTS = [
    (I, "WriteRecord(system, options, installPath, hadPrevious, binary)", "(string?)null", "expr",
     "no record written: the unit's rollback never puts the previous binary back"),
    (I, "!hadPrevious", "false", "expr",
     "a record on a first install, with no previous binary to go back to",
     "options.PendingUpdatePath is not { } record || !hadPrevious"),
    (I, "PendingUpdateRecord.Write(system, record, installPath, PendingUpdateRecord.Sha256(binary), previous);",
     "PendingUpdateRecord.Write(system, record, installPath, previous, PendingUpdateRecord.Sha256(binary));", "stmt",
     "the two hashes swapped: the rollback would find the installed binary is not the update's and never act"),
    (I, "RemoveRecord(system, record);", ";", "stmt",
     "the record left after a failed restart put the previous binary back itself",
     "// The running agent stays, on the previous binary: nothing is left for the rollback.\n            RemoveRecord(system, record);"),
    (I, "throw new CommandException(AgentUpdateMessages.InstallFailed(IoFailureReason.Of(exception)), exception);", "return null;", "stmt",
     "a record that cannot be written let through: an update installed that nothing could roll back",
     "return record;\n        }\n        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)\n        {\n            throw new CommandException(AgentUpdateMessages.InstallFailed(IoFailureReason.Of(exception)), exception);"),
    (R, "UnixFileMode.UserRead | UnixFileMode.UserWrite", "UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead", "expr",
     "the record readable by everyone", "ExactMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,"),
    (R, "SiblingNames.BackupPath(installPath)", "installPath", "expr",
     "the record names the install path as its backup", "backup={SiblingNames.BackupPath(installPath)}"),
    (R, "new[] { recordPath, recordPath + StartedSuffix }", "new[] { recordPath }", "expr",
     "the armed record (.started) left by the agent that serves: a later crash of it would be rolled back"),
    (B, "services.Get<AgentUpdateOptions>()?.PendingUpdatePath is { } record && PendingUpdateRecord.Remove(system, record)",
     "false", "expr",
     "the agent that serves never removes the record"),
]

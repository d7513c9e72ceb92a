# Mutants of session 30's review of the inject task: the rollbacks that put a saved mode back after
# the atomic writer (which never writes setuid or setgid, runtime_s30_inject.py) drop both bits too,
# so they neither re-add them nor fail under the shipped unit's RestrictSUIDSGID=yes:
# FileRestorer.Restore (resetnetwork's rollback and recovery) and SavedRegistration.RestoreUp2Date
# (kmsactivate's). NetworkApplierRollbackTests runs the restore under tests/Shared/SetIdRestriction.cs;
# KmsRollbackTests checks the mode a failed activation leaves. x86-64 or arm64 (the seccomp filter).
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s30_reviewinject.py
# Outcome (session 30, 2026-12-01): 3 mutants, 3 killed (18 tests each). The restorers' own
# mode-not-put-back mutants stay in their batches (kms_activate.py 26, network_apply.py 17), retargeted
# at the new mode local and rerun: both killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetworkApplierRollbackTests", "-class", "*KmsRollbackTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
R = "src/Agent.Commands/Network/Applying/FileRestorer.cs"
K = "src/Agent.Commands/Kms/SavedRegistration.cs"
MUTANTS = [
    (R, "saved.Mode & ~(UnixFileMode.SetUser | UnixFileMode.SetGroup)", "saved.Mode", "expr",
     "a rollback puts a setuid/setgid saved mode back whole (refused under RestrictSUIDSGID: the file is reported unrestored)"),
    (R, "saved.Mode & ~(UnixFileMode.SetUser | UnixFileMode.SetGroup)", "saved.Mode & ~UnixFileMode.SetUser", "expr",
     "a rollback puts setgid back"),
    (K, "old.Mode & ~(UnixFileMode.SetUser | UnixFileMode.SetGroup)", "old.Mode", "expr",
     "a failed kmsactivate puts a setuid/setgid up2date mode back whole"),
]

# Mutants of session 32's writer8 task, the restorers' half (tests/Agent.Commands.Tests): resetnetwork's
# FileSnapshot records each file's POSIX access ACL (SavedFile.Acl, empty for none, null when a
# recovery record an older agent wrote has none), the recovery record keeps it as an optional "acl",
# and FileRestorer and kmsactivate's SavedRegistration put it back through the writer's
# ExactAccessControl. Mutants 1, 2 and 3 are the old code (the ACL of the file there now kept): their
# kills show the new tests fail there. The writer's half is runtime_s32_writer8.py.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s32_writer8_commands.py
# Outcome (session 32, 2026-12-02): 7 mutants, 7 killed (33 tests each).
# Session 36 (writer12): 3 and 4 retargeted at file.AccessControl (the snapshot reads through
# IFileSystem.ReadRegularFile); rerun in one build with runtime_s36_writer12_commands.py (244 tests): both killed.
# Session 68 (infokms): mutant 2's text moved into SavedRegistration.AsTheOldUp2Date (the put-back's and the up2date copy's options); rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*FileRestorerAclTests", "-class", "*KmsRollbackTests", "-class", "*TransactionRecordFormatTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
F = "src/Agent.Commands/Network/Applying/FileRestorer.cs"
K = "src/Agent.Commands/Kms/SavedRegistration.cs"
S = "src/Agent.Commands/Network/Applying/SavedFile.cs"
N = "src/Agent.Commands/Network/Applying/FileSnapshot.cs"
T = "src/Agent.Commands/Network/Recovery/TransactionRecordFormat.cs"
MUTANTS = [
    (F, "saved.ExactAcl", "(ReadOnlyMemory<byte>?)null", "expr",
     "resetnetwork's restore keeps the changed file's ACL (the old code)"),
    (K, "_up2dateAcl", "(ReadOnlyMemory<byte>?)null", "expr",
     "kmsactivate's restore keeps the ACL rhnreg_ks left (the old code)", "ExactAccessControl = _up2dateAcl"),
    (N, "file.AccessControl", "(ReadOnlyMemory<byte>?)null", "expr",
     "the snapshot records no ACL (the old code)"),
    (N, "file.AccessControl", "(ReadOnlyMemory<byte>?)ReadOnlyMemory<byte>.Empty", "expr",
     "the snapshot records every file as having no ACL"),
    (S, "(ReadOnlyMemory<byte>?)null", "ReadOnlyMemory<byte>.Empty", "expr",
     "an unknown ACL (an older record) restored as none"),
    (T, "json.WriteBase64String(\"acl\", acl);", "", "stmt",
     "the recovery record drops the ACL"),
    (T, "Property(saved, \"acl\", JsonValueKind.String).GetBytesFromBase64()", "null", "expr",
     "the recovery record's ACL never read"),
]

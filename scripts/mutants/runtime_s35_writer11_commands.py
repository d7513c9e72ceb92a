# Mutants of session 35's writer11 task, its commands half (tests/Agent.Commands.Tests): resetnetwork's
# and kmsactivate's restores put a file's extended attributes back (the SELinux label, user.*), not
# only its ACL: the snapshot reads them (1), the restore asks for them (2), the recovery record writes
# and reads them (3, 4) and refuses what the writer would (5-7); kmsactivate reads and restores them (8, 9).
# 1, 2, 8 and 9 are the old code. Root is needed (security.selinux), and the acl and attr packages.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s35_writer11_commands.py
# Outcome (session 35, 2026-12-02, as root): 9 mutants, 9 killed (49 tests each).
# Session 36 (writer12): 1 and 8 retargeted at file.ExtendedAttributes (both snapshots read through
# IFileSystem.ReadRegularFile); rerun in one build with runtime_s36_writer12_commands.py (244 tests): both killed.
# Session 68 (infokms): mutant 9's text moved into SavedRegistration.AsTheOldUp2Date (the put-back's and the up2date copy's options); rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*FileRestorerAttributesTests", "-class", "*FileRestorerAclTests", "-class", "*KmsRollbackTests",
             "-class", "*TransactionRecordFormatTests", "-class", "*UserFileSystemRestoreTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
F = "src/Agent.Commands/Network/Applying/FileRestorer.cs"
K = "src/Agent.Commands/Kms/SavedRegistration.cs"
N = "src/Agent.Commands/Network/Applying/FileSnapshot.cs"
T = "src/Agent.Commands/Network/Recovery/TransactionRecordFormat.cs"
NONE = "(IReadOnlyDictionary<string, ReadOnlyMemory<byte>>?)null"
MUTANTS = [
    (N, "file.ExtendedAttributes", NONE, "expr",
     "the snapshot records no attributes (the old code)"),
    (F, "saved.Attributes", NONE, "expr",
     "resetnetwork's restore keeps the attributes of the file there (none, for one the change deleted)"),
    (T, "saved.Attributes", NONE, "expr",
     "the recovery record writes no attributes"),
    (T, "ReadAttributes(element)", "null", "expr",
     "the recovery record's attributes not read"),
    (T, "_ = new AtomicWriteOptions { ExactExtendedAttributes = attributes };", "", "stmt",
     "a record naming an attribute the writer cannot set (the ACL's) is read, and fails that file's restore"),
    (T, "attribute.Value.ValueKind != JsonValueKind.String", "false", "expr",
     "a record's attribute value that is not a string read as base64"),
    (T, "!attributes.TryAdd(attribute.Name, attribute.Value.GetBytesFromBase64())", "false", "expr",
     "a record's attributes dropped (and a name twice taken)"),
    (K, "file.ExtendedAttributes", NONE, "expr",
     "kmsactivate saves no attributes of up2date (the old code)"),
    (K, "_up2dateAttributes", NONE, "expr",
     "kmsactivate's restore keeps the attributes rhnreg_ks left (the old code)", "ExactExtendedAttributes = _up2dateAttributes"),
]

# Mutants of session 68's second kmsactivate fixes: an old up2date that cannot be read (EACCES from an LSM, EIO) or is a
# directory answered "Couldn't read /etc/sysconfig/rhn/up2date: <reason>" before anything changes (not as a write), a
# link at up2date still taken for none (the write refuses it), and a failed activation removing the directories its
# write made for up2date (/etc/sysconfig/rhn on RHEL 8+, which has no rhnreg_ks) while they are empty, never one that
# was there. Killed by KmsUp2DateReadFailureTests, KmsRollbackTests (a directory at up2date) and
# KmsMadeDirectoryTests. The rmdir itself (never a recursive delete) is runtime_s68_kms2.py's. The switch arm that takes
# a link for none is a pattern, and the refusing arm a throw expression, which the switches cannot wrap (first versions
# of those mutants did not compile); the refusal's reason is mutated instead.
# Outcome (session 68): 4 of 4 killed (run from a clone of the branch).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*Kms*"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
K = "src/Agent.Commands/Kms/KmsActivateCommand.cs"
S = "src/Agent.Commands/Kms/SavedRegistration.cs"
MUTANTS = [
    (K, "KmsActivateMessages.ReadFailed(Up2DateConfig.Path, IoFailureReason.Of(exception))", "KmsActivateMessages.WriteFailed(IoFailureReason.Of(exception))", "expr",
     "a read failure answered as a write failure (the old answer)"),
    (S, "PathRefusal.TargetNotRegular", "PathRefusal.LinkAtTarget", "expr",
     "a directory at up2date refused with a link's reason"),
    (S, "RemoveMadeDirectories();", "", "stmt",
     "the put-back leaves the empty /etc/sysconfig/rhn its write made (the old behaviour)"),
    (S, "system.FileSystem.GetStatus(directory) is null", "true", "expr",
     "an /etc/sysconfig/rhn that was there taken for one the write made: removed when empty"),
]

# Mutants of session 30's inject task: no file, backup or directory the atomic writer writes is setuid
# or setgid (AtomicFileWriter.SetIdBits), and the backup of a setuid, setgid or capability-carrying
# program is a copy without them rather than a hard link to the old, privileged inode
# (ExtendedAttributes.Read's capabilities). AtomicFileWriterSetIdTests pins each (it runs writes under
# tests/Shared/SetIdRestriction.cs, a per-thread seccomp filter as systemd's RestrictSUIDSGID=yes);
# injectfile's own tests (InjectFileSetIdTests, Agent.Commands.Tests) are not run here: the rule is
# the writer's. SetIdBits is a const, so its mutants are at its uses (setgid alone kept: SetUser).
# Only tests/Agent.Tests' AtomicFileWriter classes and PinnedDirectoryTests run.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s30_inject.py
# Outcome (session 30, 2026-12-01): 11 mutants, 11 killed (108 tests each; 8 and 10 by the capability
# test alone). 10 and 11 were retargeted when capabilities came to be told from Read's list of names,
# and rerun: both killed. Session 33 (writer9): 10-11 follow the names' one reading,
# ExtendedAttributes.ListNames (runtime_s33_writer9.py); rerun: both killed (with the other retargeted Agent.Tests mutants of session 33, one build, GuestAgent.Tests.Platform.*, 315 tests). The tests need root for the capability test (else it skips, and 8 and 10
# survive) and x86-64 or arm64 for the seccomp filter.
# Session 31 (writer7): 1-4 follow the mode's new ExactMode; 5-6 moved with the directories' mask to
# PinnedDirectory (where every directory creation's mode is applied, IFileSystem.CreateDirectory's
# too); 7-9 follow the backup's new Backup helper (privileged told as `capabilities || setid`, the
# copy's mode the old file's less the bits). Rerun 1-9: all killed.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*AtomicFileWriter*", "-class", "*PinnedDirectoryTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
A = "src/Agent/System/AtomicFileWriter.cs"
X = "src/Agent/System/Native/ExtendedAttributes.cs"
P = "src/Agent/System/PinnedDirectory.cs"
MUTANTS = [
    (A, "(options.ExactMode ?? existing?.Mode ?? options.NewFileMode) & ~SetIdBits", "(options.ExactMode ?? existing?.Mode ?? options.NewFileMode)", "expr",
     "a rewrite keeps the old file's setuid/setgid (the pre-s30 writer)"),
    (A, "(options.ExactMode ?? existing?.Mode ?? options.NewFileMode) & ~SetIdBits", "(options.ExactMode ?? existing?.Mode ?? options.NewFileMode) & ~UnixFileMode.SetUser", "expr",
     "a rewrite drops setuid but keeps setgid"),
    (A, "(options.ExactMode ?? existing?.Mode ?? options.NewFileMode) & ~SetIdBits", "(options.ExactMode & ~SetIdBits) ?? (existing?.Mode & ~SetIdBits) ?? options.NewFileMode", "expr",
     "a new file gets the setuid/setgid NewFileMode asks for"),
    (A, "(options.ExactMode ?? existing?.Mode ?? options.NewFileMode) & ~SetIdBits", "(options.ExactMode ?? existing?.Mode ?? options.NewFileMode) & ~(SetIdBits | UnixFileMode.StickyBit)", "expr",
     "a rewrite drops the sticky bit too"),
    (P, "creation.Mode & ~AtomicFileWriter.SetIdBits", "creation.Mode", "expr",
     "directories made for a write get the setuid/setgid CreateDirectoriesWithMode asks for"),
    (P, "creation.Mode & ~AtomicFileWriter.SetIdBits", "creation.Mode & ~UnixFileMode.SetUser", "expr",
     "directories made for a write keep a setgid CreateDirectoriesWithMode asks for"),
    (A, "capabilities || (old.Mode & SetIdBits) != 0", "capabilities", "expr",
     "a setuid program's backup is a hard link: the old inode, setuid still"),
    (A, "capabilities || (old.Mode & SetIdBits) != 0", "(old.Mode & SetIdBits) != 0", "expr",
     "a capability-carrying program's backup is a hard link: the old inode, capabilities and all"),
    (A, "old.Mode & ~SetIdBits", "old.Mode", "expr",
     "a setuid program's backup copy is given the old mode, setuid included"),
    (X, "capabilities = true;", "", "stmt",
     "file capabilities are never noticed on the old file"),
    (X, "name.SequenceEqual(CapabilitiesName)", "!name.SequenceEqual(CapabilitiesName)", "expr",
     "file capabilities are seen where there are none (every backup with an attribute a copy) and missed where there are"),
]

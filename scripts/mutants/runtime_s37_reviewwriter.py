# Mutants of session 37's review of writer13 (tests/Agent.Tests): the lifetimes of the descriptors the
# one-look change keeps (DescriptorLifetimeTests counts this process's descriptors under its own
# directory after writes with backups, a discarded stage, a skipped write, a commit whose rename fails,
# a refused FIFO, ReadEntry of every kind and a journal load):
# - the O_PATH look a staged file keeps for its commit's backup, closed when the commit ends, however
#   it ends (1), and when the staged file is thrown away (2); closed at the stage's end when not handed
#   over (a skipped or refused write, 3);
# - FileInPlace's kept look (4);
# - PreviousBackup.Keep's look at the older backup (5) and its reopen through /proc/self/fd (6).
# Not mutated: FileInPlace.Found's catch closing the look when its statx or reopen fails (no test can
#   make statx of a descriptor fail; a failed reopen needs /proc unmounted, which fails every write:
#   the reopen's ENOENT is reported as "open failed for '<path>': No such file or directory", see the
#   review's report); the `using` of ReadEntry's and the journal's FileInPlace (a `using` declaration
#   and a `using` block around declarations, which a switch cannot leave out; FileInPlace.Dispose's own
#   closing of the look is 4, killed through both).
# Root is needed (the writer's other classes are not run here), and mkfifo.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s37_reviewwriter.py
# - 7: runtime_s37_writer13.py's 10 retargeted at LibCAt.ViaDescriptor (the /proc/self/fd/N paths now
#   built in one place), rerun here with that batch's killing class, PreviousBackupLookTests.
# Outcome (session 37, 2026-12-03, as root): 7 mutants, 7 killed (40 tests each; 1-6 first killed with
# DescriptorLifetimeTests alone, 3 tests). The unmutated code passed: no descriptor leaked on any of
# those paths.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*DescriptorLifetimeTests", "-class", "*PreviousBackupLookTests", "-class", "*ReadInPlaceOpenTests",
             "-class", "*FileInPlaceLookTests", "-class", "*DeleteTree*", "-class", "*AtomicFileWriterLeftoverTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
S = "src/Agent/System/AtomicFileWriter.Staging.cs"
A = "src/Agent/System/AtomicFileWriter.cs"
F = "src/Agent/System/FileInPlace.cs"
P = "src/Agent/System/AtomicFileWriter.PreviousBackup.cs"
MUTANTS = [
    (S, "_replaced?.Dispose();", "", "stmt",
     "the stage's look not closed when the commit ends",
     "finally\n            {\n                _replaced?.Dispose();"),
    (S, "_replaced?.Dispose();", "", "stmt",
     "the stage's look not closed when the staged file is thrown away",
     "_done = true;\n            _replaced?.Dispose();"),
    (A, "found.Dispose();", "", "stmt",
     "the look not closed at the stage's end when no staged file takes it"),
    (F, "_looked?.Dispose();", "", "stmt",
     "FileInPlace's kept O_PATH look never closed"),
    (P, "looked!", "null", "expr",
     "the older backup's look not closed once kept (or not)", "using (looked!)"),
    (P, "handle!", "null", "expr",
     "the older backup's reopen (for its capabilities) not closed", "using (handle!)"),
    (P, "LibCAt.ViaDescriptor(looked)", "\"/nonexistent\"", "expr",
     "the backup's reopen fails: every regular backup counted privileged (never kept); runtime_s37_writer13.py's 10 retargeted at LibCAt.ViaDescriptor"),
]

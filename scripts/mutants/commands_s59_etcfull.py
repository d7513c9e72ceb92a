# Mutants of session 59's rollback on a full /etc: FileRestorer renames each replaced file's .bak
# back over it (no new space needed) when the .bak still is the saved file (SavedFile.Matches:
# bytes, mode, owner, ACL and attributes where known), leaves a file still as saved and its .bak
# alone, and writes the earlier runs' .bak files only after every file is back.
# Killed by RenameBackRecoveryTests and NetworkRecoveryTests (tests/Agent.Commands.Tests/Network/Recovery/);
# the order's point (a rollback finishing on a real full tmpfs) is FullEtcTests' (published daemon).
# Outcome (session 59): 10 of 11 killed; the survivor (a renamed-back file passed to the writing
# restore too) is equivalent: the writer's SkipIfUnchanged finds it as saved and writes nothing.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.RenameBackRecoveryTests", "-class", "*.NetworkRecoveryTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
F = "src/Agent.Commands/Network/Applying/FileRestorer.cs"
S = "src/Agent.Commands/Network/Applying/SavedFile.cs"
MUTANTS = [
    (F, "_system.FileSystem.Move(snapshot.BackupPath, snapshot.Path);", ";", "stmt",
     "the .bak never renamed back, yet the file counted as back (left new)"),
    (F, "SyncParent(snapshot.Path);", ";", "stmt",
     "the rename back not synced before the record goes",
     "            SyncParent(snapshot.Path);\n            return true;"),
    (F, "_system.FileSystem.ReadRegularFile(snapshot.Path) is { } now && saved.Matches(now)", "false", "expr",
     "a file still as saved has its .bak renamed over it (an earlier run's .bak written anew)"),
    (F, "!saved.Matches(backup)", "false", "expr",
     "any .bak renamed back, whatever it holds"),
    (F, "!renamedBack.Contains(snapshot)", "true", "expr",
     "a file renamed back written again from the record (a new inode, space needed)"),
    (S, "file.Contents.AsSpan().SequenceEqual(Contents)", "true", "expr",
     "a .bak with other contents taken for the old file"),
    (S, "file.Status.Mode == Mode", "true", "expr",
     "a .bak with another mode taken for the old file"),
    (S, "file.Status.Owner == Owner", "true", "expr",
     "a .bak with another owner taken for the old file"),
    (S, "acl.Span.SequenceEqual(Acl)", "true", "expr",
     "a .bak with another ACL taken for the old file"),
    (S, "SameAttributes(attributes, Attributes)", "true", "expr",
     "a .bak with other attributes taken for the old file"),
    (S, "found.Count == saved.Count", "true", "expr",
     "a .bak with an attribute more taken for the old file"),
]

# Mutants of session 37's review of writer13, the commands' half (tests/Agent.Commands.Tests): the three
# status-then-read sites writer13 recommended, now one look each:
# - TransactionStore.Read: the record checked (owner, mode) is the one read, from one ReadRegularFile
#   (1 is the old code's read by name, 2 its check of the status by name);
# - TransactionStore.Write: the record made private by the writer (ExactMode, on the temp file before
#   the rename), no chmod by name after the write (3: the mode left to an existing record's);
# - network_recovery.py's 1, 3 and 4, retargeted at the new code, rerun here as 3, 6 and 7 (3 is that
#   batch's 1 itself: the same text, so not written twice);
# - PasswordAttempt.ReadLines: the marks are those of the small regular file looked at (4 is the old
#   code's read by name, 5 the size bound on what was read dropped).
# Not mutated: the status read before PasswordAttempt's look (only spares reading a file too large to
#   be the agent's: the bound on what is read is 5); the record's "not a regular file" refusal (unchanged
#   wording, pinned by the recovery tests).
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s37_reviewwriter_commands.py
# Outcome (session 37, 2026-12-03, as root): 7 mutants, 7 killed (95 tests each: the Recovery namespace
# and *PasswordAttempt*). 1, 2 and 4 are the old code; 6 failed NetworkRecoveryTests' FIFO record by its
# bound (63 s) as well as the one-look tests.
# Session 60: mutant 6 retargeted (the retry guard) and rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.Recovery.*", "-class", "*PasswordAttempt*"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
T = "src/Agent.Commands/Network/Recovery/TransactionStore.cs"
W = "src/Agent.Commands/Security/PasswordAttempt.cs"
MUTANTS = [
    (T, "file.Contents", "_system.FileSystem.ReadAllBytes(RecordPath)", "expr",
     "the record read by name after its look (the old code)", "TransactionRecordFormat.Read(file.Contents)"),
    (T, "file.Status", "_system.FileSystem.GetStatus(RecordPath)!.Value", "expr",
     "the record's owner and mode checked by name, not of the file read (the old code)", "CheckTrusted(file.Status, \"it\")"),
    (T, "PrivateFile", "null", "expr",
     "an existing record's wider mode kept (network_recovery.py's 1 retargeted)", "ExactMode = PrivateFile,"),
    (W, "Encoding.UTF8.GetString(file.Contents)", "system.FileSystem.ReadAllText(path)", "expr",
     "the marks read by name after the look (the old code)"),
    (W, "file.Contents.Length < MaxFileSize", "true", "expr",
     "a file too large to be the agent's read for marks once past the status read by name"),
    (T, "_system.FileSystem.ReadRegularFile(path)", "new RegularFile(_system.FileSystem.ReadAllBytes(path), _system.FileSystem.GetStatus(path)!.Value, null, null)", "expr",
     "a record that is a link or FIFO is read (network_recovery.py's 3 retargeted)"),
    (T, "CheckDirectoryTrusted();", "", "stmt",
     "reading a record does not check its directory (network_recovery.py's 4 retargeted; here on the call alone, 2 having wrapped the next line)"),
]

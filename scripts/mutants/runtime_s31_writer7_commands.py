# Mutants of session 31's writer7 task, the commands' half (tests/Agent.Commands.Tests): how an
# answer words a BackupTooLargeException (IoFailureReason: the existing file too large to back up,
# why its backup had to be a copy, its size and the limit, never the path), which injectfile,
# password and agentupdate put after their "Couldn't ..." text. The writer's half, and what moved
# from session 30's runtime_s30_reviewinject.py, are in runtime_s31_writer7.py's header.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s31_writer7_commands.py
# Outcome (session 31, 2026-12-02): 3 mutants, 3 killed (27 tests each).
# Session 31's review (review-writer) shortened the answer to one clause (the texts the mutants
# name are unchanged); rerun: 3 killed (27 tests each), 1 being the old answer itself.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*IoFailureReasonTests", "-class", "*InjectFileSetIdTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
I = "src/Agent.Commands/IoFailureReason.cs"
MUTANTS = [
    (I, "BackupTooLarge(tooLarge)", "Marshal.GetPInvokeErrorMessage(tooLarge.HResult)", "expr",
     "a too-large backup answered with the errno's 'File too large' alone (the old answer)"),
    (I, "exception.Privileged", "!exception.Privileged", "expr",
     "the answer gives the other reason for the copy"),
    (I, "exception.Length", "exception.Limit", "expr",
     "the answer names the limit as the file's size"),
]

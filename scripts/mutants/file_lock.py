# Mutants of FileLock: the lock of a file replaced while waiting, the file created when it must not
# be, a short read padded, cancellation turned into a timeout.
# Run: scripts/mutants/mutate.py scripts/mutants/file_lock.py
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*FileLockTests", "-class", "*FileLockDescriptorCopyTests", "-class", "*FileLockRetryTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 120
L = "src/Agent/System/FileLock.cs"
MUTANTS = [
    (L, "kind != FileLockKind.Record && LibC.LinkCount(handle, hostPath) == 0", "false", "expr",
     "a flock taken on a file renamed over or removed while waiting is kept (pw_lock's check skipped)"),
    (L, "kind != FileLockKind.Flock", "true", "expr",
     "a Flock of a missing file creates it"),
    (L, "return contents[..read];", "return contents;", "stmt",
     "a file that shrank while read is returned padded with zeros"),
    (L, "!cancellationToken.IsCancellationRequested", "true", "expr",
     "the caller's cancellation ends in one last try and a TimeoutException"),
    (L, "Math.Min(retry.Ticks * 2, LongestRetry.Ticks)", "retry.Ticks * 2", "expr",
     "the retry interval grows without bound"),
]

# Mutants of session 32's review of writer8 (the atomic writer's half, tests/Agent.Tests): the removal of
# the access ACL a directory's default ACL gives the temp file takes a file system's answer that there is
# none to remove (ENODATA) or that it keeps none (EOPNOTSUPP), and fails the write on any other (strace's
# fault injection, SyscallTrace). writer8's mutant 5 (runtime_s32_writer8.py) is the ENODATA half.
# The restorers' half is runtime_s32_reviewwriter_commands.py. Root, strace and the acl package are needed.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s32_reviewwriter.py
# Outcome (session 32, 2026-12-02): 2 mutants, both killed (9 tests each).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*AtomicFileWriterAclTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
X = "src/Agent/System/Native/ExtendedAttributes.cs"
MUTANTS = [
    (X, "errno is not (ENoData or ENotSupported)", "errno is not ENoData", "expr",
     "a file system without ACLs fails every rewrite"),
    (X, "errno is not (ENoData or ENotSupported)", "false", "expr",
     "a failed removal ignored: the rewrite may carry the directory's default ACL"),
]

# Mutants of session 51's standard streams without .NET's console (StandardDescriptorStream): a pipe whose reader
# went away drops the output, a non-blocking descriptor is waited on, a failure is the system's message.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s51_standard_streams.py
# Outcome (session 51): 5 of 5 killed by StandardDescriptorStreamTests (3 and 5 by the 30 s bound: the writer never finishes).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*StandardDescriptorStreamTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 120
S = "src/Agent/System/Native/StandardDescriptorStream.cs"
MUTANTS = [
    (S, "errno == BrokenPipe", "false", "expr", "EPIPE: a vanished reader fails the write instead of dropping it"),
    (S, "errno != TryAgain", "true", "expr", "EAGAIN: a non-blocking descriptor fails instead of being waited on"),
    (S, "buffer = buffer[(int)written..];", "buffer = buffer[(int)(written / 2)..];", "stmt", "partial writes: part of the output written twice"),
    (S, "!_writable", "true", "expr", "direction: an output stream reads", "CanRead => !_writable"),
    (S, "MemoryMarshal.Write(descriptor[4..], in events);", "", "stmt", "poll: asks for no event, so a writer on a full non-blocking pipe never wakes"),
]

# Mutants of session 70's libssl look: a file the start-up look takes for libssl must be an ELF of this
# process's kind (class and machine), as the loader requires; another architecture's libssl, which a
# multiarch system (dpkg --add-architecture arm64) lists in ld.so.conf.d, is skipped. Killed by
# LoaderSearchPathTests (real arm64 and amd64 libssl files from Debian's multiarch packages, and stand-in
# headers of this process's kind).
# Outcome (session 70): 2 of 2 killed (the class mutant after A_32_bit_library_of_the_same_machine_is_not_taken was added;
# a third, the header read short, was dropped as equivalent: the unread bytes fail the machine check anyway).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.LoaderSearchPathTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
O = "src/Agent.Commands/OpenSslLibrary.cs"
MUTANTS = [
    (O, "(machine is null || headerMachine == machine)", "true", "expr",
     "another machine's library taken (the session 70 defect)"),
    (O, "header[4] == elfClass", "true", "expr",
     "a 32-bit library taken by a 64-bit process"),
]

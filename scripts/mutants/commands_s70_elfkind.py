# Mutants of session 70's libssl look: a file the start-up look takes for libssl must be an ELF of this
# process's kind (class and machine), as the loader requires; another architecture's libssl, which a
# multiarch system (dpkg --add-architecture arm64) lists in ld.so.conf.d, is skipped. Killed by
# LoaderSearchPathTests (real arm64 and amd64 libssl files from Debian's multiarch packages, and stand-in
# headers of this process's kind).
# Outcome (session 70): see below.
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
    (O, "file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length", "file.ReadAtLeast(header, 4, throwOnEndOfStream: false) >= 4", "expr",
     "a file cut short after the magic read as a library"),
]

# Mutants of session 64's IFileSystem.ReadBelowUndecodableName (RootedFileSystem): a file below a directory entry whose
# name is not valid UTF-8 read by the name's bytes, /sys/class/net/x\xE9/address. Killed by UndecodableInterfaceNameTests
# (the real kernel's sysfs, an interface named x\xE9) in the commands' tests, the only reader.
# Outcome (session 64): 1 of 1 killed (by both UndecodableInterfaceNameTests).
# Session 65: retargeted at RootedFileSystem.Undecodable.cs's ReadByBytes, which ReadBelowUndecodableName and ReadUndecodableName share; rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.UndecodableInterfaceNameTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
R = "src/Agent/System/RootedFileSystem.Undecodable.cs"
MUTANTS = [
    (R, "[.. LibC.Utf8(full.TrimEnd('/') + \"/\")[..^1], .. name, .. LibC.Utf8(below)]",
     "[.. LibC.Utf8(full.TrimEnd('/') + \"/\")[..^1], .. System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(name)), .. LibC.Utf8(below)]", "expr",
     "the name decoded, U+FFFD in place of its byte: a path to nothing"),
]

# Mutants of session 65's IFileSystem.ReadUndecodableName (RootedFileSystem.Undecodable.cs): a file whose name is not
# UTF-8 read by its bytes, the entry itself (/etc/sysconfig/network-scripts/ifcfg-x\xE9), through the one byte-path read
# ReadBelowUndecodableName shares. Killed by BackendInUseTests (a real file so named) and UndecodableInterfaceNameTests
# in the commands' tests, the only readers.
# Outcome (session 65): 3 of 3 killed (1-2 by the ifcfg-x\xE9 case, 3 by the four UndecodableInterfaceNameTests cases with x\xE9).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.BackendInUseTests", "-class", "*.UndecodableInterfaceNameTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
R = "src/Agent/System/RootedFileSystem.Undecodable.cs"
MUTANTS = [
    (R, "ReadByBytes(directory, name, \"\")", "ReadByBytes(directory, name, \"/\")", "expr",
     "the entry read as a directory (ifcfg-x\\xE9/): ENOTDIR, nothing"),
    (R, "ReadByBytes(directory, name, \"\")", "null", "expr",
     "the default's answer, cannot tell: ifcfg-x\\xE9 never read"),
    (R, "ReadByBytes(directory, name, \"/\" + file)", "ReadByBytes(directory, name, file)", "expr",
     "the file below the entry read as a longer name (x\\xE9address): a NIC so named never seen"),
]

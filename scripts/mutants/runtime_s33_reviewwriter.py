# Mutants of session 33's review of writer9's task (tests/Agent.Commands.Tests): agentupdate's
# extraction makes its directories in the staging area (the extraction root, SafeTarExtractor, and
# each directory inside it, TarEntryWriter) 0700 from their mkdir on (StagingFiles.CreatePrivateDirectory),
# not .NET's default 0777, which a default ACL above the staging area would leave its named entries'
# full rights (until a chmod, or for good where none followed). 1 is both old codes at once, 2 and 3
# each call's old code.
# Root is needed (strace attaches to the test process), and the acl package (setfacl, getfacl).
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s33_reviewwriter.py
# Outcome (session 33, 2026-12-02, as root): 3 mutants, 3 killed (19 tests each; 2 only by the strace test,
# as the old chmod left each subdirectory's final mode and ACL right).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*ExtractedDirectoryModeTests", "-class", "*SafeTarExtractorTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
S = "src/Agent.Commands/Update/StagingFiles.cs"
X = "src/Agent.Commands/Update/SafeTarExtractor.cs"
T = "src/Agent.Commands/Update/TarEntryWriter.cs"
MUTANTS = [
    (S, "Directory.CreateDirectory(hostPath, PrivateDirectory);", "Directory.CreateDirectory(hostPath);", "stmt",
     "every directory of the extraction made with .NET's default 0777"),
    (T, "StagingFiles.CreatePrivateDirectory(current);", "Directory.CreateDirectory(current); File.SetUnixFileMode(current, StagingFiles.PrivateDirectory);", "stmt",
     "a directory inside the extraction made 0777, then chmodded (the old code)"),
    (X, "StagingFiles.CreatePrivateDirectory(destination);", "Directory.CreateDirectory(destination);", "stmt",
     "the extraction root made 0777 and left so (the old code)"),
]

# Mutants of injectfile's owners and modes that the real sshd judges (session 58): a key injected into a
# home, over an existing key file, and as Nova injects root's, must log in through sshd with StrictModes.
# Killed by InjectFileSshLoginTests (tests/Agent.Commands.Tests/Files/; needs root, sshd and ssh).
# Session 62: mutant 1 placed by its context (the home rule's use of the option now holds the text too). Rerun after the move: killed.
# Outcome (session 58): 3 of 3 killed (2 only once alice's group had another member: Debian's sshd lets a private group write).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.InjectFileSshLoginTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
O = "src/Agent.Commands/Files/InjectFileOptions.cs"
I = "src/Agent.Commands/Files/FileInjector.cs"
MUTANTS = [
    (I, "options.InheritUserDirectoryOwner", "false", "expr", "a key file in alice's home stays root's (sshd reads it as alice)",
     "InheritUserDirectoryOwner = options.InheritUserDirectoryOwner,"),
    (O, "UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute",
     "UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute",
     "expr", "new directories group-writable (StrictModes refuses ~/.ssh then)"),
    (O, "UnixFileMode.UserRead | UnixFileMode.UserWrite", "UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite",
     "expr", "new files group-writable (StrictModes refuses authorized_keys then)",
     "NewFileMode { get; init; } = UnixFileMode.UserRead | UnixFileMode.UserWrite;"),
]

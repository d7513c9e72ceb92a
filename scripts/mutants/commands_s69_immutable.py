# Mutants of session 69's immutable /etc/resolv.conf: NetworkFilesRenderer.UnlessPinned leaves a file carrying the
# immutable attribute (chattr +i) as it is, warning unless it already says what would be written, and FileSystemView
# passes the question to the file system. Killed by ImmutableResolvConfResetTests (the real flag, a Debian root).
# Outcome (session 69): 3 of 3 killed (run from a clone of main), all by ImmutableResolvConfResetTests.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.ImmutableResolvConfResetTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
N = "src/Agent.Commands/Network/Rendering/NetworkFilesRenderer.cs"
V = "src/Agent.Commands/Network/FileSystemView.cs"
MUTANTS = [
    (N, "UnlessPinned(ResolvConfRenderer.Render(configuration, current, dns.ReplaceLink), current)",
     "ResolvConfRenderer.Render(configuration, current, dns.ReplaceLink)", "expr",
     "an immutable resolv.conf written anyway: the rename fails and the whole reset with it"),
    (N, "current.ReadText(file.Path) == file.Contents", "false", "expr",
     "a pinned file that already says what would be written warned about at every reset"),
    (V, "_fileSystem.IsImmutable(path)", "false", "expr",
     "the view knowing of no immutable file"),
]

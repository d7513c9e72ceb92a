# Mutants of session 35's review of shell11 (review-shell): inside a $(…), bash ends a here-document's body at a line that
# starts with the delimiter and holds a ) anywhere after it (E ), Ex), E;x), not only E)), and parses the rest of the line;
# dash takes the line as text (ShellHereDocuments.Lines' splits, so the editor refuses the file). A line starting with the
# delimiter and holding no ) (E x) ends no body to either shell and is edited.
# Run: scripts/mutants/mutate.py scripts/mutants/network_s35_reviewshell.py
# Session 35 (review-shell): 1-2 run: both killed (ShellBrokenSubstitutionTests' E ) and E x rows; 1 is shell11's check, so the E ) row fails on it).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*ShellBrokenSubstitutionTests", "-stopOnFail"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
H = "src/Agent.Commands/Network/Rendering/Common/ShellHereDocuments.cs"
MUTANTS = [
    (H, "read.StartsWith(document.Delimiter, StringComparison.Ordinal) && read.AsSpan(document.Delimiter.Length).Contains(')')", "read.StartsWith(document.Delimiter + \")\", StringComparison.Ordinal)", "expr", "only a line that is the delimiter and ) taken as ending the body to bash (shell11's check: E ) and Ex) missed)"),
    (H, "read.AsSpan(document.Delimiter.Length).Contains(')')", "true", "expr", "any line starting with the delimiter taken as split (over-refusal: E x)"),
]

# Mutants of session 58's /etc/hosts rules, checked by the real readers (hostname -F/-f/-d and glibc's
# getent in namespaces of their own): the hostname first on a rewritten line (glibc's canonical name),
# a line that already names it, without case, left alone, and a line left alone without it not
# counting as handled (the address still appended with the name).
# Killed by HostsFileCanonicalNameTests, HostnameResolutionTests and OriginalAgentOracleTests
# (tests/Agent.Commands.Tests/Network/).
# Outcome (session 58): 6 of 6 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.HostsFileCanonicalNameTests", "-class", "*.HostnameResolutionTests", "-class", "*.OriginalAgentOracleTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
F = "src/Agent.Commands/Network/Rendering/Common/HostsFileRewriter.cs"
MUTANTS = [
    (F, "StringComparer.OrdinalIgnoreCase", "StringComparer.Ordinal", "expr",
     "a line naming the hostname in another case rewritten, its FQDN no longer first",
     "names.Contains(hostname, StringComparer.OrdinalIgnoreCase)"),
    (F, "!named", "true", "expr", "a line that already names the hostname rewritten with it first",
     "!named && names.Length == 2"),
    (F, "$\"{parts[0]}\\t{written} {dotted}{comment}\\n\"", "$\"{parts[0]}\\t{dotted} {written}{comment}\\n\"", "expr",
     "the old FQDN kept first on the rewritten line (hostname -f gives the old name)"),
    (F, "names.Single(n => n.Contains('.', StringComparison.Ordinal))", "names[0]", "expr",
     "the line's first name kept beside the hostname, whichever it is"),
    (F, "!named", "false", "expr", "a line left alone without the hostname counts as handled (the original's rule)",
     "if (!named)"),
    (F, "pending.RemoveAt(index);", ";", "stmt", "a handled address appended again"),
]

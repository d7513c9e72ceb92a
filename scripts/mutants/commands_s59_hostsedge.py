# Mutants of session 59's /etc/hosts edges, checked by the real readers (hostname -f/-s/-i and glibc's
# getent ahosts in namespaces of their own): a loopback name (localhost, a name under .localhost,
# localhost.localdomain, any case) never given to an interface's address, 127.0.0.1 given it only
# where no loopback line names it, and a dotted hostname written with its short label (never one
# that is a loopback name).
# Killed by HostsFileEdgeResolutionTests, HostsFileCanonicalNameTests, HostnameResolutionTests and
# OriginalAgentOracleTests (tests/Agent.Commands.Tests/Network/).
# Outcome (session 59): 12 of 12 killed. Session 60 retargeted mutants 7 and 8 (the loopback rewrite now goes line by
# line), not rerun.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.HostsFileEdgeResolutionTests", "-class", "*.HostsFileCanonicalNameTests",
             "-class", "*.HostnameResolutionTests", "-class", "*.OriginalAgentOracleTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
F = "src/Agent.Commands/Network/Rendering/Common/HostsFileRewriter.cs"
MUTANTS = [
    (F, "IsLoopbackName(hostname)", "false", "expr",
     "a loopback name appended to every interface address (getent ahosts localhost gives them)",
     "if (IsLoopbackName(hostname))"),
    (F, "name.Equals(\"localhost\", StringComparison.OrdinalIgnoreCase)", "name == \"localhost\"", "expr",
     "LOCALHOST from the host given to the interfaces' addresses"),
    (F, "name.EndsWith(\".localhost\", StringComparison.OrdinalIgnoreCase)", "false", "expr",
     "a name under .localhost given to the interfaces' addresses"),
    (F, "name.Equals(\"localhost.localdomain\", StringComparison.OrdinalIgnoreCase)", "false", "expr",
     "localhost.localdomain given to the interfaces' addresses"),
    (F, "IPAddress.IsLoopback(address)", "true", "expr",
     "a line of another address naming the loopback name counts as mapping it to 127.0.0.1"),
    (F, "parts.Skip(1).Contains(hostname, StringComparer.OrdinalIgnoreCase)", "parts.Skip(1).Contains(hostname, StringComparer.Ordinal)", "expr",
     "a loopback line naming it in another case not counted: 127.0.0.1 <name> appended again"),
    (F, "mapped", "false", "expr",
     "127.0.0.1 <name> appended where a loopback line names it already (Red Hat's file changed)", "if (mapped)"),
    (F, "rewritten.Length == 0 || rewritten.EndsWith('\\n') ? \"\" : \"\\n\"", "\"\"", "expr",
     "the 127.0.0.1 line glued to a last line without a newline"),
    (F, "$\"{hostname} {hostname[..dot]}\"", "hostname", "expr",
     "a dotted hostname without its short label (getent hosts web1 fails)"),
    (F, "IsLoopbackName(hostname[..dot])", "false", "expr",
     "localhost.example.com's short label, localhost, given to the interfaces' addresses"),
    (F, "$\"{address}\\t{written}\\n\"", "$\"{address}\\t{hostname}\\n\"", "expr",
     "the appended line without the short label"),
    (F, "$\"{parts[0]}\\t{written}{comment}\\n\"", "$\"{parts[0]}\\t{hostname}{comment}\\n\"", "expr",
     "a single old name replaced without the short label"),
]

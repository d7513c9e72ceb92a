# Mutants of session 66's ifupdown fixes. (1) The lines Debian's ifupdown reads (IfupdownLines: a comment
# line skipped whole, a line ending in a backslash joined with the next, white space trimmed at both ends),
# through which IfupdownSources follows source and source-directory lines and HasInet6Stanza reads iface
# lines, and a source line's later relative words taken from /, only the first from the sourcing file's
# directory. Killed by IfupdownSourcedStanzasTests (the plan's step list per case; the same cases run
# through the real ifquery, which the mutants do not touch). (2) The values an IPv4-only change gives an
# interface whose inet6 stanza set accept_ra/autoconf: sysctl.d's for it, as udev's systemd-sysctl
# --prefix applies them at a boot (SysctlDFiles), else conf/default's. Killed by IfupdownSysctlDTests (the
# plan per case; the same cases run through the real systemd-sysctl) and AlpineIfupRouterAdvertisementTests.
# Left out: HasInet6Stanza's own read of iface lines through IfupdownLines (a method group, which an expression
# mutant cannot swap for a lambda; the continuation itself is mutated in IfupdownLines, which the iface case kills).
# Left out as equivalent: the '#'/';' comment check of a sysctl.d line (a key starting with either never
# equals or matches a net/... key) and the removal of a reassigned key before it is added again last
# (LastOrDefault finds the new one either way).
# Outcome (session 66): 21 of 21 killed (run from a clone of the branch): 1 to 8 by IfupdownSourcedStanzasTests' plan cases,
# 9 to 21 by IfupdownSysctlDTests' plan cases (the real ifquery and systemd-sysctl cases passing under every mutant).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.IfupdownSourcedStanzasTests", "-class", "GuestAgent.Commands.Tests.Network.IfupdownSysctlDTests",
             "-class", "GuestAgent.Commands.Tests.Network.AlpineIfupRouterAdvertisementTests", "-class", "GuestAgent.Commands.Tests.Network.BackendApplyStepsTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
L = "src/Agent.Commands/Network/Backends/IfupdownLines.cs"
S = "src/Agent.Commands/Network/Backends/IfupdownSources.cs"
I = "src/Agent.Commands/Network/Backends/IfupdownBackend.cs"
D = "src/Agent.Commands/Network/Backends/SysctlDFiles.cs"
MUTANTS = [
    (L, "line.StartsWith('#')", "false", "expr",
     "a comment line continued by its backslash, swallowing the next line"),
    (L, "line.EndsWith('\\\\')", "false", "expr",
     "no line continued"),
    (L, "line[..^1] + (i + 1 < physical.Length ? physical[++i] : \"\")", "line[..^1] + \" \" + (i + 1 < physical.Length ? physical[++i] : \"\")", "expr",
     "a continued line joined with a space: a word split across lines read as two"),
    (L, "physical[i].AsSpan().TrimStart(WhiteSpace).ToString()", "physical[i]", "expr",
     "an indented comment line not taken for one"),
    (L, "line.AsSpan().TrimEnd(WhiteSpace).ToString()", "line", "expr",
     "a CRLF file's \\r kept on the last word"),
    (S, "IfupdownLines.Read(current.ReadText(found[next]) ?? \"\")", "(current.ReadText(found[next]) ?? \"\").Split('\\n')", "expr",
     "source lines read line by line, no continuation (session 65)"),
    (S, "Resolve(index == 0 ? directory : \"\", word)", "Resolve(directory, word)", "expr",
     "every relative word from the sourcing file's directory (session 65)"),
    (S, "Resolve(index == 0 ? directory : \"\", word)", "Resolve(\"\", word)", "expr",
     "the first relative word from / too"),
    (I, "SysctlDFiles.Value(current, $\"net/ipv6/conf/{name}/{setting}\")", "null", "expr",
     "sysctl.d not read: conf/default's always (session 65)"),
    (I, "text?.Split([' ', '\\t', '\\n'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()", "text?.Trim()", "expr",
     "a value with a note after it refused, which the kernel takes"),
    (D, "a.Key == key", "a.Key == key || (IsGlob(a.Key) && GlobMatches(a.Key, key))", "expr",
     "a later glob winning over a key named outright", "assignments.LastOrDefault(a => a.Key == key).Value"),
    (D, "assignments.LastOrDefault(a => IsGlob(a.Key) && GlobMatches(a.Key, key)).Value", "null", "expr",
     "no glob read"),
    (D, "file.name", "file.directory + \"/\" + file.name", "expr",
     "a name in /etc/sysctl.d not hiding the same name in a later directory", ".DistinctBy(file => file.name, StringComparer.Ordinal)"),
    (D, "file.name", "\"\"", "expr",
     "files read directory by directory, not in the order of their names", ".OrderBy(file => file.name, StringComparer.Ordinal)"),
    (D, "name.EndsWith(\".conf\", StringComparison.Ordinal)", "true", "expr",
     "every file read, a README too"),
    (D, "earlier >= 0 && assignments[earlier].Value == value", "false", "expr",
     "a reassignment of the same value moved last"),
    (D, "line[..equals].Trim().TrimStart('-')", "line[..equals].Trim()", "expr",
     "a '-' key (failure ignored) not read"),
    (D, "first >= 0 && key[first] == '.'", "false", "expr",
     "a dotted key not turned into its slash form"),
    (D, "current.ReadLink(path) is null", "true", "expr",
     "a linked file (Debian's 99-sysctl.conf to /etc/sysctl.conf) not followed"),
    (D, "patterns.Length == parts.Length", "true", "expr",
     "a glob of fewer parts matching a deeper key"),
    (D, "\"/run/sysctl.d\"", "\"/nonexistent/sysctl.d\"", "expr",
     "/run/sysctl.d not read"),
]

# Mutants of session 66's fix of the ifupdown renderer's kept stanzas (IfupdownKeptStanzas): the operator's
# /etc/network/interfaces read as Debian's ifupdown reads its lines (IfupdownLines: a line ending in a backslash
# joined with the next, whatever that holds, a comment line, indented too, never continued), each statement kept
# joined on one line. Read line by line, 'auto eth0 \' + 'eth2' was kept as 'auto \' and a kept option's half
# 'hostname lab \' swallowed the line written after it: the real ifquery refused the whole rendered file
# ("misplaced option"). Killed by IfqueryTests' continued-lines case (judged by the real ifquery), which the
# mutants do not touch; 5, a kept line ending in a backslash that a space ended for ifupdown, by its own case
# there. 2 to 4 mutate IfupdownLines as commands_s66_ifup.py does, here judged by the kept stanzas.
# Outcome (session 66): 5 of 5 killed (run from a clone of the branch), all by IfqueryTests: 1 to 4 by the continued-lines
# case (3 and 4 also by the kept-stanza comment case), 5 by the backslash-space case.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.IfqueryTests", "-class", "GuestAgent.Commands.Tests.Network.AlpineIfupKeptStanzasTests",
             "-class", "GuestAgent.Commands.Tests.Network.IfupdownLeftOutTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
K = "src/Agent.Commands/Network/Rendering/IfupdownKeptStanzas.cs"
L = "src/Agent.Commands/Network/Backends/IfupdownLines.cs"
MUTANTS = [
    (K, "IfupdownLines.Read(existing ?? \"\")", "(existing ?? \"\").Split('\\n')", "expr",
     "the kept stanzas read line by line (before session 66): a continued line's halves apart"),
    (L, "line.EndsWith('\\\\')", "false", "expr",
     "no line continued"),
    (L, "line.StartsWith('#')", "false", "expr",
     "a comment line continued by its backslash, swallowing the kept iface line after it"),
    (L, "physical[i].AsSpan().TrimStart(WhiteSpace).ToString()", "physical[i]", "expr",
     "an indented comment line not taken for one, continued into the next"),
    (K, "line.EndsWith('\\\\') ? line + \" \" : line", "line", "expr",
     "a kept line ending in a backslash ifupdown did not continue (a space after it) written trimmed, going on in the next"),
]

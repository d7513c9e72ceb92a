# Mutants of session 34's netplan reading (helper "net10"): libyaml's line breaks (CR LF, a CR alone, NEL, LS, PS) read as breaks,
# an edit keeping CR LF and refused where it could not keep the breaks (NetplanFileReader, NetplanOtherFiles.WithLineBreaks); an id
# under two sections of two files netplan reads together refused, and a kept catch-all judged by its match merged over its
# occurrences (NetplanAcrossFiles); and the session 33 review's key on a list item's line, again, for the new quoted-scalar case
# (routes: - to: "default\ continued below; the same text as network_s33_reviewnet.py 1).
# Not mutated: Merged's HasMatch as the earlier occurrence's alone (every case has its match: in the first occurrence; a catch-all
# whose match: comes only in a later one is judged the same either way once its keys are merged, but an empty match: {} written
# only later would tell them apart: left); the other identity keys (SetName, Mac), which the catch-all check does not read, are not merged.
# Run: scripts/mutants/mutate.py scripts/mutants/network_s34_net10.py
# Session 34 (net10): 18 mutants, all killed (baseline 68 tests of NetplanAcrossFiles/LineBreaks/OpenNodes/Conflict; 1-5 failures
# each; build 346 s at load ~30). 1, 4, 5, 11 and 18 are the code before the fixes: each fails the fix's new tests.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetplanAcrossFilesTests", "-class", "*NetplanLineBreaksTests", "-class", "*NetplanOpenNodesTests",
             "-class", "*NetplanConflictTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
R = "src/Agent.Commands/Network/Detection/NetplanFileReader.cs"
O = "src/Agent.Commands/Network/Rendering/NetplanOtherFiles.cs"
A = "src/Agent.Commands/Network/Rendering/NetplanAcrossFiles.cs"
L = "src/Agent.Commands/Network/Rendering/NetplanYamlLines.cs"
MUTANTS = [
    # Line breaks
    (R, "LineBreak().Replace(written, \"\\n\")", "written", "expr",
     "line breaks other than LF left as text (the code before session 34: a definition after a CR alone unseen)"),
    (R, "kinds is [\"\\r\\n\"]", "false", "expr",
     "a file with CR LF throughout taken for one whose breaks an edit cannot keep (refused)"),
    (R, "kinds is [] or [\"\\n\"]", "true", "expr",
     "a file mixing breaks, or with a CR alone, NEL or LS, edited with LF"),
    (O, "edited.Replace(\"\\n\", lineBreak, StringComparison.Ordinal)", "edited", "expr",
     "a CR LF file's edit written with LF (the code before session 34)"),
    # An id under two sections of two files
    (A, "d.Definition.Section != definition.Section && ReadTogether(d.Source, source)", "false", "expr",
     "an id under two sections of two files not refused (the code before session 34)"),
    (A, "(Now(a) && Now(b)) || (AfterBoot(a) && AfterBoot(b))", "true", "expr",
     "a file and the /run file hiding it taken as read together"),
    (A, "(Now(a) && Now(b)) || (AfterBoot(a) && AfterBoot(b))", "Now(a) && Now(b)", "expr",
     "files read together only after the next boot not compared"),
    (A, "Now(other) && Now(source)", "true", "expr",
     "a conflict netplan meets only after the next boot said to fail already"),
    (A, "!source.HiddenByRuntime", "true", "expr",
     "a file hidden by its /run twin taken as read now"),
    (A, "!source.Path.StartsWith(NetplanConfiguration.RuntimeDirectory + \"/\", StringComparison.Ordinal)", "true", "expr",
     "a /run file taken as read after the next boot"),
    # A kept catch-all's merged match
    (A, "occurrences.Length == 1 || occurrences.Any(o => o.Definition.Identity is null)", "true", "expr",
     "each occurrence of a catch-all judged alone (the code before session 34: refused though another narrows it)"),
    (A, "later.MatchName ?? earlier.MatchName", "later.MatchName", "expr",
     "a later occurrence without match: name drops the earlier's"),
    (A, "later.MatchMac ?? earlier.MatchMac", "earlier.MatchMac", "expr",
     "a later occurrence's match: macaddress not merged"),
    (A, "later.MatchDrivers ?? earlier.MatchDrivers", "earlier.MatchDrivers", "expr",
     "a later occurrence's match: driver not merged"),
    (A, "earlier.HasMatch || later.HasMatch", "later.HasMatch", "expr",
     "a later occurrence without match: makes the merged definition match nothing"),
    (A, "elsewhere.Length == 0", "true", "expr",
     "a catch-all merged across files described as written several times in one"),
    (O, "across.CheckCatchAlls(configuration, current);", "", "stmt",
     "kept catch-alls never checked"),
    # The session 33 review's fix, for the quoted scalar after a list item's key
    (L, "(KeyLine().IsMatch(rest) || IsItem(rest))", "IsItem(rest)", "expr",
     "a key on a list item's line not entered: - to: \"default\\ continued below not followed (the code before the session 33 review)"),
]

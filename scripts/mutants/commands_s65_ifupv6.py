# Mutants of session 65's ifupdown sources: where the plan looks for an interface's 'iface <if> inet6'
# stanza (whose accept_ra/autoconf an IPv4-only change replaces with conf/default's), the files
# /etc/network/interfaces sources at any depth as Debian's ifupdown reads them (source's wordexp globs,
# no hidden name matched, a relative path from the sourcing file's directory; source-directory's
# letters, digits, _ and - names), beside interfaces.d. Killed by IfupdownSourcedStanzasTests (the plan's
# step list per case; the same cases run through the real ifquery, which the mutants do not touch) and
# BackendApplyStepsTests.
# Outcome (session 65): 10 of 10 killed (run from a clone of the branch), all by IfupdownSourcedStanzasTests' plan cases.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.IfupdownSourcedStanzasTests", "-class", "GuestAgent.Commands.Tests.Network.BackendApplyStepsTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
S = "src/Agent.Commands/Network/Backends/IfupdownSources.cs"
I = "src/Agent.Commands/Network/Backends/IfupdownBackend.cs"
MUTANTS = [
    (I, "IfupdownSources.Files(current).Union(current.List(IfupdownRenderer.FilePath + \".d\").Select(file => $\"{IfupdownRenderer.FilePath}.d/{file}\"))",
     "new[] { IfupdownRenderer.FilePath }.Union(current.List(IfupdownRenderer.FilePath + \".d\").Select(file => $\"{IfupdownRenderer.FilePath}.d/{file}\"))", "expr",
     "no sourced file read (session 64's places): a stanza sourced from elsewhere missed"),
    (S, "next < found.Count && found.Count < MaxFiles", "next < 1 && found.Count < MaxFiles", "expr",
     "only the main file's source lines followed, not a sourced file's"),
    (S, "word.StartsWith('/') ? word : $\"{directory}/{word}\"", "word.StartsWith('/') ? word : $\"/etc/network/{word}\"", "expr",
     "a relative path taken from /etc/network, not the sourcing file's directory"),
    (S, "word.StartsWith('/') ? word : $\"{directory}/{word}\"", "word", "expr",
     "a relative path not resolved at all"),
    (S, "part.IndexOfAny(['*', '?', '[']) < 0", "!part.Contains('*')", "expr",
     "only * a wildcard: ? and [...] taken as themselves"),
    (S, "(name[0] != '.' || part[0] == '.') && Regex.IsMatch(name, GlobRegex(part), RegexOptions.Singleline, TimeSpan.FromSeconds(1))",
     "Regex.IsMatch(name, GlobRegex(part), RegexOptions.Singleline, TimeSpan.FromSeconds(1))", "expr",
     "a pattern matching a hidden name, which wordexp never does"),
    (S, "start > i + 1 ? \"[^\" : \"[\"", "\"[\"", "expr",
     "a negated set [!...] matching what it excludes"),
    (S, "Regex.Escape(part[i].ToString())", "part[i].ToString()", "expr",
     "a dot in a pattern matching any character"),
    (S, "pattern.EndsWith('/') ? paths.Select(path => path + \"/\") : paths", "paths", "expr",
     "a trailing slash dropped: source dir/*/ reading the files it names as directories"),
    (S, "current.List(path).Where(IsRunPartsName)", "current.List(path)", "expr",
     "source-directory reading every name, eth0.cfg too, which ifupdown skips"),
]

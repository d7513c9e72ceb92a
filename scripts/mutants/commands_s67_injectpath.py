# Mutants of session 67's injected path rule (InjectedPath.Validate): empty and '.' components are dropped as the
# kernel (and the original agent's os.rename) reads them, so //etc//app.conf writes /etc/app.conf and the allow-list
# judges the path that is written, while a '..' and a last component that is empty or '.' (a directory) stay refused.
# Killed by InjectFileCommandsTests (the written files, the allow-list case, RejectedPaths); the FullPath fuzz tests'
# RequestOracle follows the same rule and is run too.
# Outcome (session 67): 5 of 5 killed (run from a clone of the branch).
# Session 67 (lead): 6, the log of text before the first comma that is no absolute path (its length only), added and run from a
# clone of main: killed by InjectFileCommandsTests.Text_before_the_first_comma_that_is_no_absolute_path_is_not_logged.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.InjectFileCommandsTests", "-class", "*.InjectFileHomeOwnerTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
P = "src/Agent.Commands/Files/InjectedPath.cs"
I = "src/Agent.Commands/Files/FileInjector.cs"
MUTANTS = [
    (P, "segments[^1] is \"\" or \".\"", "segments[^1] is \".\"", "expr", "a trailing '/' accepted: /etc/x/ written as /etc/x, / failing later"),
    (P, "segments.Contains(\"..\")", "segments.Take(segments.Length - 1).Contains(\"..\")", "expr", "a last '..' accepted: /etc/x/.. written as a file"),
    (P, "path = \"/\" + string.Join('/', segments.Where(segment => segment is not (\"\" or \".\")));", "", "stmt",
     "the path not normalised: the allow-list and the writer given the text as sent"),
    (P, "segment is not (\"\" or \".\")", "segment is not \"\"", "expr", "a '.' component kept: //srv/./data//x outside /srv/data"),
    (P, "segment is not (\"\" or \".\")", "segment is not \".\"", "expr", "empty components kept: //srv//data/x outside /srv/data"),
    (I, "pathBytes.StartsWith(\"/\"u8)", "true", "expr",
     "what is no absolute path logged whole: contents sent without a path (a secret perhaps) reach the log"),
]

# Mutants of session 68's command-line hunt: an argument, or a XENSTORED_PATH naming the endpoint, that is
# not valid UTF-8 refused (ArgumentEncoding finds the argument by position in /proc/self/cmdline's form,
# its bytes shown as \xNN, the verb named when it is UTF-8 itself, a command line that does not match
# refusing nothing; the variable found by its whole name), and --timeout's lower bound of a millisecond
# (VerbOptions.ParseTimeout). Killed by ArgumentEncodingTests and CommandLineParserTests (in-process);
# Main's and EnvironmentEndpoint's calls, and the working directory's name (UnderWorkingDirectory), are covered
# end to end only (NonUtf8ArgumentTests, published binary).
# Outcome (session 68): 11 of 11 killed (run from a clone of the branch). Mutant 4 first dropped the verb's own UTF-8
# check from the prefix's condition and survived, an equivalent: past the verb, the verb is UTF-8 (it would have been
# the first argument refused); the check was removed from the source and 4 retargeted at the prefix itself, killed.
# Session 69: 2 retargeted (6, 7 at Shown's call of EscapedText.ForLog, the escape now shared in src/Agent: each mutant's
# effect written at the call; the bytes are shown as %XX now, not \\xNN); rerun: killed.
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*ArgumentEncodingTests", "-class", "*CommandLineParserTests"]
SWITCH_NS = "GuestAgent.Daemon.MutantSwitches"
SWITCH_DIR = "src/Agent.Daemon"
A = "src/Agent.Daemon/Cli/ArgumentEncoding.cs"
V = "src/Agent.Daemon/Cli/VerbOptions.cs"
MUTANTS = [
    (A, "raw.Count > 0 && raw[^1].Length == 0", "false", "expr",
     "the empty piece after the last NUL kept: no command line ever matches, nothing refused"),
    (A, "raw.Count != arguments.Count + 1", "raw.Count < arguments.Count + 1", "expr",
     "a command line with more arguments than .NET's taken as matching"),
    (A, "raw[index + 1]", "raw[index]", "expr",
     "the arguments compared one place off (the program's name first)"),
    (A, "index > 0 ? arguments[0] + \": \" : \"\"", "arguments[0] + \": \"", "expr",
     "a verb that is not UTF-8 quoted as the prefix"),
    (A, "(index + 1).ToString(CultureInfo.InvariantCulture)", "index.ToString(CultureInfo.InvariantCulture)", "expr",
     "the argument numbered from 0"),
    (A, "GuestAgent.Platform.EscapedText.ForLog(bytes)", "string.Concat(System.Text.RegularExpressions.Regex.Matches(GuestAgent.Platform.EscapedText.ForLog(bytes.ToArray()), \"%[0-9A-F]{2}\").Select(m => m.Value))", "expr",
     "the valid text around a bad byte not shown"),
    (A, "GuestAgent.Platform.EscapedText.ForLog(bytes)", "System.Text.RegularExpressions.Regex.Replace(GuestAgent.Platform.EscapedText.ForLog(bytes[..]), \"(%[89A-F][0-9A-F])(%[89AB][0-9A-F])+\", \"$1\")", "expr",
     "only the first byte of a bad sequence shown"),
    (A, "Encoding.UTF8.GetBytes(name + \"=\")", "Encoding.UTF8.GetBytes(name)", "expr",
     "a variable found by a prefix of its name (XENSTORED_PATHS)"),
    (A, "return System.Text.Unicode.Utf8.IsValid(bytes) ? null : Shown(bytes);", "if (!System.Text.Unicode.Utf8.IsValid(bytes)) { return Shown(bytes); }", "stmt",
     "a later entry of the name looked at after a valid first one"),
    (V, "seconds >= 0.001", "seconds > 0", "expr",
     "a timeout below a millisecond (a TimeSpan of 0) accepted"),
    (V, "seconds >= 0.001", "seconds > 0.001", "expr",
     "a timeout of exactly a millisecond refused"),
]

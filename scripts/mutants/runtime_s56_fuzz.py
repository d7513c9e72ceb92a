# Session 56: the differential fuzz of the request path against Python's json.loads
# (PythonJsonDifferentialTests) alone, against the key that escapes a lone surrogate (NovaRequestReader.KeyIs,
# neither name nor value, never a failure) and plausible slips elsewhere on the path it judges: white space
# beyond JSON's four in the fast scanner, the first name winning, an escaped name used undecoded, and a
# backslash left in an answer.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s56_fuzz.py
# Session 56: run, 6 of 6 killed.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*PythonJsonDifferentialTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
R = "src/Agent/Protocol/NovaRequestReader.cs"
MUTANTS = [
    (R, "return false;", "return true;", "stmt",
     "a key escaping a lone surrogate is taken for the name (and the value)",
     "when (reader.ValueIsEscaped)\n        {\n            return false;"),
    (R, "reader.ValueIsEscaped", "false", "expr",
     "a key escaping a lone surrogate fails the request again (the comparison's exception escapes)",
     "when (reader.ValueIsEscaped)"),
    (R, "isName", "isName && !foundName", "expr",
     "the first name of several wins, where json.loads keeps the last",
     "if (isName)\n"),
    (R, "nameHasEscapes", "false", "expr",
     "a name written with escapes is looked up as written, not decoded",
     "nameHasEscapes && DecodeEscapedName"),
    ("src/Agent/Protocol/PlainRequestScanner.cs", "data[position] is (byte)' ' or (byte)'\\t' or (byte)'\\n' or (byte)'\\r'",
     "data[position] is (byte)' ' or (byte)'\\t' or (byte)'\\n' or (byte)'\\r' or (byte)'\\f'", "expr",
     "the fast scanner takes a form feed for white space, which json.loads refuses"),
    ("src/Agent/Protocol/ResponseWriter.cs", "(byte)'/'", "(byte)'\\\\'", "expr",
     "a backslash reaches the answer, an escape sequence Nova reads as another text",
     "'\\\\' => (byte)'/',"),
]

# Mutants of session 30's review of net6's netplan alias reading (helper "review-net"): a key's plain value read as
# libyaml reads it when it stands on the lines below its key (renderer: then NetworkManager, read so by netplan 0.106) or
# continues on deeper lines (folded), in NetplanYamlLines.ValueOf; and NetplanBlockFlow's comment stripping, where a quote
# opens a quoted scalar only where a node starts (x: a "b # c" is the plain scalar a "b and a comment).
# Run: scripts/mutants/mutate.py scripts/mutants/network_s30_reviewnet.py
# Session 30 (review-net): 11 mutants, all killed on the first run (NetplanAliasesTests: the renderer theory against netplan
# generate 0.106, the continued-value theory and the expansion cases checked with PyYAML). None equivalent.
# Not mutated: ValueOf's First(…) skipping blank and comment lines below the key (without it the recursion reaches the same
# line one step later: equivalent); its TakeWhile at a comment line and the nodeStart reset after a closed quote (each
# differs only on YAML libyaml refuses: a plain value continued past a comment line, two scalars side by side).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetplanAliasesTests", "-class", "*NetplanYamlFormsTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
YL = "src/Agent.Commands/Network/Rendering/NetplanYamlLines.cs"
BF = "src/Agent.Commands/Network/Rendering/NetplanBlockFlow.cs"
MUTANTS = [
    # ValueOf: a value on the lines below its key
    (YL, "(raw.Length == 0 || PropertiesOnly().IsMatch(raw)) && entry.End > entry.Line", "false", "expr",
     "renderer: then the value on the line below is read as an empty value"),
    (YL, "(raw.Length == 0 || PropertiesOnly().IsMatch(raw)) && entry.End > entry.Line", "raw.Length == 0 && entry.End > entry.Line", "expr",
     "renderer: !!str then the value below is read as the tag"),
    # ValueOf: a plain value continued on deeper lines
    (YL, "raw.Length > 0 && raw[0] is not ('\"' or '\\'' or '*' or '[' or '{' or '|' or '>') && entry.End > entry.Line", "false", "expr",
     "a plain value continued on deeper lines is read as its first line"),
    (YL, "raw.Length > 0 && raw[0] is not ('\"' or '\\'' or '*' or '[' or '{' or '|' or '>') && entry.End > entry.Line", "raw.Length > 0 && entry.End > entry.Line", "expr",
     "a block scalar or a quoted scalar over several lines is folded as a plain one"),
    (YL, "return line[..i];", "return line;", "stmt",
     "a continuation line's trailing comment is read as the value's text"),
    (YL, "line[i] == '#' && line[i - 1] is ' ' or '\\t'", "line[i] == '#'", "expr",
     "a # inside a continuation line's text (d#e) starts a comment"),
    # NetplanBlockFlow: where a quote opens a quoted scalar
    (BF, "c is '\"' or '\\'' && nodeStart", "c is '\"' or '\\'' && (i == 0 || text[i - 1] is ' ' or '\\t' or '[' or '{' or ',')", "expr",
     "flow: a quote after a blank inside a plain scalar opens a quoted scalar (the old rule)"),
    (BF, "(c is '-' or '?' && blankAfter && nodeStart)", "false", "expr",
     "flow: a quoted list item (- \"x # y\") is not seen as quoted, its # a comment"),
    (BF, "(c == ':' && (blankAfter || (i > 0 && text[i - 1] is '\"' or '\\'')))", "(c == ':' && blankAfter)", "expr",
     "flow: a value right after a quoted key's colon ({\"i\":\"u # t\"}) is not seen as quoted"),
    (BF, "(c == ':' && (blankAfter || (i > 0 && text[i - 1] is '\"' or '\\'')))", "false", "expr",
     "flow: a key's quoted value (k: \"v # w\") is not seen as quoted"),
    (BF, "c is '&' or '!' && nodeStart", "false", "expr",
     "flow: a quoted value after a tag (!!str \"v # w\") is not seen as quoted"),
]

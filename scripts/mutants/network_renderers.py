# Mutants of the network renderers: a configuration line wrong for one backend, a file of the
# system removed that should be kept, a shell variable file edited wrongly.
# Run: scripts/mutants/mutate.py scripts/mutants/network_renderers.py
# Session 59: ifupdown's dns-nameservers moved to the first family's last stanza; 4 retargeted (every stanza) and rerun: killed.
# Session 29 (review-shell): the lexer's bracket matching moved to ShellBracketScan: 32 retargeted there (depth++;) and rerun: killed.
# Session 20 (review): ShellVariableEditor.Get reads the last assignment and drops a comment after the
# value; 14 retargeted (its old text, close > 0 -> close != 0, was equivalent: a close of -1 leaves the
# opening quote in the rest, which fails the comment test anyway), 15-16 added; 11-16 run: all killed.
# Session 21: values read by ShellValueReader (bash's reading of the whole file, ShellWordLexer, AnsiCQuote)
# and NM_CONTROLLED by IfcfgValueReader (NetworkManager's); the old ValueOf's 14-16 went with it, 13 retargeted,
# 14-74 (then 76) of the new code and of the line editor's fixes (export<TAB>, KEY+=, blanks, values spanning
# lines). Run 13-76: all killed but one test gap, 21 (19 in the first run's numbering; backslash-newline between words: equivalent for the
# cases then tested, where the next word starts right after it), killed by the two static cases added
# (a comment or a blank after the backslash-newline); 59-60 (arrays) added and run: killed. None equivalent.
# Session 21 (shell-review): ShellValueReaderDifferentialTests (3000 generated files against bash) found
# $'\c\\' eating the closing quote, tilde after empty quotes, brace expansion in export's arguments and
# KEY=b unset KEY; the fixes and a review brought 70-77 (new) and 23, 41, 44, 47, 52-54, 59, 60, 62, 69, 76,
# 78, 85 (changed). Run: all killed but 53 in the first run (equivalent: the Source check already implied
# the IsUnquoted one, which went; 53 retargeted and killed in the second run). Then a syntax error loses
# its whole line (committed): 76-80 added, 38/39 run: all killed but 80 (a syntax error on a line after a
# return's: no case), killed once that case was added. 85-86 (ifcfg's NUL, Checked) killed.
# Session 21 (shell-set): Set and Remove edit only the assignment's own text (ShellAssignmentSpan), the
# rest of its line kept; KEY=v command is left alone. 11 retargeted (done.Add(key)), 92-103 added; run 11,
# 92-103: all killed.
# Session 22 (shelledit): lists, pipelines and the background read and edited as bash runs them
# (ShellAssignmentCommands and ShellStatements replace ShellAssignmentSpan and the editor's own line
# joining; the old 92-103 went with that code). 17, 18 (moved to ShellStatements) and 37 (its text now
# twice: context added) retargeted; 92-132 new. Run 17, 18, 37, 92-132: all killed but 117 (two removed
# words in a row: equivalent for bash, only a trailing blank differed), killed once an exact-text case
# (OTHER=w KEY=a KEY=b) was added. TEST_ARGS gained ShellVariableEditorTests and NetworkFilesTests.
# Session 23 (shell): the editor's own lines placed where bash reads them (ShellLinePlacement), Remove's
# unset -v, the reader's unset -v, the read-only refusal and Gentoo's and Red Hat's kept statements
# (ShellKeptStatements, with the statement-splitting mutant moved from network_small_parts.py's 46).
# 43 and 111 retargeted, 133-147 new; TEST_ARGS gained ShellEditPlacementTests and
# ShellValueReaderDifferentialTests. Run 43, 57, 111, 133-147: all killed but 138 in the first run (a
# quote left open as a stop: no case), killed once the refusal case with an open quote was added.
# Session 25 (netgw): 6 retargeted (SUSE's IPv6 default route line now carries DefaultRouteMetrics' words); rerun: killed.
# Session 25 (shell): syntax errors in the nesting of constructs (ShellSyntaxCheck: a stray fi, an if
# left open), the reader ending the file there and the editor's line going before them, a command
# substitution's list kept, names quoting splits (K\EY). 102, 136 retargeted, 138 replaced (ReachesEnd's
# quote check is now the syntax check's), 148-177 new; TEST_ARGS gained ShellSyntaxCheckTests. Run 102, 136, 138,
# 148-177: all killed but 151 (an operator with no command before it: no case), killed once
# ShellSyntaxCheckTests gained '&& LOST=1' and 'LOST=1 | | B=1'. Then the scanner's fields renamed _field: 148-167
# (ShellSyntaxCheck's) retargeted and run again, all killed.
# Session 26 (alpine, on c61db9e): 3 retargeted (ifupdown's gateway line is in the family's last stanza
# now): killed (the goldens).
# Session 26 (shell2): ShellValueReader split (ShellListRunner, ShellWords: 40-57, 73-75, 81, 123-131, 141,
# 176 moved with their code, 37 retargeted to the reader's IsKeyword(name), 56 and 176 given a context);
# a redirection with no word is a syntax error (157 retargeted, 178-186 new) and a key the file expands
# keeps its assignments (187-193 new). Run 37, 39-57, 73-75, 81, 123-131, 141, 157, 176, 178-193: all killed.
# Session 27 (shellind): ShellWords' Names and Expands share one occurrence loop (Occurs), and commands that
# reach a variable by a computed name (ReachesByName: eval, ${!ref}, declare, let, arithmetic) count for every
# key (ShellWords.MayReach in the reader's constructs and lists). Retargeted: 55 (StartsName), 56 (the shared
# end check, which 189 also mutated: one mutant now), 176 (Names' WithoutQuoting, now an argument), 189 (its
# place taken by Expands' WithoutQuoting: $K\<newline>EY), 193 ($(( in a word)), 58, 125-127 (Names -> MayReach).
# The new code's mutants are in network_s27_shell.py. TEST_ARGS gained ShellIndirectReferenceTests. Run 55, 56, 58,
# 125-127, 176, 189-193: all killed.
# Session 28 (shell3): 134 retargeted (Place also checks that nothing after its place observes by a computed
# name) and rerun: killed.
# Session 29 (shell4): 193 retargeted to ShellNameReach.cs (NR; ReachesByName moved there), 134 to its new name,
# 176 and 189 to Names' and Expands' new text (here-document bodies taken out first); rerun 134, 176, 189, 193: all killed.
# Session 67: 7, 8 and 10 retargeted at StaleInterfaceFiles' DeviceOf (an alias is its device's: commands_s67_rhalias.py),
# 10 now keeping an alias whole where it took ':' out of a plain name; rerun from a clone of main: 3 of 3 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*RendererGoldenTests", "-class", "*ShellVariableEditorTests", "-class", "*NetworkFilesTests", "-class", "*OriginalAgentOracleTests", "-class", "*StaleInterfaceFilesTests",
             "-class", "*ShellSourcedFilesTests", "-class", "*DnsRoutingTests", "-class", "*ServiceAwareSelectionTests",
             "-class", "*ResetNetworkPipelineTests", "-class", "*ResetNetworkFailureTests",
             "-class", "*RenderedFileRulesTests", "-class", "*ShellValueReaderTests", "-class", "*IfcfgValueReaderTests",
             "-class", "*BackendInUseTests", "-class", "*ShellEditPlacementTests", "-class", "*ShellValueReaderDifferentialTests",
             "-class", "*ShellSyntaxCheckTests", "-class", "*ShellIndirectReferenceTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
R = "src/Agent.Commands/Network/Rendering/RedHatRenderer.cs"
I = "src/Agent.Commands/Network/Rendering/IfupdownRenderer.cs"
S = "src/Agent.Commands/Network/Rendering/SuseRenderer.cs"
F = "src/Agent.Commands/Network/Rendering/StaleInterfaceFiles.cs"
E = "src/Agent.Commands/Network/Rendering/Common/ShellVariableEditor.cs"
L = "src/Agent.Commands/Network/Rendering/Common/ShellWordLexer.cs"
V = "src/Agent.Commands/Network/Rendering/Common/ShellValueReader.cs"
LR = "src/Agent.Commands/Network/Rendering/Common/ShellListRunner.cs"
W = "src/Agent.Commands/Network/Rendering/Common/ShellWords.cs"
NR = "src/Agent.Commands/Network/Rendering/Common/ShellNameReach.cs"
A = "src/Agent.Commands/Network/Rendering/Common/AnsiCQuote.cs"
N = "src/Agent.Commands/Network/Rendering/Common/IfcfgValueReader.cs"
C = "src/Agent.Commands/Network/Rendering/Common/ShellAssignmentCommands.cs"
ST = "src/Agent.Commands/Network/Rendering/Common/ShellStatements.cs"
P = "src/Agent.Commands/Network/Rendering/Common/ShellLinePlacement.cs"
K = "src/Agent.Commands/Network/Rendering/Common/ShellKeptStatements.cs"
SC = "src/Agent.Commands/Network/Rendering/Common/ShellSyntaxCheck.cs"
SCC = "src/Agent.Commands/Network/Rendering/Common/ShellSyntaxCheck.Constructs.cs"
MUTANTS = [
    (R, "key[p.Length..].All(char.IsAsciiDigit)", "true", "expr",
     "redhat: a kept key that starts like a managed one (GATEWAYDEV, DNS_SEARCH...) is dropped"),
    (R, "nic.IPv6Addresses.Count > 1", "nic.IPv6Addresses.Count > 2", "expr",
     "redhat: a second IPv6 address is not written (IPV6ADDR_SECONDARIES)"),
    (I, "last && gateway is not null", "gateway is not null", "expr",
     "ifupdown: the gateway is repeated on every extra address's stanza"),
    (I, "last && !dnsWritten && nic.DnsServers.Count > 0", "nic.DnsServers.Count > 0", "expr",
     "ifupdown: dns-nameservers repeated on every stanza"),
    (S, "current.Exists($\"{Directory}/routes\")", "false", "expr",
     "suse: a global routes file competing with the interface routes is kept"),
    (S, "lines.Add($\"default {gateway6} - {nic.Name}{DefaultRouteMetrics.IpRouteWords(configuration, nic, AddressFamily.InterNetworkV6)}\");", "", "stmt",
     "suse: the IPv6 default route is not written"),
    (F, "device == \"lo\"", "false", "expr",
     "stale files: the loopback's ifcfg-lo is removed"),
    (F, "systemInterfaces.Contains(device)", "false", "expr",
     "stale files: the file of an interface the system has but the host did not configure is removed"),
    (F, "keep.Contains(path)", "false", "expr",
     "stale files: a file written in this run is also removed"),
    (F, "colon < 0 ? name : colon > 0 && IsPlainName(name[(colon + 1)..]) ? name[..colon] : null", "colon < 0 ? name : null", "expr",
     "stale files: an alias file (ifcfg-eth0:5) is not removed"),
    (E, "done.Add(key)", "done.Add(key) || true", "expr",
     "shell editor: a duplicated key is kept twice"),
    (E, "equals <= 0", "equals < 0", "expr",
     "shell editor: a line starting with '=' crashes the key lookup"),
    (E, "trimmed.StartsWith(\"export\", StringComparison.Ordinal) && trimmed.Length > 6 && trimmed[6] is ' ' or '\\t'", "false", "expr",
     "shell editor: an exported assignment is not recognised (the key is added again)"),
    # Session 21: the value is read by ShellValueReader (bash's reading, with ShellWordLexer and
    # AnsiCQuote) and NM_CONTROLLED by IfcfgValueReader (NetworkManager's); 14-16 (the old ValueOf) gone.
    (E, "trimmed.StartsWith(\"export\", StringComparison.Ordinal) && trimmed.Length > 6 && trimmed[6] is ' ' or '\\t'",
     "trimmed.StartsWith(\"export \", StringComparison.Ordinal)", "expr",
     "shell editor: export followed by a tab is not recognised"),
    (E, "line.TrimStart(' ', '\\t')", "line.TrimStart()", "expr",
     "shell editor: a line starting with a form feed counts as an assignment (bash runs it as a command)"),
    (E, "trimmed[..(trimmed[equals - 1] == '+' ? equals - 1 : equals)]", "trimmed[..equals]", "expr",
     "shell editor: KEY+=v is not the key's, so setting KEY leaves it appending to the new value"),
    (ST, "newline >= 0 && !ends(newline)", "false", "expr",
     "shell editor: a value spanning lines is edited line by line (a line inside another value replaced, the rest of one left behind)"),
    (ST, "position >= stop || ends.Contains(position)", "ends.Contains(position)", "expr",
     "shell editor: after a quote left open, the rest of the file is one line"),
    (L, "text[index] == '#'", "false", "expr", "lexer: a comment is read as words"),
    (L, "text[index] is ' ' or '\\t'", "text[index] == ' '", "expr", "lexer: a tab is no blank"),
    (L, "text[index] == '\\\\' && index + 1 < text.Length && text[index + 1] == '\\n'", "false", "expr",
     "lexer: backslash-newline between words ends the command"),
    (L, "text[index] is not (' ' or '\\t' or '\\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>')",
     "text[index] is not (' ' or '\\t' or '\\n' or '&' or '|' or '(' or ')' or '<' or '>')", "expr",
     "lexer: a ';' does not end a word"),
    (L, "escaped != '\\n'", "true", "expr", "lexer: backslash-newline in an unquoted word keeps the newline",
     "if (text[index++] is var escaped && escaped != '\\n')\n                    {\n                        value.Append(escaped);\n                    }\n                    else\n                    {\n                        joins++;\n                    }\n\n                    break;\n                case '\\''"),
    (L, "ok ? text[index..close] : \"\"", "ok ? text[(index - 1)..(close + 1)] : \"\"", "expr", "lexer: single quotes kept"),
    (L, "text[index] is '$' or '`' or '\"' or '\\\\' or '\\n'", "text[index] is '$' or '\"' or '\\\\' or '\\n'", "expr",
     "lexer: a backslash before a backtick in double quotes is kept"),
    (L, "value.Append('$');", "", "stmt", "lexer: a dollar sign that is no expansion is dropped in double quotes",
     "if (expansion is false)\n                    {\n                        value.Append('$');\n                    }"),
    (L, "index < text.Length && text[index] == '\"'", "false", "expr", "lexer: $\"...\" keeps its dollar sign"),
    (L, "char.IsAsciiLetter(next) || next == '_'", "char.IsAsciiLetter(next)", "expr", "lexer: $_x is no expansion"),
    (L, "char.IsAsciiDigit(next)", "false", "expr", "lexer: $1 is no expansion"),
    (L, "expansion is true && unknownFrom < 0 ? before : unknownFrom", "unknownFrom", "expr",
     "lexer: an unquoted expansion leaves the word known (as its text without it)"),
    (L, "expansion is true && unknownFrom < 0 ? value.Length : unknownFrom", "unknownFrom", "expr",
     "lexer: an expansion in double quotes leaves the word known"),
    ("src/Agent.Commands/Network/Rendering/Common/ShellBracketScan.cs", "depth++;", "", "stmt",
     "lexer: $((...)) ends at its first closing parenthesis"),
    (L, "outcome == AnsiCQuote.Outcome.NotText && unknownFrom < 0 ? before : unknownFrom", "unknownFrom", "expr",
     "lexer: a $'\\xfa' byte is taken as known text"),
    (L, "Take('&') ? ShellTokenKind.Connector : ShellTokenKind.Background", "Take('&') ? ShellTokenKind.Connector : ShellTokenKind.Separator", "expr",
     "lexer: a command in the background counts as run by the shell itself"),
    (V, "text[token.Start] == '\\n'", "true", "expr", "reader: a ';' with no command before it is no syntax error"),
    (V, "afterConnector || token.Kind is ShellTokenKind.Connector or ShellTokenKind.Background",
     "token.Kind is ShellTokenKind.Connector or ShellTokenKind.Background", "expr",
     "reader: the command after && or || counts as run unconditionally"),
    (V, "IsKeyword(name)", "false", "expr", "reader: an assignment inside if ... fi counts as unconditional"),
    (V, "connected && name is \"return\" or \"exit\"", "false", "expr", "reader: a conditional return ends the file"),
    (V, "name is \"return\" or \"exit\"", "false", "expr", "reader: the file goes on after a return",
     "returned = name is \"return\" or \"exit\";"),
    (LR, "assignments.Count == words.Count", "false", "expr", "reader: a line of assignments counts as a command"),
    (LR, "name is \"export\" && !ownAssignment && !arguments.Any(Option)",
     "name is \"export\" && !arguments.Any(Option)", "expr", "reader: KEY=x export KEY leaves KEY unset"),
    (LR, "Assignment(argument, key, exported: true)", "Assignment(argument, key)", "expr",
     "reader: export \"KEY=a b\" is not read"),
    (LR, "unsetNames.Any(a => a.Text == key) ? ShellValue.Unset : value", "value", "expr", "reader: unset KEY is ignored"),
    (LR, "!a.IsKnown || HasUnquoted(a, \"{*?[\")", "HasUnquoted(a, \"{*?[\")", "expr",
     "reader: unset $x leaves the value known"),
    (LR, "Names(text[words[0].Start..rest[0].Start], key)", "false", "expr",
     "reader: KEY=a command leaves KEY as it was (bash in POSIX mode keeps it before a special builtin)"),
    (LR, "(arguments.Count > 0 && Names(text[arguments[0].Start..arguments[^1].End], key))", "false", "expr",
     "reader: read KEY leaves KEY as it was"),
    (W, "(!exported && !NameUnquoted(word, equals))", "false", "expr", "reader: \"KEY\"=v counts as an assignment"),
    (W, "(!word.IsKnown && word.UnknownFrom <= equals)", "false", "expr", "reader: KEY${x}=v counts as an assignment"),
    (W, "word.Text[..(word.Text[equals - 1] == '+' ? equals - 1 : equals)]", "word.Text[..equals]", "expr",
     "reader: KEY+=v is no assignment"),
    (LR, "current.Text + assigned.Text", "assigned.Text", "expr", "reader: += replaces"),
    (LR, "word.Text[equals - 1] != '+' || current.State == ShellValueState.Unset", "true", "expr", "reader: += replaces a known value"),
    (LR, "i - 1 == equals || word.Text[i - 1] == ':'", "i - 1 == equals", "expr", "reader: a:~ is not expanded"),
    (LR, "word.Text[i] == '~'", "true", "expr", "reader: any character after = counts as a tilde"),
    (LR, "!HasTilde(word, equals)", "true", "expr", "reader: KEY=~ is the text ~"),
    (W, "at == 0 || !IsNameChar(text[at - 1])", "true", "expr", "reader: MYKEY names KEY"),
    (W, "(end == unquoted.Length || !IsNameChar(unquoted[end]))", "true", "expr", "reader: KEYS names KEY (and editor: $KEYS expands KEY; one loop since session 27)"),
    (LR, "word.Text.StartsWith('-') || word.Text.StartsWith('+')", "false", "expr", "reader: unset -v KEY read as unsetting -v and KEY"),
    (V, "MayReach(text[start..], key) ? ShellValue.Unknown : value", "value", "expr",
     "reader: an assignment in a construct it does not follow is ignored"),
    (V, "OpensArray(text, words, token, key)", "false", "expr", "reader: an array assignment (Arch's MODULES=(...)) ends what can be read"),
    (V, "words[^1] = words[^1] with { UnknownFrom = words[^1].Text.Length };", "", "stmt", "reader: KEY=(a b) reads as KEY="),
    (A, "Append('\\u001b');", "Append('e');", "stmt", "ANSI-C: \\e is e"),
    (A, "Digits(body, ref i, e - '0', 8, 2)", "Digits(body, ref i, e - '0', 8, 1)", "expr", "ANSI-C: octal takes two digits"),
    (A, "e switch { 'x' => 2, 'u' => 4, _ => 8 }", "e switch { 'x' => 3, 'u' => 4, _ => 8 }", "expr", "ANSI-C: \\x takes three digits"),
    (A, "value < 0x80", "value < 0x100", "expr", "ANSI-C: bash's \\u00e9 taken as known"),
    (A, "control == '?' ? '\\u007f' : (char)(control & 0x1f)", "(char)(control & 0x1f)", "expr", "ANSI-C: \\c? is not DEL"),
    (A, "c == '\\0' && !networkManager", "false", "expr", "ANSI-C: a NUL does not end bash's string"),
    (A, "value >= 0x80", "value > 0x80", "expr", "ANSI-C: byte 0x80 taken as a character"),
    (A, "Append('\\\\');", "", "stmt", "ANSI-C: an unknown escape loses its backslash"),
    (A, "end >= text.Length", "false", "expr", "ANSI-C: an unclosed $' is read as closed",
     "if (end >= text.Length)\n        {\n            return Outcome.Unterminated;"),
    # Session 21 (shell-review), found by ShellValueReaderDifferentialTests: $'...' ends where backslashes
    # paired leave a quote, \c\\ is one control character, tilde only right after an unquoted = or :, brace
    # expansion in export's and unset's arguments, an assignment to KEY before unset.
    (A, "end += text[end] == '\\\\' ? 2 : 1;", "end += 1;", "stmt", "ANSI-C: a backslash-quote ends the string"),
    (A, "i += control == '\\\\' && i < body.Length && body[i] == '\\\\' ? 1 : 0;", "", "stmt",
     "ANSI-C: \\c\\\\ leaves its second backslash"),
    (L, "joins++;", "", "stmt", "lexer: KEY=\\<newline>~ is the text ~"),
    (LR, "HasUnquoted(argument, \"{\") && HasUnquoted(argument, \"}\")", "false", "expr",
     "reader: export KEY={a,b} is the text {a,b}"),
    (LR, "name is \"unset\" && !ownAssignment", "name is \"unset\"", "expr", "reader: KEY=b unset KEY reads as unset"),
    (LR, "if (!NameUnquoted(word, equals))\n        {\n            return false;\n        }", "", "stmt",
     "reader: export 'KEY'=~ counts as expanded"),
    (V, "close.Kind == ShellTokenKind.Unterminated ? committed : Rest(text, start, key, value)", "Rest(text, start, key, value)", "expr",
     "reader: a quote left open in an array reads as a construct it does not follow"),
    (V, "committed = afterConnector ? committed : value;", "", "stmt", "reader: a line ending in ';' is lost at a syntax error on the next"),
    (V, "committed = lineEnds ? value : committed;", "", "stmt", "reader: a syntax error loses the lines before it"),
    (V, "return committed;", "return value;", "stmt", "reader: a syntax error keeps what came before it on its line",
     "case ShellTokenKind.Unterminated:\n                    return committed;"),
    (V, "token.Kind == ShellTokenKind.End || lineEnds", "token.Kind == ShellTokenKind.End", "expr", "reader: a return reads on to the end of the file"),
    (LR, "word.Source[i] == word.Source[i - 1] + 1", "true", "expr", "reader: KEY=''~ and a quoted ~ count as expanded"),
    (A, "octal & 0xff", "octal", "expr",
     "ANSI-C: \\401 is no character (bash and NetworkManager keep its low byte, \\001)"),
    (N, "i == value.Length || value[i] == '#' ? Checked(output) : null", "Checked(output)", "expr",
     "ifcfg: a second word after the value is ignored"),
    (N, "(!semicolon && (semicolon = value[i] == ';'))", "(semicolon = value[i] == ';')", "expr", "ifcfg: two ';' after the value are taken"),
    (N, "c is '$' or '`' || (c == '\\\\' && i == value.Length)", "(c == '\\\\' && i == value.Length)", "expr",
     "ifcfg: an expansion in double quotes read as text"),
    (N, "escaped is '\\'' or '~' && LooksLikeOldEscaping(value)", "escaped is '\\'' or '~'", "expr",
     "ifcfg: \\~ loses its backslash in any double-quoted value"),
    (N, "k == value.Length - 1", "true", "expr", "ifcfg: a value with text after its closing quote looks like the old escaping"),
    (N, "start < line.Length && IsSpace(line[start])", "false", "expr", "ifcfg: an indented assignment is not read"),
    (N, "Unescape(assigned) ?? \"\"", "Unescape(assigned)", "expr", "ifcfg: an unreadable value is unset, not empty"),
    (N, "text.Contains('\\0', StringComparison.Ordinal) ? null : text", "text", "expr", "ifcfg: a value holding a NUL is read (NetworkManager: unreadable)"),
    (N, "AnsiCQuote.Decode(value, ref i, output, networkManager: true)", "AnsiCQuote.Decode(value, ref i, output, false)", "expr",
     "ifcfg: $'...' read as bash reads it"),
    # Session 22 (shelledit): the editor's commands (ShellAssignmentCommands: lists, pipelines, the background,
    # several assignments, constructs it does not follow), its statements (ShellStatements: arrays, lists
    # across lines) and its edits; the reader's lists (RunList, the status of a command). 92-103 of the
    # session 21 code (ShellAssignmentSpan, the old Edit) went with it; these are the new 92-.
    (ST, "!inArray && previous.Kind != ShellTokenKind.Connector", "previous.Kind != ShellTokenKind.Connector", "expr",
     "statements: an array's lines are statements of their own"),
    (ST, "!inArray && previous.Kind != ShellTokenKind.Connector", "!inArray", "expr",
     "statements: the line after && is a statement of its own"),
    (ST, "token.Kind == ShellTokenKind.Separator && previous.Kind == ShellTokenKind.Connector ? previous : token", "token", "expr",
     "statements: only the first newline after && joins"),
    (C, "groups[^1].End.Kind == ShellTokenKind.Connector && token.Kind == ShellTokenKind.Separator && statement[token.Start] == '\\n'", "false", "expr",
     "commands: a newline after && is an operator with no command"),
    (C, "c == '(' && words.Count > 0 && words[^1].End == token.Start && words[^1].Text.EndsWith('=')", "false", "expr",
     "commands: an array stops the editing"),
    (C, "plain = false;", "", "stmt", "commands: KEY=(a b) is edited as KEY=",
     "// An array (NAME=(a b)): kept as it is, its words skipped to the ')'.\n                    plain = false;"),
    (C, "c is '<' or '>' || (c == '&' && token.End - token.Start == 2)", "false", "expr",
     "commands: a redirection stops the editing"),
    (C, "return (groups, ShellTokenKind.Opaque);", "continue;", "stmt", "commands: a parenthesis is read past",
     "else\n                {\n                    return (groups, ShellTokenKind.Opaque);"),
    (C, "name is { IsPlain: true } && ShellWords.IsKeyword(name.Text)", "false", "expr",
     "commands: an assignment inside if ... fi is edited (removing it leaves then fi)"),
    (C, "token.Kind == ShellTokenKind.End ? ShellTokenKind.End : ShellTokenKind.Opaque", "ShellTokenKind.End", "expr",
     "commands: the lines after a lone ';' (bash's syntax error) are edited"),
    (C, "background || piped || !list[j].Plain", "!list[j].Plain", "expr",
     "commands: KEY=v | cmd and KEY=v & are edited"),
    (C, "IsPipe(statement, list[j].End) || (j > 0 && IsPipe(statement, list[j - 1].End))", "IsPipe(statement, list[j].End)", "expr",
     "commands: a pipeline's last command is edited"),
    (C, "list.Any(g => IsListConnector(statement, g.End))", "false", "expr",
     "commands: removing KEY=a from KEY=a && cmd leaves && cmd"),
    (C, "words.Any(w => w.Text.StartsWith('-'))", "false", "expr", "commands: export -n KEY=a is edited"),
    (C, "ShellWords.AssignedName(w, export)", "ShellWords.AssignedName(w, false)", "expr",
     "commands: export \"KEY=a b\" is not KEY's"),
    (C, "end.Kind == ShellTokenKind.Separator", "false", "expr", "commands: removing KEY=a; OTHER=w leaves ; OTHER=w"),
    (C, "statement[after] is ' ' or '\\t'", "false", "expr", "commands: removing KEY=a; OTHER=w leaves a blank"),
    (C, "start > 0 && statement[start - 1] is ' ' or '\\t'", "false", "expr", "commands: removing OTHER=w; KEY=a leaves a blank"),
    (E, "sure", "true", "expr", "editor: an assignment after || takes the new value", "? sure && "),
    (E, "!done.Contains(key) || ShellValueReader.Read(Join(output), key) != ShellValueReader.Read(line + \"\\n\", key)",
     "!done.Contains(key)", "expr", "editor: a key set again in an if after its edit is not set once more"),
    (E, "frozen |= commands is { Freezes: true };", "", "stmt", "editor: the lines of an if are edited"),
    (E, "commands.Unterminated", "false", "expr", "editor: a line with a quote left open is not edited",
     "commands.Unterminated ? EditWhole"),
    (E, "decisions[i] is \"\" || (i == 0 && words[0].Key is null)", "decisions[i] is \"\"", "expr",
     "editor: removing export KEY=a leaves export"),
    (E, "command.InList ? (command.Start, command.End, \":\") : (command.RemoveStart, command.RemoveEnd, \"\")",
     "(command.RemoveStart, command.RemoveEnd, \"\")", "expr", "editor: removing KEY=a from KEY=a && cmd leaves && cmd"),
    (E, "last + 1 < words.Count ? (words[i].Start, words[last + 1].Start, \"\") : (words[i - 1].End, words[last].End, \"\")",
     "(words[i].Start, words[last].End, \"\")", "expr", "editor: removing KEY from OTHER=w KEY=a leaves a blank"),
    (E, "decisions[last + 1] is \"\"", "false", "expr", "editor: two removed words in a row overlap"),
    (E, "new ShellWordLexer(result).Next().Kind == ShellTokenKind.End ? null : result", "result", "expr",
     "editor: a removed line leaves an empty line"),
    (E, "result[Math.Min(end, limit)..]", "result[end..]", "expr", "editor: KEY=a; KEY=b removed twice over"),
    (V, "listStart = afterConnector ? listStart : start;", "listStart = start;", "stmt",
     "reader: KEY=a && if ... loses KEY=a"),
    (V, "token.Kind == ShellTokenKind.Background ? value : RunList(list, text, key, value)", "RunList(list, text, key, value)", "expr",
     "reader: KEY=v & sets KEY"),
    (V, "list.Clear();", "", "stmt", "reader: a list's commands run again with the next"),
    (LR, "list[last].Connector is \"|\" or \"|&\"", "false", "expr", "reader: KEY=v | cmd sets KEY"),
    (LR, "connector switch { \"\" => true, \"&&\" => succeeded, _ => !succeeded }", "true", "expr",
     "reader: OTHER=w || KEY=v sets KEY"),
    (LR, "MayReach(text[list[i].Start..list[^1].End], key) ? ShellValue.Unknown : value", "value", "expr",
     "reader: after a command of unknown status, KEY=v in the list is ignored"),
    (LR, "last == i ? after : MayReach(text[list[last].Start..list[last].End], key) ? ShellValue.Unknown : value", "after", "expr",
     "reader: a pipeline's last command counts as run in the shell"),
    (LR, "MayReach(text[list[last].Start..list[last].End], key) ? ShellValue.Unknown : value", "value", "expr",
     "reader: cmd | KEY=v counts as leaving KEY (lastpipe)"),
    (LR, "succeeded = status;", "", "stmt", "reader: every command of a list succeeds"),
    (LR, "w.IsKnown && (IsName(w.Text) || AssignedName(w, exported) is not null)", "true", "expr",
     "reader: OTHER=$x && KEY=v counts as sure"),
    (LR, "(IsName(w.Text) || AssignedName(w, exported) is not null)", "AssignedName(w, exported) is not null", "expr",
     "reader: unset KEY && ... counts as of unknown status"),
    (LR, "(value, Succeeds(arguments, exported: true))", "(value, null)", "expr", "reader: export's status is unknown"),
    (V, "afterConnector ? text[token.Start..token.End] : \"\"", "\"\"", "expr", "reader: a list is read as separate commands"),
    # Session 23 (shell): where the editor's own lines go (ShellLinePlacement), Remove's unset -v, and
    # the kept statements of Gentoo's conf.d/net and Red Hat's ifcfg (ShellKeptStatements).
    (P, "ShellValueReader.Read(Join(statements.Take(reach + 1).Append($\"{probe}=1\")), probe) == reached", "true", "expr",
     "placement: a line goes after a return or a syntax error"),
    (P, "ShellValueReader.Read(Join(statements), key) == target", "false", "expr",
     "placement: a line never goes before a construct that does not name its key",
     "ShellValueReader.Read(Join(statements), key) == target && !ShellNameReach.ReachesByName("),
    (P, "reach < statements.Count && StopAt(statements[reach]) is var stop and >= 0", "false", "expr",
     "placement: unset KEY; return keeps KEY unset"),
    (P, "value.State == ShellValueState.Unknown && ReachesEnd(Join(statements.Take(last + 1)))", "value.State == ShellValueState.Unknown", "expr",
     "placement: a construct that sets KEY before a return is not refused"),
    (P, "MayStop.Contains(token.Text)", "false", "expr", "placement: a return after a construct that sets KEY is not seen"),
    (P, "ShellSyntaxCheck.Check(text).Outcome != ShellSyntaxOutcome.Parses", "false", "expr",
     "placement: a file the syntax check does not follow (a case) is taken to reach its end"),
    (E, "ShellValueReader.Read(Join(output), name).State != ShellValueState.Unset", "false", "expr",
     "editor: a key Remove cannot take out stays set"),
    (E, "NamesIn(text).Where(remove)", "NamesIn(text)", "expr", "editor: Remove unsets every variable"),
    (LR, "a is { IsPlain: true, Text: \"-v\" }", "false", "expr", "reader: unset -v KEY is unknown"),
    (K, "SetsOwned(rest, owned)", "false", "expr", "kept: an owned array on a kept line wins over the new value"),
    (K, "ShellVariableEditor.RemoveWords(statement, owned)", "statement + \"\\n\"", "expr",
     "kept: MTU=1; IPADDR=x keeps the old IPADDR"),
    (K, "ShellStatements.Split(existing)", "(existing ?? \"\").Split('\\n').ToList()", "expr",
     "kept: a quoted value spanning lines is cut after its first line"),
    (K, "ShellVariableEditor.KeyOf(statement) is null", "false", "expr", "kept: a statement that assigns nothing is kept"),
    (P, "declares && ShellVariableEditor.NamesIn(token.Text).Contains(key)", "false", "expr",
     "placement: readonly KEY=x is not refused"),
    (P, "commandStart && token is { IsPlain: true, Text: \"readonly\" or \"declare\" or \"typeset\" or \"local\" }", "commandStart", "expr",
     "placement: any command naming KEY is refused as a readonly"),
    # Session 25 (shell): syntax errors in the nesting of constructs (ShellSyntaxCheck), the reader ending
    # the file there, the editor's line before them, a command substitution's list kept, names quoting splits.
    (SC, "_frames.Count > 0 || _needCommand ? Error() : _substitutions == ShellSyntaxOutcome.Parses ? new ShellSyntax(ShellSyntaxOutcome.Parses, -1) : NotFollowed", "new ShellSyntax(ShellSyntaxOutcome.Parses, -1)", "expr",
     "syntax: a construct left open at the end is not seen"),
    (SC, "_frames.Count == 0 && !_needCommand ? token.End : _lineStart", "token.End", "expr",
     "syntax: the error's complete command starts at the line of the error"),
    (SC, "_position == Position.Command ? Error() : StartCommand(needs: false)", "StartCommand(needs: false)", "expr", "syntax: a lone ; is no error"),
    (SC, "_position == Position.Command ? Error() : StartCommand(needs)", "StartCommand(needs)", "expr", "syntax: && with no command before it is no error"),
    (SC, "token.Kind == ShellTokenKind.Connector", "true", "expr", "syntax: a list in the background needs a command after it"),
    (SC, "_frames.Count == 0 || _frames[^1].Part != Part.Paren || (_position == Position.Command && (_needCommand || !_frames[^1].HasCommand))",
     "_frames.Count == 0 || _frames[^1].Part != Part.Paren", "expr", "syntax: an empty subshell is no error"),
    (SC, "text.Length > token.End && text[token.End] == '('", "false", "expr", "syntax: (( is a subshell"),
    (SC, "_position == Position.InCommand && _previous.Kind == ShellTokenKind.Word && _previous.End == token.Start && text[_previous.End - 1] == '='", "false", "expr",
     "syntax: an array's parentheses are not skipped"),
    (SC, "token.Kind != ShellTokenKind.Word && !(token.Kind == ShellTokenKind.Separator && text[token.Start] == '\\n')", "token.Kind != ShellTokenKind.Word", "expr",
     "syntax: an array over several lines is not followed"),
    (SC, "second.Start == token.End", "false", "expr", "syntax: 2>&1 is not followed"),
    (SC, "token.Text.All(char.IsAsciiDigit)", "false", "expr", "syntax: fi 2>&1 is not followed"),
    (SCC, "top is { HasCommand: true } && !_needCommand", "top is { HasCommand: true }", "expr", "syntax: if a && then is no error"),
    (SCC, "top is { HasCommand: true } && !_needCommand", "!_needCommand", "expr", "syntax: then fi is no error"),
    (SCC, "negated.Kind == ShellTokenKind.Word", "true", "expr", "syntax: a lone ! needs a command"),
    (SCC, "top?.Part == Part.AwaitDo", "false", "expr", "syntax: for's do is an error"),
    (SCC, "token.Kind != ShellTokenKind.Separator", "false", "expr", "syntax: for x y; do is followed"),
    (SC, "_frames.Count > 0 && _frames[^1].Part == Part.AwaitDo && reserved != \"do\"", "false", "expr", "syntax: a command between for's words and do is followed"),
    (SC, "reserved is not (\"{\" or \"if\" or \"while\" or \"until\" or \"for\" or \"select\")", "false", "expr", "syntax: f() A=1 is followed"),
    (SCC, "_frames.Count > 0", "false", "expr", "syntax: no construct holds a command", "        if (_frames.Count > 0)\n            {\n                _frames[^1].HasCommand = true;"),
    (SC, "token.Kind == ShellTokenKind.Unterminated ? Error() : NotFollowed", "NotFollowed", "expr", "syntax: a quote left open in an array is not an error"),
    (V, "text[..syntax.ErrorAt]", "text", "expr", "reader: a stray fi does not end the file"),
    (P, "start > at", "start >= at", "expr", "placement: the line goes one statement before the error's"),
    (P, "ReachesEnd(Join(statements.Take(last + 1)))", "ReachesEnd(Join(statements))", "expr", "placement: the text after a syntax error is taken as run"),
    (P, "ShellStatements.Split(Join(statements.Append(line))).Count > statements.Count", "true", "expr",
     "placement: a file ending in a backslash-newline takes the line into its last command"),
    (P, "text[token.Start] == '(' && previous.Kind == ShellTokenKind.Word && previous.End == token.Start && text[previous.End - 1] == '='", "false", "expr",
     "placement: an array's . is taken for source"),
    (C, "inList && SubstitutesCommand(statement, list[j])", "false", "expr", "commands: KEY=$(cmd) && other is edited"),
    (C, "written.Contains('`', StringComparison.Ordinal)", "false", "expr", "commands: KEY=`cmd` && other is edited"),
    (C, "written.Contains(\"$(\", StringComparison.Ordinal)", "false", "expr", "commands: KEY=$(cmd) && other is edited ($( form)"),
    (W, "WithoutQuoting(ShellHereDocuments.WithoutBodies(text))", "ShellHereDocuments.WithoutBodies(text)", "expr", "reader: export K\\EY=b in an if is not KEY's",
     "Occurs(WithoutQuoting(ShellHereDocuments.WithoutBodies(text)), key, StartsName)"),
    (E, "ShellWords.WithoutQuoting(text)", "text", "expr", "editor: Remove does not see export K\\EY=a"),
    # Session 26 (shell2): a redirection with no word after it is a syntax error (ShellSyntaxCheck), and a key
    # the file expands keeps its assignments (ShellVariableEditor, ShellWords.Expands).
    (SC, "text[after.Start] == '('", "false", "expr", "syntax: a process substitution >(x) is an error"),
    (SC, "c == '<' && text[after.Start] == '<'", "false", "expr", "syntax: a here-document's << is read as a redirection with no word"),
    (SC, "next.End - next.Start == 1", "true", "expr", "syntax: >|| and >&& read as >| and >& with a word"),
    (SC, "(text[next.Start], first) is ('>', _) or ('&', '<' or '>') or ('|', '>')", "(text[next.Start], first) is ('&', '<' or '>') or ('|', '>')", "expr",
     "syntax: >> and <> are errors"),
    (SC, "(text[next.Start], first) is ('>', _) or ('&', '<' or '>') or ('|', '>')", "(text[next.Start], first) is ('>', _) or ('&', '>') or ('|', '>')", "expr",
     "syntax: <& is an error"),
    (SC, "(text[next.Start], first) is ('>', _) or ('&', '<' or '>') or ('|', '>')", "(text[next.Start], first) is ('>', _) or ('&', '<' or '>') or ('|', _)", "expr",
     "syntax: <| reads as a redirection"),
    (SC, "_position == Position.Command ? NotFollowed : null", "null", "expr", "syntax: a redirection before a command's name is followed"),
    (SC, "text[target.Start] is '<' or '>' && target.End - target.Start == 1 && text.Length > target.End && text[target.End] == '('", "false", "expr",
     "syntax: > >(x) is an error"),
    (SC, "Next();", "", "stmt", "syntax: >>f takes the second > for its word", "SecondCharacter(c, second))\n            {\n                Next();"),
    (E, "!ShellWords.Expands(text, key)", "true", "expr", "editor: Set edits a key the file expands in place",
     "is var match and >= 0 && !ShellWords.Expands(text, key)"),
    (E, "!ShellWords.Expands(text, key)", "true", "expr", "editor: Remove takes out a key the file expands",
     "remove(key) && !ShellWords.Expands(text, key)"),
    (W, "WithoutQuoting(ShellHereDocuments.WithoutBodies(text))", "ShellHereDocuments.WithoutBodies(text)", "expr", "editor: $K\\<newline>EY is no expansion of KEY",
     "Occurs(WithoutQuoting(ShellHereDocuments.WithoutBodies(text)), key, Expanded)"),
    (W, "text[start - 1] == '$'", "true", "expr", "editor: any KEY counts as expanded"),
    (W, "text[at - 1] is '#' or '!'", "false", "expr", "editor: ${#KEY} is no expansion"),
    (W, "text[start - 1] == '{'", "false", "expr", "editor: ${KEY}x is no expansion"),
    (NR, "written.Contains(\"$((\", StringComparison.Ordinal)", "false", "expr", "editor: $((KEY + 1)) is no expansion"),
]

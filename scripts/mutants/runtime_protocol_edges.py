# Mutants of the runtime's protocol edges: PlainRequestScanner (the fast path of every request:
# the two-member layout compared in place, the general walk, depth, strings, numbers, literals,
# white space, separators), AgentResponse (From, FromWire, the bytes written), InMemoryExchange
# (ids, cancellation, WhenTaken, the host's stop) and CommandSchemaDocument: a check dropped, a
# comparison off by one, a branch swapped, a range one byte off, the wrong bytes accepted.
# The reference for the scanner is the general Utf8JsonReader path (NovaRequestReader.ReadGeneral):
# a scanner mutant that only sends a plain request down the general path changes no answer, so
# it is killed by the tests that assert which requests take the fast path.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_protocol_edges.py
# The batch has two sibling batches for the same round, since a batch builds one test project and
# has one switch per assembly: runtime_protocol_edges_xenstore.py (DirectoryChunks, DomainTable, whose
# tests are in the XenStore test project) and runtime_protocol_edges_logging.py (RequestLogState, in
# Agent.Commands).
# Outcome (session 18): 45/45 killed. First run: 31/45 killed (21, 38 and 41 by the 120 s timeout:
# the scanner loops for ever, a WhenTaken or a taken request's wait never ends); the 14 survivors
# were test gaps, each killed by a new or tightened test (re-run: all 14 killed):
#   15 nested objects not counted toward the depth, 17 the walk's depth starting one low ->
#     PlainRequestScannerTests: 70 nested objects, and the 32/33-level boundary in both layouts.
#   18 a nested key that is not a string ({1:2}) -> PlainRequestScannerTests (non-string keys).
#   28 char.IsWhiteSpace for JSON white space -> form feed and vertical tab left to the general path.
#   31 an empty return code, 32 FromWire's null message -> AgentResponseTests.
#   35 a send after Complete, 36 the caller's token, 37 the id freed by a cancelled wait, 39 WhenTaken
#     after an answer, 40 a host that gave up waiting -> InMemoryExchangeRequestTests.
#   42 a null header, 44 the registry's order, 45 the stream's spare capacity (only a document under
#     256 bytes shows it: a larger one is written in one go, capacity = length) -> CommandSchemaDocumentTests.
#   34 was first written wrongly (TryAdd skipped, so nothing was ever answered: killed by timeout
#     for the wrong reason); corrected to let a duplicate id through, killed by the duplicate-id test.
# Killed only by which path a request takes, not by a different answer: 14, 20, 26 (a plain request
# sent to the general walk) and 23 (a raw DEL in a long string taken by the fast path; the general
# path accepts it too, JSON needs only control characters escaped; the scanner's subset is printable
# ASCII, and the test pins that).
# No survivor showed a real bug: the scanner agreed with the general path on every request tried
# (the one-byte mutation sweep, the new depth, key and white-space cases, and, not committed, a
# seeded sweep of a million random nested requests with random white space, keys, scalars and
# one-byte damage: about 46,000 took the fast path, none split differently).
# Session 22: 46-53 (JsonTextCheck, the check generated binders run on a JsonElement value), with
# JsonTextCheckTests in TEST_ARGS: 8/8 killed, all by JsonTextCheckTests (46 by the non-UTF-8 cases,
# the rest by the seeded agreement with JsonElement.GetString). A first 47 (a length check only
# malformed JSON reaches) survived as unreachable; the check was removed and 47 retargeted.
# Session 24 (host): 36 follows the code (the caller's wait is Task.WaitAsync); 37 turned round: a
# caller that stops waiting no longer frees the id of its request, still queued or served (the
# next request with the id was handed the first one's answer), so the mutant frees it again.
# Run: 36 and 37 killed (both by InMemoryExchangeRequestTests' id test; 36 also by a WhenTaken test).
# Session 24 (host2): 54-63, CommandExecutor's check that a parser's value is exactly one JSON value
# (OneJsonValue), with CommandExecutorValueExtentTests in TEST_ARGS. Run: 10/10 killed, all by
# CommandExecutorValueExtentTests (the refusal, its log line and reason, the 64-level limit).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*PlainRequestScannerTests", "-class", "*CommandNameAgreementTests", "-class", "*NovaJsonParserTests",
             "-class", "*InMemoryExchange*", "-class", "*CommandSchemaDocumentTests", "-class", "*AgentHostParserWireTests",
             "-class", "*CommandResultFormatterTests", "-class", "*AgentResponseTests", "-class", "*JsonTextCheckTests",
             "-class", "*CommandExecutorValueExtentTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 120
S = "src/Agent/Protocol/PlainRequestScanner.cs"
A = "src/Agent/Protocol/AgentResponse.cs"
I = "src/Agent/Exchanges/InMemoryExchange.cs"
C = "src/Agent/Commands/CommandSchemaDocument.cs"
J = "src/Agent/Commands/JsonTextCheck.cs"
O = "src/Agent/Protocol/OneJsonValue.cs"
E = "src/Agent/Protocol/CommandExecutor.cs"
MUTANTS = [
    # PlainRequestScanner.TryRead: the general walk
    (S, "hasName = hasValue = true;", "hasName = true; hasValue = false;", "stmt",
     "scanner: a request in the hosts' layout loses its value (answered as if it had none)"),
    (S, "return IsEnd(data, position + 1);", "return true;", "stmt",
     "scanner: an empty object followed by anything is accepted ({} x)"),
    (S, "data[valueStart] != (byte)'\"'", "data[valueStart] == (byte)'{' || data[valueStart] == (byte)'['", "expr",
     "scanner: a name that is a number or literal is taken as a string"),
    (S, "name = new Range(valueStart + 1, valueEnd - 1);", "if (!hasName) { name = new Range(valueStart + 1, valueEnd - 1); }", "stmt",
     "scanner: the first of two names wins (the general path takes the last)"),
    (S, "value = new Range(valueStart, valueEnd);", "if (!hasValue) { value = new Range(valueStart, valueEnd); }", "stmt",
     "scanner: the first of two values wins"),
    (S, "key.SequenceEqual(\"value\"u8)", "key.StartsWith(\"value\"u8)", "expr",
     "scanner: a key that only starts with value (values) is taken as the value"),
    (S, "if (closed)\n            {\n                return IsEnd(data, position);\n            }", "if (closed) { return true; }", "stmt",
     "scanner: bytes after the request object are accepted"),
    # TryReadTwoMembers: the hosts' layout compared in place
    (S, "(spaced && !At(data, firstEnd + 1, (byte)' '))", "false", "expr",
     "two members: the space after the comma is not checked (any byte passes)"),
    (S, "(spaced && !At(data, secondKey + (nameFirst ? 8 : 7), (byte)' '))", "false", "expr",
     "two members: the space after the second colon is not checked"),
    (S, "secondEnd != data.Length - 1 || data[secondEnd] != (byte)'}'", "!At(data, secondEnd, (byte)'}')", "expr",
     "two members: bytes after the closing brace are accepted"),
    (S, "name = new Range(nameStart + 1, nameEnd - 1);", "name = new Range(nameStart + 1, nameEnd);", "stmt",
     "two members: the name keeps its closing quote"),
    (S, "new Range(position + gap, firstEnd)", "new Range(position, firstEnd)", "expr",
     "two members: a value written first keeps the space before it"),
    (S, "nameFirst ? SkipString(data, position + gap) : SkipValue(data, position + gap, depth: 1)",
     "SkipValue(data, position + gap, depth: 1)", "expr",
     "two members: a name written first is not checked to be a string"),
    (S, "secondKey + (nameFirst ? 8 : 7) + gap", "secondKey + (nameFirst ? 8 : 7)", "expr",
     "two members: the second member's gap forgotten (spaced requests take the general walk)"),
    # Depth
    (S, "SkipObject(data, position, depth + 1)", "SkipObject(data, position, depth)", "expr",
     "depth: nested objects do not count (70 nested objects taken, which the general path refuses)"),
    (S, "SkipArray(data, position, depth + 1)", "SkipArray(data, position, depth)", "expr",
     "depth: nested arrays do not count"),
    (S, "SkipValue(data, valueStart, depth: 1)", "SkipValue(data, valueStart, depth: 0)", "expr",
     "depth: the general walk does not count the request object (one level deeper than MaxDepth taken)"),
    (S, "position = SkipString(data, position);", "position = SkipValue(data, position, depth);", "stmt",
     "nested object: a key that is not a string is accepted ({1:2})"),
    # Strings
    (S, "Math.Min(data.Length, index + 16)", "index + 16", "expr",
     "string: the per-byte stretch runs past the end of a short request"),
    (S, "index == shortEnd && index < data.Length", "false", "expr",
     "string: the vector search never runs (long strings take the general path)"),
    (S, "index = run < 0 ? data.Length : index + run;", "index = run < 0 ? data.Length : run;", "stmt",
     "string: the vector search's result not offset by where it started"),
    (S, "b is not ((byte)'\"' or (byte)'\\\\')", "b is not (byte)'\"'", "expr",
     "string: the vector search lets a backslash (an escape) through"),
    (S, "Enumerable.Range(0x20, 0x5F)", "Enumerable.Range(0x20, 0x60)", "expr",
     "string: the vector search lets DEL through"),
    # Literals, numbers, white space, separators
    (S, "data[position..].StartsWith(literal) ? position + literal.Length : NotPlain", "position + literal.Length", "expr",
     "literal: only its first byte is checked"),
    (S, "At(data, position, (byte)'0') ? position + 1 : SkipDigits(data, position)", "SkipDigits(data, position)", "expr",
     "number: leading zeros accepted (01)"),
    (S, "At(data, position, (byte)'+') || At(data, position, (byte)'-')", "At(data, position, (byte)'-')", "expr",
     "number: an exponent's plus sign not plain"),
    (S, "return position > start ? position : NotPlain;", "return position;", "stmt",
     "number: no digits is accepted as digits (1., 1e, -)"),
    (S, "data[position] is (byte)' ' or (byte)'\\t' or (byte)'\\n' or (byte)'\\r'", "char.IsWhiteSpace((char)data[position])", "expr",
     "white space: char.IsWhiteSpace (form feed, vertical tab, NEL, NBSP taken as JSON white space)"),
    (S, "closed = At(data, position, close);", "closed = At(data, position, (byte)'}') || At(data, position, (byte)']');", "stmt",
     "separator: a container closed by the other bracket"),
    (S, "At(data, position, (byte)':') ? SkipWhitespace(data, position + 1) : NotPlain", "SkipWhitespace(data, position + 1)", "expr",
     "colon: any byte after a key taken as the colon"),
    # AgentResponse
    (A, "string.IsNullOrEmpty(result.ReturnCode)", "result.ReturnCode is null", "expr",
     "response: an empty return code is written as it is instead of 500"),
    (A, "ArgumentNullException.ThrowIfNull(message);", "", "stmt",
     "response: FromWire takes a null message"),
    (A, "wire.ToArray()", "ResponseWriter.Write(ReturnCode, Message)", "expr",
     "response: a parser's own rendering is replaced by Nova's format"),
    # InMemoryExchange
    (I, "!_pending.TryAdd(id, completion)", "!_pending.TryAdd(id, completion) && false", "expr",
     "in-memory: a second request with a pending id is queued (its caller never answered)"),
    (I, "Volatile.Read(ref _hostStopped) != 0\n                ? Task.FromException<AgentResponse>(NotTaken(id))\n                : throw new InvalidOperationException(\"The exchange has been completed.\")",
     "Task.FromException<AgentResponse>(NotTaken(id))", "expr",
     "in-memory: a request sent after Complete fails as not run by a stopped host"),
    (I, "cancellationToken.CanBeCanceled ? completion.Task.WaitAsync(cancellationToken) : completion.Task", "completion.Task", "expr",
     "in-memory: the caller's token does not end the wait"),
    (I, "completion.Task.WaitAsync(cancellationToken)",
     "completion.Task.WaitAsync(cancellationToken).ContinueWith(wait => { if (wait.IsCanceled) { _pending.TryRemove(new KeyValuePair<string, TaskCompletionSource<AgentResponse>>(id, completion)); } return wait; }, TaskScheduler.Default).Unwrap()", "expr",
     "in-memory: a cancelled wait frees the id of a request still queued (a second request with it gets the first one's answer)"),
    (I, "_taken.ContainsKey(id)", "false", "expr",
     "in-memory: WhenTaken for a request in progress waits for the next one"),
    (I, "_taken.TryRemove(request.Id, out _);", "", "stmt",
     "in-memory: an answered request still counts as taken (WhenTaken completes at once)"),
    (I, "HostStopped();\n            throw;", "throw;", "stmt",
     "in-memory: a host that gives up waiting leaves the exchange taking requests"),
    (I, "completion.TrySetCanceled();", "", "stmt",
     "in-memory: dispose leaves a taken request's caller waiting"),
    # CommandSchemaDocument
    (C, "ArgumentNullException.ThrowIfNull(protocol);", "", "stmt",
     "schema document: a null protocol is written as null"),
    (C, "using var document = JsonDocument.Parse(defaultValue);\n            document.RootElement.WriteTo(json);", "json.WriteStringValue(defaultValue);", "stmt",
     "schema document: every default written as a string"),
    (C, "registry.Commands", "registry.Commands.OrderBy(command => command.Name, StringComparer.Ordinal).ToList()", "expr",
     "schema document: commands sorted by name, not in the registry's order"),
    (C, "(int)buffer.Length", "buffer.GetBuffer().Length", "expr",
     "schema document: the buffer's spare capacity is written too"),
    # Session 22: JsonTextCheck (46-53), whether every string of a JsonElement value reads as .NET text.
    (J, "!Utf8.IsValid(json)", "false", "expr",
     "json text: bytes that are not UTF-8 pass"),
    (J, "json = json[2..];", "json = json[1..];", "stmt",
     "json text: a plain escape's second character read as the next escape's start (an escaped backslash before 'u1234' text)"),
    (J, "awaitingLowSurrogate", "false", "expr",
     "json text: a plain escape may come between a high surrogate and its partner", "if (awaitingLowSurrogate)"),
    (J, "char.IsLowSurrogate(unit) != awaitingLowSurrogate", "char.IsLowSurrogate(unit) && !awaitingLowSurrogate", "expr",
     "json text: a high surrogate may be followed by anything but a low one"),
    (J, "char.IsLowSurrogate(unit) != awaitingLowSurrogate", "awaitingLowSurrogate && !char.IsLowSurrogate(unit)", "expr",
     "json text: a lone low surrogate passes"),
    (J, "awaitingLowSurrogate = char.IsHighSurrogate(unit);", "awaitingLowSurrogate = false;", "stmt",
     "json text: a high surrogate expects no partner"),
    (J, "awaitingLowSurrogate && next != 0", "awaitingLowSurrogate && next < 0", "expr",
     "json text: text may come between a high surrogate and its partner"),
    (J, "NumberStyles.AllowHexSpecifier", "NumberStyles.Integer", "expr",
     "json text: the escape's digits read as decimal"),
    # Session 24 (host2): 54-63, the executor's check that a parser's value is exactly one JSON value.
    (E, "return new(RefuseValue(request.Id, utf8Name, name, notOneValue));", "", "stmt",
     "executor: a value that is not one JSON value runs the command anyway"),
    (E, "name ??= Names.GetString(utf8Name);", "", "stmt",
     "executor: without a logger the refusal names no command", "name ??= Names.GetString(utf8Name);\n        LogRejected("),
    (E, "$\"the value of command '{HostTextForLog.Cap(name)}' is not exactly one JSON value: {why}\"", "\"\"", "expr",
     "executor: the refusal is logged without why"),
    (O, "true", "false", "expr",
     "one value: a truncated value passes (the reader waits for more)", "isFinalBlock: true"),
    (O, "64", "65", "expr",
     "one value: a value nested deeper than Nova's reader allows passes", "MaxDepth = 64 }"),
    (O, "reader.CurrentDepth == 0", "reader.CurrentDepth <= 1", "expr",
     "one value: a member inside the value counts as its end"),
    (O, "reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)", "true", "expr",
     "one value: the start of an object or array counts as its end"),
    (O, "end = reader.BytesConsumed;", "end = reader.TokenStartIndex;", "stmt",
     "one value: the value's end taken at its last token's start"),
    (O, "return null;", "return \"refused\";", "stmt",
     "one value: every value refused", "return null;\n        }\n        catch"),
    (O, "value.Length - end", "value.Length - end - 1", "expr",
     "one value: the bytes after the value counted one short"),
]

# Mutants of the Nova protocol path (parser, executor, request reader, escape-free response writer)
# and of the atomic writer. Run: scripts/mutants/mutate.py scripts/mutants/protocol.py
# 2026-12-01: mutant 16 (the reader's UTF-8 check) added and run: killed by NovaJsonParserTests.
# Session 24 (host): the last mutant, the executor's test of whose cancellation it was, against
# ParserExecutorAgreementTests' own-cancellation case. Run: killed (that case, at every log level).
# Then 18, the parser's log line for a request without data: killed (NovaJsonParserTests).
# Session 26 (fuzz2): 19-22, the request's depth limit and its answer (RequestDepthTests joins the
# filter); run, all 4 killed (RequestDepthTests; 21 also by NovaJsonParserTests and the scanner's agreement).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*NovaJsonParserTests", "-class", "*RequestDepthTests", "-class", "*ParserExecutorAgreementTests", "-class", "*PlainRequestScannerTests",
             "-class", "*CommandNameAgreementTests", "-class", "*ResponseWriterTests", "-class", "*AtomicFileWriter*",
             "-class", "*AgentHostTests", "-class", "*AgentHostParserWireTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
N = "src/Agent/Protocol/NovaJsonParser.cs"
E = "src/Agent/Protocol/CommandExecutor.cs"
R = "src/Agent/Protocol/NovaRequestReader.cs"
W = "src/Agent/Protocol/ResponseWriter.cs"
A = "src/Agent/System/AtomicFileWriter.cs"
MUTANTS = [
    (N, "(CommandExecutor.IsSuccess(running.Result) || !_logger.IsEnabled(LogLevel.Warning))", "true", "expr", "parser fast path: error answers not logged at Warning"),
    (N, "CommandExecutor.IsComplete(running.Result)", "true", "expr", "parser fast path: incomplete result passed through"),
    (N, "found = true;", "found = false;", "stmt", "parser: command throwing before await answered as unknown"),
    (E, "request.Session.BindAnswer(id);", "", "stmt", "executor: cancelled answer not bound to the session"),
    (E, "BindingErrors.IsBindingError(result)", "false", "expr", "executor: binding error classified as refused"),
    (E, "kind != CommandOutcomeKind.Succeeded", "kind == CommandOutcomeKind.Failed", "expr", "executor: refusals not logged at Warning"),
    (E, "(IsSuccess(running.Result) || !_logger.IsEnabled(LogLevel.Warning))", "true", "expr", "executor fast path: error answers not logged"),
    (R, "nameHasEscapes = nameIsString && reader.ValueIsEscaped;", "nameHasEscapes = false;", "stmt", "reader: escaped names not decoded"),
    (R, "reader.TokenType != JsonTokenType.EndObject || reader.Read()", "reader.TokenType != JsonTokenType.EndObject", "expr", "reader: trailing data after the object accepted"),
    (R, "nameIsString ? new Range(start + 1, end - 1) : new Range(start, end)", "new Range(start + 1, end - 1)", "expr", "reader: a non-string name loses its first and last byte"),
    (W, "(uint)(c - ' ') < 0x7Fu - ' '", "(uint)(c - ' ') <= 0x7Fu - ' '", "expr", "writer: DEL passes raw in short texts"),
    (W, "text.Length < 32", "text.Length < 0", "expr", "writer: always the vector path"),
    (W, "ascii = ascii[(index + 1)..];", "ascii = ascii[index..];", "stmt", "writer: rescan from the replaced byte"),
    (A, "directory.RemoveCreated();", "", "stmt", "atomic: directories made for a failed write left behind"),
    (A, "existing?.Mode ?? options.NewFileMode", "options.NewFileMode", "expr", "atomic: existing mode not kept"),
    (R, "!Utf8.IsValid(data)", "false", "expr", "reader: a request that is not UTF-8 read as JSON (its value reaches the command)"),
    (E, "cancellationToken.IsCancellationRequested", "true", "expr", "executor: a command's own cancellation answered as cut off by the shutdown, and bound to the session"),
    (N, "_executor.LogRejected(HostTextForLog.Cap(request.Id), \"the exchange handed over no data\");", "", "stmt", "parser: a request without data answered with no log line"),
    (R, "reader.CurrentDepth >= MaxDepth", "reader.CurrentDepth > MaxDepth", "expr", "reader: 65 levels let through to the reader's own limit (answered without the reason)"),
    (R, "MaxDepth + 1", "MaxDepth", "expr", "reader: the reader's own limit at 64, whose JsonException answers without the reason"),
    (R, "reader.CurrentDepth == depth", "reader.CurrentDepth == depth + 1", "expr", "reader: the skip ends at the first nested container's end"),
    (N, "new(CommandResult.Error(ProtocolMessages.TooDeep))", "new(CommandResult.Error(ProtocolMessages.Malformed))", "expr", "parser: a request too deep answered without the reason"),
]

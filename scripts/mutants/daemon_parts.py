# Mutants of the daemon's parts no other batch covers: the verb catalogue help and the parser share
# (VerbCatalog) and how help spells and orders each option (OptionDescriptions), the process's
# standard streams (StandardStreams) and closed descriptors 0-2 (StandardDescriptors), what
# System.Text.Json's error may quote of a configuration file (JsonSyntaxReason), check-config's
# settings lines (EffectiveSettings), log level names (LogLevelNames) and the shared log writer
# (JournalWriter), demo (DemoVerb, its transcript DemoTranscript and pretend guest DemoGuest),
# call's exit code and interruption (CallVerb), connecting a verb to XenStore (XenStoreConnector)
# and schema (SchemaVerb). Invocation.cs (records) and VerbOption.cs (an enum's constants) hold no
# expression a switch could stand in for: their values are mutated where they are used.
# The batch publishes the mutated daemon (PUBLISH): StandardStreams.OpenConsole and
# StandardDescriptors run only in a process's own Main, demo's colours need a terminal.
# Session 21: 15 (retargeted to JournalStream.Names) and 16 (stdout's stream for stderr's) killed by FailureTests.
# Run: scripts/mutants/mutate.py scripts/mutants/daemon_parts.py
# It takes about 30 minutes on two shared cores (a build, a NativeAOT publish, then some 20 s a mutant).
# Outcome (session 19, 2026-11-30): 65 mutants, all killed; none equivalent, and no bug found. 32
# were test gaps, killed only by tests added with this batch: 'help ru' finding run (1) and help's
# facts, each checked against the code that has them: options in the order of the usage line (9),
# the --timeout default (11), the log levels (12), the quota default and the queue cap's least value
# (13-14) (HelpContentTests); set-password with stdin closed reading the runtime's /dev/urandom in
# slot 0 (18, ClosedStreamsTests, published); a reason over 200 characters (24, ConfigurationTests);
# check-config's lines for a missing default file, an empty list, fractional seconds and resolvConf
# always (28-31, EffectiveSettingsTests); ' debug ' and trace (34-35, LogLevelNamesTests); a log
# pipe whose reader is gone and a buffered writer (37-38, JournalWriterTests); demo's colours in a
# pipe and with NO_COLOR on a terminal (40-41, DemoAndSchemaTests, published, the terminal from
# script(1)); the response journal and backups in its file list, the hostname from vm-data (43-44,
# 52, DemoVerbTests, DemoGuestTests); the transcript's relative paths, mode, 24-line cut, final
# newline and colour reset (45-51, DemoTranscriptTests); call's exit code for D0, an array and a
# numeric returncode (55-57, CallVerbTests); the timeout line naming libxenstore's endpoint
# (61, FullListenQueueTests, published). Killed only by the published daemon's tests: 15-21, 39-41,
# 58-61, 63, 65; the rest in-process (51, 53-54 both ways).
# Session 56: call's exit code reads the answer through AgentResponseReader (and PythonJsonLoads), so
# 56-58 were retargeted there: D0, an unreadable answer (array, string, number code, no message)
# and NaN; run in-process, all three killed (CallVerbTests).
# Session 51: 18, 19 and 41 follow the streams read and written without .NET's console (41 now the
# terminal test in StandardStreams, which demo's colours follow). Session 52: run, all three killed (18 by
# ProcessHardeningTests and XenstoredPathVariableTests, 19 by ClosedStreamsTests, 41 by DemoAndSchemaTests).
# Session 24: 67-68 added (demo's transcript written through StandardStreams' stdout error); run,
# both killed by FullStdoutTests (in-process) and ClosedStreamsTests (published).
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*ProgramTests", "-class", "*CommandLineParserTests", "-class", "*HelpDocumentationTests",
             "-class", "*HelpLayoutTests", "-class", "*HelpContentTests", "-class", "*ConfigurationTests",
             "-class", "*CheckConfigVerbTests", "-class", "*DefaultConfigurationFileTests", "-class", "*EffectiveSettingsTests",
             "-class", "*JournalLoggerTests", "-class", "*JournalWriterTests", "-class", "*LogLevelNamesTests",
             "-class", "*SchemaVerbTests", "-class", "*DemoVerbTests", "-class", "*DemoTranscriptTests",
             "-class", "*DemoGuestTests", "-class", "*CallVerbTests", "-class", "*FullListenQueueTests",
             "-class", "*XenstoredLimitsDescriptionTests", "-class", "*FullStdoutTests",
             # The published daemon's.
             "-class", "*ClosedStreamsTests", "-class", "*DemoAndSchemaTests", "-class", "*FailureTests",
             "-class", "*ProcessHardeningTests", "-class", "*XenstoredPathVariableTests", "-class", "*NovaPluginFlowTests",
             "-class", "*MissingLibsslTests", "-class", "*SetPasswordTerminalTests"]
SWITCH_NS = "GuestAgent.Daemon.MutantSwitches"
SWITCH_DIR = "src/Agent.Daemon"
PUBLISH = ("src/Agent.Daemon/Agent.Daemon.csproj", "guest-agent", "GUEST_AGENT_BINARY")
TIMEOUT = 400
VC = "src/Agent.Daemon/Cli/VerbCatalog.cs"
OD = "src/Agent.Daemon/Cli/OptionDescriptions.cs"
SS = "src/Agent.Daemon/Cli/StandardStreams.cs"
SD = "src/Agent.Daemon/Cli/StandardDescriptors.cs"
JS = "src/Agent.Daemon/Configuration/JsonSyntaxReason.cs"
ES = "src/Agent.Daemon/Configuration/EffectiveSettings.cs"
LN = "src/Agent.Daemon/Logging/LogLevelNames.cs"
JW = "src/Agent.Daemon/Logging/JournalWriter.cs"
DV = "src/Agent.Daemon/Verbs/DemoVerb.cs"
DT = "src/Agent.Daemon/Demo/DemoTranscript.cs"
DG = "src/Agent.Daemon/Demo/DemoGuest.cs"
CV = "src/Agent.Daemon/Verbs/CallVerb.cs"
LO = "src/Agent.Daemon/NovaHost/PythonJsonLoads.cs"
XC = "src/Agent.Daemon/Verbs/XenStoreConnector.cs"
SV = "src/Agent.Daemon/Verbs/SchemaVerb.cs"
NAME_SWITCH = """level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "information",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => "none",
    }"""
MUTANTS = [
    # VerbCatalog
    (VC, "verb.Name == name", "verb.Name.StartsWith(name, StringComparison.Ordinal)", "expr",
     "catalog: 'help ru' finds run (a prefix taken for the verb)"),
    (VC, "[Run, CheckConfig, Xenstored, Call, SetPassword, Schema, Demo]", "[Run, CheckConfig, Xenstored, Call, SetPassword, Schema]", "expr",
     "catalog: demo left out of help"),
    (VC, "VerbOption.Config | VerbOption.XenStore | VerbOption.DomainPath | VerbOption.Root | VerbOption.LogLevel",
     "VerbOption.Config | VerbOption.XenStore | VerbOption.Root | VerbOption.LogLevel", "expr",
     "catalog: run (and check-config) without --domain-path"),
    (VC, "Run.Options", "Run.Options & ~VerbOption.Config", "expr",
     "catalog: check-config without --config"),
    (VC, "VerbOption.Socket | VerbOption.GuestDomainId | VerbOption.GuestSocket | VerbOption.MaxQueuedBytes | GuestQuotas",
     "VerbOption.Socket | VerbOption.GuestDomainId | VerbOption.GuestSocket | GuestQuotas", "expr",
     "catalog: xenstored without --max-queued-bytes"),
    (VC, "\"[--xenstore PATH] --domid N [--timeout SECONDS] COMMAND [VALUE]\"", "\"[--xenstore PATH] --domid N [--timeout SECONDS] COMMAND\"", "expr",
     "catalog: call's usage line without [VALUE]"),
    (VC, "\"[--guest-max-transactions N] [--guest-max-permissions N]\"", "\"[--guest-max-transactions N]\"", "expr",
     "catalog: xenstored's usage line without --guest-max-permissions"),
    # OptionDescriptions
    (OD, "option != VerbOption.None && options.HasFlag(option)", "options.HasFlag(option)", "expr",
     "options: None listed as an option"),
    (OD, "Enum.GetValues<VerbOption>()", "Enum.GetValues<VerbOption>().OrderByDescending(option => option).ToArray()", "expr",
     "options: help lists a verb's options in another order than its usage line"),
    (OD, "\"--domid N\"", "\"--domain-id N\"", "expr",
     "options: help spells --domid as an option the parser does not take"),
    (OD, "\"give up (and withdraw the request) after this long; default 30\"", "\"give up (and withdraw the request) after this long; default 60\"", "expr",
     "options: --timeout's stated default not the parser's"),
    (OD, "\"trace, debug, information, warning, error, critical or none\"", "\"trace, debug, information, warning, error or critical\"", "expr",
     "options: --log-level's explanation leaves out a level the parser takes"),
    (OD, "\"nodes the guest may own; default 1000\"", "\"nodes the guest may own; default 100\"", "expr",
     "options: --guest-max-nodes's stated default not the server's"),
    (OD, "\"unread: replies and watch events; default 16M, at least 4112\"", "\"unread: replies and watch events; default 16M, at least 4096\"", "expr",
     "options: --max-queued-bytes's stated minimum not the parser's"),
    # StandardStreams (published)
    (SS, "error && JournalStream.Names(Environment.GetEnvironmentVariable(\"JOURNAL_STREAM\"), LibC.DescriptorStatus(2)?.FileId)", "error", "expr",
     "streams: every error line gets <3> even on a terminal"),
    (SS, "LibC.DescriptorStatus(2)", "LibC.DescriptorStatus(1)", "expr",
     "streams: stdout's journal stream taken for stderr's (StandardOutput=journal, StandardError=file:)"),
    (SS, "input && TerminalEcho.IsTerminal(0)", "input", "expr",
     "streams: a pipe on stdin taken for a terminal"),
    (SS, "true", "false", "expr",
     "streams: Main's streams not owning the process (run not hardened)", "OwnsProcess = true"),
    (SS, "input ? new StreamReader(new StandardDescriptorStream(0, writable: false), Utf8, detectEncodingFromByteOrderMarks: false) : TextReader.Null",
     "new StreamReader(new StandardDescriptorStream(0, writable: false), Utf8, detectEncodingFromByteOrderMarks: false)", "expr",
     "streams: a closed stdin read from the runtime's own descriptor"),
    # StandardDescriptors (published)
    (SD, "(flags & CloseOnExecFlag) == 0", "true", "expr",
     "descriptors: the runtime's close-on-exec file in a closed slot used as a standard stream"),
    (SD, "Marshal.GetLastPInvokeError() != BadDescriptor", "true", "expr",
     "descriptors: a closed slot left closed (the next socket or file takes it)"),
    (SD, "Syscalls.Open(\"/dev/null\\0\"u8.ToArray(), ReadWrite, 0)", "Syscalls.Open(\"/dev/null\\0\"u8.ToArray(), 0, 0)", "expr",
     "descriptors: /dev/null opened read-only in a closed output slot"),
    # JsonSyntaxReason
    (JS, "message = message[..position];", "", "stmt",
     "json reason: System.Text.Json's position kept in the reason"),
    (JS, "message.Replace(\"('0'-'9')\", \"(0-9)\", StringComparison.Ordinal)", "message", "expr",
     "json reason: the messages' own ('0'-'9') withheld as '...'-'...'"),
    (JS, "reason.Length <= MaxLength ? reason : reason[..MaxLength] + \"...\"", "reason", "expr",
     "json reason: no bound on the reason's length"),
    (JS, "message.AsSpan(open).StartsWith(\"'''\") ? open + 2 : message.IndexOf('\\'', open + 1)", "message.IndexOf('\\'', open + 1)", "expr",
     "json reason: a quoted quote ''' not read as one quoted character"),
    (JS, "quoted is \"null\" or \"true\" or \"false\"", "false", "expr",
     "json reason: the literal 'null' the message expects withheld"),
    (JS, "Punctuation.Contains(quoted[0], StringComparison.Ordinal)", "\"{}[],:\\\"'/#+-\".Contains(quoted[0], StringComparison.Ordinal)", "expr",
     "json reason: '.' withheld (the decimal point a number stopped after)"),
    # EffectiveSettings
    (ES, "$\"none ({settings.ConfigurationFile} does not exist; defaults apply)\"", "\"none (defaults apply)\"", "expr",
     "settings lines: a missing default file not named"),
    (ES, "items.Count == 0 ? \"(none)\" : string.Join(\", \", items)", "string.Join(\", \", items)", "expr",
     "settings lines: an empty list printed as nothing (not '(none)')"),
    (ES, "time.TotalSeconds.ToString(CultureInfo.InvariantCulture)", "((long)time.TotalSeconds).ToString(CultureInfo.InvariantCulture)", "expr",
     "settings lines: fractional seconds cut to whole ones"),
    (ES, "\"always\"", "\"auto\"", "expr",
     "settings lines: resolvConf always printed as auto"),
    (ES, "settings.XenStorePath ?? \"(as libxenstore picks it)\"", "settings.XenStorePath ?? \"/dev/xen/xenbus\"", "expr",
     "settings lines: an unset XenStore path printed as one device"),
    (ES, "NetworkNames.LongNameOf(backend)", "backend.ToString()", "expr",
     "settings lines: the backend by its C# name, not the configuration's"),
    # LogLevelNames
    (LN, "text?.Trim().ToLowerInvariant()", "text?.ToLowerInvariant()", "expr",
     "log levels: ' debug ' refused"),
    (LN, "level >= LogLevel.Trace", "level > LogLevel.Trace", "expr",
     "log levels: trace refused"),
    (LN, NAME_SWITCH, NAME_SWITCH.replace("\"information\"", "\"info\""), "expr",
     "log levels: information named 'info' (not the documented name)"),
    # JournalWriter
    (JW, "try\n            {\n                _output.WriteLine(line);\n                _output.Flush();\n            }\n            catch (IOException)\n            {\n                // Nowhere to report it: the log is the thing that failed.\n            }",
     "_output.WriteLine(line); _output.Flush ();", "stmt",
     "journal writer: a log whose reader is gone fails the caller"),
    # ^ `Flush ()`, spaced: the next mutant's text must occur once.
    (JW, "_output.Flush();", "", "stmt",
     "journal writer: a line left in a buffered writer"),
    # DemoVerb
    (DV, "directory.Delete(recursive: true);", "", "stmt",
     "demo: the temporary directory left behind"),
    (SS, "output && TerminalEcho.IsTerminal(1)", "output", "expr",
     "demo: colours into a pipe"),
    (DV, "string.IsNullOrEmpty(Environment.GetEnvironmentVariable(\"NO_COLOR\"))", "true", "expr",
     "demo: NO_COLOR ignored"),
    (DV, "LogLevel.Error", "LogLevel.Information", "expr",
     "demo: the agent's information lines mixed into the output"),
    (DV, "changed.StartsWith(AgentPaths.DefaultStateDirectory.TrimStart('/'), StringComparison.Ordinal) && changed != actionsLog", "false", "expr",
     "demo: the agent's response journal listed as files written to the guest"),
    (DV, "changed.EndsWith(Platform.SiblingNames.BackupSuffix, StringComparison.Ordinal) || changed.EndsWith(Platform.SiblingNames.InertBackupSuffix, StringComparison.Ordinal)", "false", "expr",
     "demo: backups printed whole as files the agent wrote"),
    # DemoTranscript
    (DT, "path.StartsWith(_domainHome, StringComparison.Ordinal) ? path[_domainHome.Length..] : path", "path", "expr",
     "transcript: XenStore paths not relative to the guest's home"),
    (DT, "domainHome + \"/\"", "domainHome", "expr",
     "transcript: relative paths shown with a leading '/'"),
    (DT, "Convert.ToString((int)System.IO.File.GetUnixFileMode(diskPath), 8).PadLeft(4, '0')", "Convert.ToString((int)System.IO.File.GetUnixFileMode(diskPath), 8)", "expr",
     "transcript: mode 600 instead of 0600"),
    (DT, "lines.Length > MaxFileLines", "lines.Length >= MaxFileLines", "expr",
     "transcript: '… 0 more lines' under a file of exactly 24 lines"),
    (DT, "(lines.Length - MaxFileLines)", "lines.Length", "expr",
     "transcript: the count of lines left out wrong"),
    (DT, "System.IO.File.ReadAllText(diskPath).TrimEnd('\\n')", "System.IO.File.ReadAllText(diskPath)", "expr",
     "transcript: an empty line shown after a file's final newline"),
    (DT, "new StringBuilder().Append(\"\\u001b[\").Append(code).Append('m').Append(text).Append(\"\\u001b[0m\").ToString()", "new StringBuilder().Append(\"\\u001b[\").Append(code).Append('m').Append(text).ToString()", "expr",
     "transcript: a colour never reset"),
    # DemoGuest
    (DG, "server.Write($\"{home}/vm-data/hostname\", Encoding.UTF8.GetBytes(Hostname));", "", "stmt",
     "demo guest: no hostname in vm-data"),
    (DG, "$\"{home}/vm-data/networking/{Mac.Replace(\":\", \"\", StringComparison.Ordinal)}\"", "$\"{home}/vm-data/networking/{Mac}\"", "expr",
     "demo guest: the VIF's node named with colons, not as Nova names it"),
    (DG, "(Interface, Mac, \"1\")", "(Interface, Mac, \"772\")", "expr",
     "demo guest: eth0 a loopback interface"),
    # CallVerb
    (CV, "AgentResponseReader.Read(response).ReturnCode is \"0\" or \"D0\"", "AgentResponseReader.Read(response).ReturnCode is \"0\"", "expr",
     "call: keyinit's D0 exits 1"),
    (CV, "return false;", "throw;", "stmt",
     "call: an answer Nova cannot read (an array, a string, a numeric returncode, no message) crashes the exit code"),
    (LO, "Follows(text, index, \"NaN\")", "false", "expr",
     "call: an answer holding NaN, which Python reads, exits 1"),
    (CV, "Succeeded(response) ? ExitCodes.Success : ExitCodes.Failure", "ExitCodes.Success", "expr",
     "call: an error answer exits 0"),
    (CV, "throw new DaemonException(interrupted.Message);", "throw;", "stmt",
     "call: Ctrl-C's line names the exception type"),
    (CV, "invocation.XenStorePath ?? UnixSocketPathLength.EnvironmentEndpoint(VerbCatalog.Call.Name)", "invocation.XenStorePath", "expr",
     "call: XENSTORED_PATH not checked (length) nor made absolute"),
    # XenStoreConnector
    (XC, "path ?? XenStoreEndpoint.Candidates()[0]", "path", "expr",
     "connect: the timeout line names no endpoint when libxenstore's default was used"),
    (XC, "path is not null", "false", "expr",
     "connect: an explicit --xenstore that is missing asks whether this is a Xen guest"),
    (XC, "Directory.Exists(\"/proc/xen\")", "true", "expr",
     "connect: 'xenfs not mounted on /proc/xen' where there is no /proc/xen"),
    # SchemaVerb
    (SV, "\"guest-agent\"", "\"GuestAgent\"", "expr",
     "schema: the document names another program"),
    (SV, "return ExitCodes.Success;", "return ExitCodes.Failure;", "stmt",
     "schema: exits 1 after printing"),
    # Session 24: demo's transcript through the same stdout error as call's and schema's.
    (SS, "throw OutputRefused(exception);", "throw;", "stmt", "demo: a refused transcript line a bare IOException",
     "Out.Flush();\n        }\n        catch (IOException exception)\n        {\n            throw OutputRefused(exception);"),
    (DT, "_out.WriteOutputLine(Bold(text));", "_out.Out.WriteLine(Bold(text));", "stmt", "demo: the title written around the stdout guard"),
]

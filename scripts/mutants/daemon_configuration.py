# Mutants of the daemon's trust checks, warnings, logging and its run and set-password verbs: who can
# change the configuration file or the state directory (PathAccess), the settings' defaults
# (AgentSettings), the warnings run logs and check-config prints (SettingsWarnings, XenStorePathCheck),
# the unix socket path length rule (UnixSocketPathLength), one journal record per message
# (SingleLineText, JournalLogger), set-password's reading of the password (SetPasswordVerb, and
# TerminalPasswordReader on a terminal), run's own process (ProcessHardening), its start, readiness
# and stop (RunVerb, RunningAgent). ConfigurationFile.cs holds only properties and attribute
# constants: nothing there can be put behind a switch (its keys' names are mutated through
# ConfigurationReader in daemon_cli.py). RealPath.cs is left out.
# The batch publishes the mutated daemon (PUBLISH) for the end-to-end classes: TerminalPasswordReader,
# ProcessHardening and most of RunVerb and RunningAgent run only in the published binary (a test's
# streams never own the process, and never are a terminal).
# Run: scripts/mutants/mutate.py scripts/mutants/daemon_configuration.py (about 25 minutes on two
# shared cores: a build, a NativeAOT publish, then some 14 s a mutant).
# Outcome (session 18, 2026-11-30): 55 mutants, all killed; none equivalent, and no bug found. 21
# were test gaps, killed only by tests added with this batch: a path with a space in a fix (8) and
# fractional seconds in a warning (15) (SettingsWarningsTests); a relative XENSTORED_PATH named as
# run opens it, a directory or a FIFO as the endpoint (17-19, CheckConfigVerbTests); DEL or U+009F
# alone making an answer unsafe (25-26, PrintableAnswerTests); U+2069, the trimmed one-line error
# text, a category ending in '.', level None, a line of exactly MaxLineLength (27-30, 32,
# JournalLoggerTests); a UTF-8 password typed on a terminal and the answer on a line of its own
# (34-35, SetPasswordTerminalTests, published); set-password's empty, multi-line, CRLF, long and
# refused passwords (37-41, SetPasswordVerbTests, in-process against a played agent); run's serving
# line naming the endpoint (51) and dom0's own home with ~/domid "0" warned about (52; the
# embedded xenstored writes no domid for dom0, so the published MissingDomainTests' dom0 home has
# none) (RunVerbServingTests). Killed only by the published daemon's tests: 34-36, 42, 44-45, 47-50,
# 54-55; the rest in-process.
# Session 21: 45 placed by its call (its text now occurs twice), 56 and 57 added (the first signal's
# line and systemd STATUS saying what the stop waits for); rerun, all killed by the published LifecycleTests.
# Session 22: 58-59 added (set-password refusing a password that is not UTF-8 or has a control
# character before sending anything); run, both killed (58 by SetPasswordVerbTests and the published
# SetPasswordTerminalTests, 59 by SetPasswordVerbTests). 60-64 added for the terminal through Ctrl-Z,
# fg and SIGCONT (QuietTerminal); run, all killed by the published SetPasswordSuspendTests (63 and 64
# by its drivers' 60 s wait for a prompt). 65 added (a byte order mark refused); run, killed by
# SetPasswordVerbTests.
# Session 24: 66-71 added for run's SIGHUP handler from Main on (HangupHandler, RunVerb's logging of
# each); run, all killed by the published StartupHangupTests (strace delivers SIGHUP while run reads
# its configuration) and LifecycleTests (no such line at a plain start; a later SIGHUP logged).
# Session 25: HangupHandler an instance Main hands down (no static state): 66, 68 and 69 retargeted,
# 72 added (Main's handler not handed to the verb); 66-72 run, all killed by the same two classes.
# Session 54: the relative configuration file is made absolute as --config is read (VerbOptions), no
# longer by ProcessHardening for run's later log lines only: mutant 49 retargeted there (same number),
# and RelativeConfigPathTests (in-process: check-config's and run's start-up errors) added to the run;
# run alone (mutate.py ... 49), killed (6 failures, RelativeConfigPathTests among them).
# Session 68: 49 retargeted at ConfigFilePath's join through ArgumentEncoding.UnderWorkingDirectory (a name that is not UTF-8
# refused); run alone, killed (6 failures, ProcessHardeningTests among them).
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*PathAccessTests", "-class", "*SettingsWarningsTests", "-class", "*CheckConfigVerbTests",
             "-class", "*XenStorePathLengthTests", "-class", "*CommandLineParserTests", "-class", "*JournalLoggerTests",
             "-class", "*PrintableAnswerTests", "-class", "*ProgramTests", "-class", "*RunVerbStartupLogTests",
             "-class", "*RunVerbRecoveryTests", "-class", "*FullListenQueueTests", "-class", "*DemoVerbTests",
             "-class", "*ConfigurationTests", "-class", "*SetPasswordVerbTests", "-class", "*RunVerbServingTests",
             "-class", "*RelativeConfigPathTests",
             # The published daemon's.
             "-class", "*MissingDomainTests", "-class", "*ProcessHardeningTests", "-class", "*SetPasswordTerminalTests", "-class", "*SetPasswordSuspendTests",
             "-class", "*LifecycleTests", "-class", "*XenstoredPathVariableTests", "-class", "*StartupHangupTests"]
SWITCH_NS = "GuestAgent.Daemon.MutantSwitches"
SWITCH_DIR = "src/Agent.Daemon"
PUBLISH = ("src/Agent.Daemon/Agent.Daemon.csproj", "guest-agent", "GUEST_AGENT_BINARY")
TIMEOUT = 300
A = "src/Agent.Daemon/Configuration/PathAccess.cs"
G = "src/Agent.Daemon/Configuration/AgentSettings.cs"
W = "src/Agent.Daemon/Configuration/SettingsWarnings.cs"
X = "src/Agent.Daemon/Configuration/XenStorePathCheck.cs"
U = "src/Agent.Daemon/Cli/UnixSocketPathLength.cs"
L = "src/Agent.Daemon/Logging/SingleLineText.cs"
J = "src/Agent.Daemon/Logging/JournalLogger.cs"
T = "src/Agent.Daemon/Verbs/TerminalPasswordReader.cs"
S = "src/Agent.Daemon/Verbs/SetPasswordVerb.cs"
R = "src/Agent.Daemon/Verbs/RunVerb.cs"
H = "src/Agent.Daemon/Hosting/ProcessHardening.cs"
V = "src/Agent.Daemon/Cli/VerbOptions.cs"
P = "src/Agent.Daemon/Program.cs"
SH = "src/Agent.Daemon/Hosting/HangupHandler.cs"
N = "src/Agent.Daemon/Hosting/RunningAgent.cs"
MUTANTS = [
    # PathAccess: who can change what the agent trusts
    (A, "(UnixFileMode)(status.Mode & PermissionBits)", "(UnixFileMode)(status.Mode & 0x1FF)", "expr",
     "access: the sticky bit dropped when read (a real /tmp-like directory judged open)"),
    (A, "!directories.Exists(known => known.Path == directory)", "true", "expr",
     "access: a directory holding a link listed again when it is above the file already"),
    (W, "\"0700\"", "\"0644\"", "expr",
     "warnings: the state directory's fix sets 0644, not 0700"),
    (A, "!access.Mode.HasFlag(UnixFileMode.StickyBit)", "true", "expr",
     "access: a sticky directory judged open"),
    (A, "OwnerId != 0 && OwnerId != agentUserId", "OwnerId != 0", "expr",
     "access: a file of the agent's own (non-root) user judged open"),
    (A, "Mode.HasFlag(UnixFileMode.GroupWrite) && GroupId != 0", "Mode.HasFlag(UnixFileMode.GroupWrite)", "expr",
     "access: group root's write judged open"),
    (A, "path.Replace(\"'\", @\"'\\''\", StringComparison.Ordinal)", "path", "expr",
     "access: a quote in the fix's path not escaped"),
    (A, "c is '/' or '.' or '_' or '-' or '+' or ',' or ':' or '@'", "c is '/' or '.' or '_' or '-' or '+' or ',' or ':' or '@' or ' '", "expr",
     "access: a path with a space printed as two shell words"),
    # AgentSettings: defaults
    (G, "Path.Combine(Root, StateDirectory.TrimStart('/'))", "Path.Combine(Root, StateDirectory)", "expr",
     "settings: the state directory on disk outside the root"),
    (G, "64L * 1024 * 1024", "64L * 1000 * 1000", "expr",
     "settings: the default agentupdate size 64 MB, not 64 MiB"),
    # SettingsWarnings
    (W, "settings.ConfigurationFileRead", "true", "expr",
     "warnings: root mode tells to edit a file that was not read"),
    (W, "shutdown <= deadline + DeadlineMarginSeconds", "shutdown < deadline + DeadlineMarginSeconds", "expr",
     "warnings: a shutdown timeout of exactly deadline + 2 s not warned about"),
    (W, "deadline + StartMarginSeconds > ShippedTimeoutStartSeconds", "deadline + StartMarginSeconds >= ShippedTimeoutStartSeconds", "expr",
     "warnings: the default deadline warned about (exactly the unit's TimeoutStartSec)"),
    (W, "\"the state directory\"", "\"the file\"", "expr",
     "warnings: the state directory called 'the file' in the reason its directory gives"),
    (W, "seconds.ToString(\"0.###\", CultureInfo.InvariantCulture)", "seconds.ToString(\"0\", CultureInfo.InvariantCulture)", "expr",
     "warnings: fractional seconds rounded in the text"),
    # XenStorePathCheck
    (X, "$\"'xenstore.path' in {settings.ConfigurationFile}\"", "\"option '--xenstore'\"", "expr",
     "check-config: a path from the file said to come from the option"),
    (X, "UnixSocketPathLength.XenStorePath(variable)", "variable", "expr",
     "check-config: a relative XENSTORED_PATH named as typed, not as run opens it"),
    (X, "\"a directory\"", "null", "expr",
     "check-config: a directory as the endpoint not warned about"),
    (X, "\"a FIFO or a block device\"", "null", "expr",
     "check-config: a FIFO as the endpoint not warned about"),
    # UnixSocketPathLength
    (U, "bytes <= MaxBytes", "bytes < MaxBytes", "expr",
     "socket path: 107 bytes refused"),
    (U, "Encoding.UTF8.GetByteCount(used)", "used.Length", "expr",
     "socket path: counted in characters, not bytes"),
    # SingleLineText
    (L, "index++;", "", "stmt",
     "safe text: a surrogate pair's low half judged alone (an emoji makes an answer unsafe)"),
    (L, "c is '\\r' or '\\n' or '\\t'", "c is '\\r' or '\\n'", "expr",
     "one line: a tab escaped rather than a space"),
    (L, "line.Append(\"\\\\x\").Append(((int)c).ToString(\"X2\", CultureInfo.InvariantCulture));", "line.Append(c);", "stmt",
     "one line: control characters written raw (NUL ends the record, ESC drives the terminal)"),
    (L, "c < ' ' || c is >= '\\u007F' and <= '\\u009F' || NeedsUnicodeEscape(c)", "c < ' ' || c is > '\\u007F' and <= '\\u009F' || NeedsUnicodeEscape(c)", "expr",
     "safe text: DEL taken as safe (an answer printed raw)"),
    (L, "c < ' ' || c is >= '\\u007F' and <= '\\u009F' || NeedsUnicodeEscape(c)", "c < ' ' || c is >= '\\u007F' and < '\\u009F' || NeedsUnicodeEscape(c)", "expr",
     "safe text: U+009F taken as safe"),
    (L, "c is >= '\\u2028' and <= '\\u202E' or >= '\\u2066' and <= '\\u2069'", "c is >= '\\u2028' and <= '\\u202E' or >= '\\u2066' and <= '\\u2068'", "expr",
     "one line: U+2069 (pop directional isolate) kept"),
    (L, "line.ToString().Trim()", "line.ToString()", "expr",
     "one line: the error line not trimmed"),
    # JournalLogger
    (J, "dot >= 0 && dot < category.Length - 1", "dot >= 0", "expr",
     "journal: a category ending in '.' written empty"),
    (J, "logLevel != LogLevel.None && logLevel >= _writer.MinimumLevel", "logLevel >= _writer.MinimumLevel", "expr",
     "journal: a message at level None written"),
    (J, "SingleLineText.Append(line, exception.Message);", "line.Append(exception.Message);", "stmt",
     "journal: an exception's message not escaped"),
    (J, "line.Length <= MaxLineLength", "line.Length < MaxLineLength", "expr",
     "journal: a line of exactly the longest length cut"),
    (J, "char.IsHighSurrogate(line[keep - 1])", "char.IsHighSurrogate(line[keep])", "expr",
     "journal: a cut splitting a surrogate pair"),
    # TerminalPasswordReader (published: a terminal on stdin)
    (T, "Encoding.UTF8.GetCharCount(text)", "text.Length", "expr",
     "terminal password: bytes counted as characters (a non-ASCII password gets NULs)"),
    (T, "prompt.WriteLine();", "", "stmt",
     "terminal password: the answer printed on the prompt's line"),
    (T, "new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }", "new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }", "expr",
     "terminal password: Ctrl-C leaves the terminal without echo"),
    # SetPasswordVerb
    (S, "password.Length == 0", "false", "expr",
     "set-password: an empty password sent"),
    (S, "(next = input.Read()) >= 0 && next != '\\n'", "(next = input.Read()) >= 0", "expr",
     "set-password: stdin read whole, not its first line"),
    (S, "length > 0 && buffer[length - 1] == '\\r'", "false", "expr",
     "set-password: a CRLF line's CR kept in the password"),
    (S, "buffer.AsSpan().CopyTo(larger);", "", "stmt",
     "set-password: a password over 128 characters loses its start"),
    (S, "code == \"0\" ? ExitCodes.Success : throw new DaemonException($\"password failed: the agent answered '{code}' ({message})\")", "ExitCodes.Success", "expr",
     "set-password: a refused password exits 0"),
    # RunVerb
    (R, "streams.OwnsProcess", "false", "expr",
     "run: the process not hardened"),
    (R, "await BuiltInCommands.RecoverAsync(composition.Services, stopping.Token).ConfigureAwait(false);", "", "stmt",
     "run: what the last run left unfinished not recovered"),
    (R, "!stopping.IsCancellationRequested", "true", "expr",
     "run: READY=1 and 'serving' after a stop"),
    (R, "agent?.RequestsInProgress ?? []", "Array.Empty<AgentRequest>()", "expr",
     "run: a second signal does not name the abandoned request",
     "LogAbandoning(logger, signal, agent?.RequestsInProgress ?? [])"),
    (R, "LogStopped(logger);\n        return ExitCodes.Success;", "LogStopped(logger); return ExitCodes.Failure;", "stmt",
     "run: a clean stop exits 1"),
    # ProcessHardening (published: only a process that owns itself)
    (H, "Directory.SetCurrentDirectory(WorkingDirectory);", "", "stmt",
     "hardening: run stays in the directory it was started from"),
    (H, "Syscalls.Prctl(PrSetDumpable, 0, 0, 0, 0)", "Syscalls.Prctl(PrSetDumpable, 1, 0, 0, 0)", "expr",
     "hardening: the process left dumpable"),
    (V, "Path.GetFullPath(Path.IsPathRooted(path) ? path : ArgumentEncoding.UnderWorkingDirectory(path, $\"{reader.Verb}: option '{option}' names {path}\"))", "path", "expr",
     "--config: a relative configuration file named as typed, relative to / in run's log"),
    (H, "settings with { XenStorePath = variable }", "settings", "expr",
     "hardening: a relative XENSTORED_PATH resolved against / once run has moved"),
    # RunningAgent
    (N, "Description = client.Description;", "", "stmt",
     "running: 'serving … over' names no endpoint"),
    (N, "!domid.AsSpan().SequenceEqual(\"0\"u8)", "true", "expr",
     "running: dom0's own home taken for a guest's (no warning for its missing data/host)"),
    (N, "requestsExist || guestHome ? null : requests", "requestsExist ? null : requests", "expr",
     "running: a guest's own home without data/host warned about"),
    (N, "_resetNetworkPending = await PendingRequestProbe.HasResetNetworkAsync(client, requests, cancellationToken).ConfigureAwait(false);", "", "stmt",
     "running: a resetnetwork waiting at start not looked for (READY=1 before it)"),
    (N, "Task.Delay(resetNetworkWait)", "Task.Delay(TimeSpan.Zero)", "expr",
     "running: READY=1 does not wait for the waiting resetnetwork"),
    # Session 21: the first signal's line names the request the stop waits for.
    (R, "agent?.RequestsInProgress ?? []", "Array.Empty<AgentRequest>()", "expr",
     "run: the first signal's line does not name the request the stop waits for",
     "var requests = agent?.RequestsInProgress ?? [];"),
    (R, "requests.Count == 0 ? \"Stopping: no request in progress\" : \"Finishing the request in progress\"", "\"Finishing the request in progress\"", "expr",
     "run: systemd's STATUS says a request is finished first when none is in progress"),
    # Session 22: a password the agent could not set as typed is refused before anything is sent.
    (S, "rune == System.Text.Rune.ReplacementChar", "false", "expr",
     "set-password: a byte that is not UTF-8 sent on as U+FFFD (root's password other bytes than typed)"),
    (S, "System.Text.Rune.IsControl(rune)", "false", "expr",
     "set-password: a tab sent on, for the agent to answer 'Invalid password data received'"),
    # Session 22: set-password's terminal through job control (QuietTerminal; published SetPasswordSuspendTests).
    (T, "context.Cancel = true;", "", "stmt",
     "terminal password: .NET's SIGCONT handling turns echo back on while the rest is typed",
     "context.Cancel = true;\n                if (!_echo.Reapply())"),
    (T, "!_echo.Reapply()", "false", "expr",
     "terminal password: fg leaves echo on (not turned off again after Ctrl-Z)"),
    (T, "_echo.Restore();", "", "stmt",
     "terminal password: Ctrl-Z leaves the shell without echo",
     "// The shell the operator goes back to gets its echo.\n                _echo.Restore();"),
    (T, "_ = Syscalls.Raise(StopSignal);", "", "stmt",
     "terminal password: Ctrl-Z does not stop the process"),
    (T, "_prompt.Write(Environment.NewLine + Prompt);", "", "stmt",
     "terminal password: no new prompt after fg, though the half-typed line was dropped"),
    (S, "rune.Value == ByteOrderMark", "false", "expr",
     "set-password: a file's byte order mark sent as the password's first character"),
    # HangupHandler (session 24): run's SIGHUP handler, from Main on.
    (P, "HangupHandler.Register()", "null", "expr", "run: no SIGHUP handler until run has read its settings (one then ends the agent)"),
    (SH, "context.Cancel = true;", "", "stmt", "run: a caught SIGHUP still ends the agent"),
    (SH, "_received.Release();", "", "stmt", "run: a caught SIGHUP not counted (never logged)"),
    (SH, "new(0)", "new(1)", "expr", "run: a SIGHUP logged as ignored at every start", "SemaphoreSlim _received = new(0)"),
    (SH, "log();", "", "stmt", "run: a counted SIGHUP not logged"),
    (R, "() => LogHangupIgnored(logger)", "() => { }", "expr", "run: SIGHUP ignored without a word"),
    # Session 25: the handler an instance handed down from Main (no static state).
    (P, "RunAsync(args, streams, hangups, CancellationToken.None)", "RunAsync(args, streams, null, CancellationToken.None)", "expr",
     "run: Main's handler not handed to the verb (SIGHUP caught, never logged)"),
]

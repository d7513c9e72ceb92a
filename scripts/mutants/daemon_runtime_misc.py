# Mutants of the daemon's and runtime's small parts no other batch covered: SettingsLog (run's and
# check-config's settings lines), VerbDispatcher, JournalLoggerFactory and FileSnapshot (demo's list of
# the files the agent wrote). The SDK's share is in daemon_runtime_misc_runtime.py (tests/Agent.Tests:
# ProtocolMessages, CommandException, ProcessSpec, AgentSystem, Ownership, CommandContext, the log
# events of CommandExecutor.Log.cs and AgentHost.Log.cs) and the XenStore server's in
# daemon_runtime_misc_xenstore.py (tests/Agent.XenStore.Tests: the default quotas, XenStoreErrorException,
# XenStoreIdentity, EventBatch); a batch builds one test project. The batch publishes the mutated
# daemon (PUBLISH): demo and check-config run end to end too.
# Run: scripts/mutants/mutate.py scripts/mutants/daemon_runtime_misc.py
# About 25 minutes on two shared cores (a build, a NativeAOT publish, then some 20 s a mutant;
# 14, 15 and 17 wait for the tests' one-minute safety net).
# Session 66: 1 and 3 retargeted (the error names AgentSettings.ConfigurationFileToEdit, as agentupdate's http hint
# does; SettingsLogTests added to the classes run) and rerun from a clone of main: both killed.
#
# Not mutated, declarations only: ConfigurationFile.cs (the file's shape; its one attribute,
# [JsonPropertyName("xenstore")], is not an expression; ConfigurationTests reads every key), Invocation.cs
# (records whose defaults are constants), VerbOption.cs (an enum), Syscalls.cs ([LibraryImport]
# declarations; runtime_native.py mutates their wrappers), JournalLoggerFactory's AddProvider (an
# expression-bodied throw) and Dispose (empty). SettingsLog's levels and texts are [LoggerMessage]
# attribute arguments: a call through ILogger's extension methods with another level stands in (1, 6).
#
# Outcome (session 20, 2026-11-30): 26 mutants, all killed; none equivalent, no bug found here (the
# SDK part found one, see daemon_runtime_misc_runtime.py). First run: 21/26 killed. The 5 survivors,
# each killed by a test added with this batch (re-run: all 5):
#   14-17  the verb given CancellationToken.None instead of the caller's: the published program passes
#          no token (each verb stops on its own signals), so only an in-process caller notices ->
#          CallerCancellationTests: with a cancelled token xenstored stops and removes its socket, call
#          stops before its 300 s timeout, demo before its first request, each "cancelled", exit 1;
#          run's by RunVerbServingTests (added to the classes; it stops run with the token)
#   18     categories differing in case sharing one logger -> JournalLoggerTests, three lines of
#          Network / network / Network keep their names
# FileSnapshotTests (added, every file new or changed at any depth, relative, ordinal order, a
# same-size rewrite seen, removed files not listed) kills 21-26 directly; 26 (sizes for hashes) only it.
# Session 23 (2026-12-01): 9 rewritten (the overview now goes through StandardStreams.WriteErrorLineAsync),
# 27 and 28 added with the fixes they guard; run alone (`mutate.py … 9 27 28`): all 3 killed. 9 by
# ProgramTests (no arguments, and no arguments with stderr on /dev/full), 27 by ProgramTests' /dev/full
# cases, 28 by FailureTests' run as nobody. Session 23 (s23-small): 11 and 12 follow --version's line
# into StandardStreams.WriteOutputLineAsync (12 placed by the call around it); run alone
# (`mutate.py … 11 12`): both killed by ProgramTests' Version_prints_the_informational_version_and_exits_0.
# Session 25 (hangup): 17 retargeted (the dispatcher now hands run its SIGHUP handler too); run, killed.
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*SettingsLogTests", "-class", "*ProgramTests", "-class", "*CommandLineParserTests", "-class", "*HelpContentTests",
             "-class", "*CheckConfigVerbTests", "-class", "*SettingsWarningsTests", "-class", "*RunVerbStartupLogTests",
             "-class", "*EffectiveSettingsTests", "-class", "*ConfigurationTests", "-class", "*JournalLoggerTests",
             "-class", "*AgentCompositionTests", "-class", "*DemoVerbTests", "-class", "*CallVerbTests",
             "-class", "*PathAccessTests", "-class", "*FileSnapshotTests", "-class", "*CallerCancellationTests",
             "-class", "*RunVerbServingTests",
             # The published daemon's.
             "-class", "*DemoAndSchemaTests", "-class", "*FailureTests", "-class", "*LifecycleTests",
             "-class", "*XenstoredSocketTests", "-class", "*NovaPluginFlowTests", "-class", "*InheritedSignalTests"]
SWITCH_NS = "GuestAgent.Daemon.MutantSwitches"
SWITCH_DIR = "src/Agent.Daemon"
PUBLISH = ("src/Agent.Daemon/Agent.Daemon.csproj", "guest-agent", "GUEST_AGENT_BINARY")
TIMEOUT = 400
SL = "src/Agent.Daemon/Configuration/SettingsLog.cs"
VD = "src/Agent.Daemon/Verbs/VerbDispatcher.cs"
JF = "src/Agent.Daemon/Logging/JournalLoggerFactory.cs"
FS = "src/Agent.Daemon/Demo/FileSnapshot.cs"
PR = "src/Agent.Daemon/Program.cs"
RV = "src/Agent.Daemon/Verbs/RunVerb.cs"
MUTANTS = [
    # SettingsLog
    (SL, "LogStateDirectoryNotADirectory(logger, settings.StateDirectoryOnDisk, \"in \" + settings.ConfigurationFileToEdit);",
     "logger.LogWarning(\"The state directory {StateDirectory} is not a directory\", settings.StateDirectoryOnDisk);", "stmt",
     "settings log: the state directory's error at Warning, without the fix"),
    (SL, "settings.StateDirectoryIsNotADirectory", "false", "expr",
     "settings log: no error for a state directory that is not a directory"),
    (SL, "\"in \" + settings.ConfigurationFileToEdit", "\"in \" + settings.ConfigurationFile", "expr",
     "settings log: the error names /dev/null as the file to set the key in"),
    (SL, "LogConfiguration(logger, EffectiveSettings.Source(settings), settings.Root, settings.StateDirectoryOnDisk);",
     "LogConfiguration(logger, EffectiveSettings.Source(settings), settings.Root, settings.StateDirectory);", "stmt",
     "settings log: the state directory inside the root, not where it is on disk"),
    (SL, "LogWarning(logger, warning);", "", "stmt",
     "settings log: the warnings not logged"),
    (SL, "LogWarning(logger, warning);", "logger.LogInformation(\"{Warning}\", warning);", "stmt",
     "settings log: the warnings at Information instead of Warning"),
    # VerbDispatcher
    (VD, "help.Verb is { } verb ? HelpText.For(verb) : HelpText.Overview", "HelpText.Overview", "expr",
     "dispatcher: 'VERB --help' prints the overview"),
    (VD, "return ExitCodes.Success;", "return ExitCodes.Usage;", "stmt",
     "dispatcher: help exits 2", "ConfigureAwait(false);\n                return ExitCodes.Success;\n            case MissingVerbInvocation:"),
    (VD, "streams.WriteErrorLineAsync(HelpText.Overview)", "streams.Out.WriteLineAsync(HelpText.Overview)", "expr",
     "dispatcher: no verb prints the overview on stdout"),
    (VD, "ExitCodes.Usage", "ExitCodes.Success", "expr",
     "dispatcher: no verb exits 0", "return ExitCodes.Usage;\n            case VersionInvocation:"),
    (VD, "streams.WriteOutputLineAsync($\"guest-agent {AgentVersion.Informational}\")",
     "streams.Error.WriteLineAsync($\"guest-agent {AgentVersion.Informational}\")", "expr",
     "dispatcher: --version on stderr"),
    (VD, "$\"guest-agent {AgentVersion.Informational}\"", "AgentVersion.Informational", "expr",
     "dispatcher: --version without the program's name",
     "streams.WriteOutputLineAsync($\"guest-agent {AgentVersion.Informational}\")"),
    (VD, "return await CheckConfigVerb.RunAsync(check, streams).ConfigureAwait(false);",
     "return await RunVerb.RunAsync(check.Options, streams, cancellationToken).ConfigureAwait(false);", "stmt",
     "dispatcher: check-config runs the agent"),
    (VD, "CallVerb.RunAsync(call, streams, cancellationToken)", "CallVerb.RunAsync(call, streams, CancellationToken.None)", "expr",
     "dispatcher: call deaf to the caller's token (the signals are its own)"),
    (VD, "XenstoredVerb.RunAsync(xenstored, streams, cancellationToken)", "XenstoredVerb.RunAsync(xenstored, streams, CancellationToken.None)", "expr",
     "dispatcher: xenstored deaf to the caller's token (the signals are its own)"),
    (VD, "DemoVerb.RunAsync(streams, cancellationToken)", "DemoVerb.RunAsync(streams, CancellationToken.None)", "expr",
     "dispatcher: demo deaf to the caller's token (the signals are its own)"),
    (VD, "RunVerb.RunAsync(run, streams, hangups, cancellationToken)", "RunVerb.RunAsync(run, streams, hangups, CancellationToken.None)", "expr",
     "dispatcher: run deaf to the caller's token (the signals are its own)"),
    # JournalLoggerFactory
    (JF, "StringComparer.Ordinal", "StringComparer.OrdinalIgnoreCase", "expr",
     "logger factory: categories differing in case share one logger (the first one's name)"),
    (JF, "new JournalLogger(name, writer)", "new JournalLogger(\"guest-agent\", writer)", "expr",
     "logger factory: every line under one category"),
    (JF, "new CategoryLogger<T>(this, category)", "new CategoryLogger<T>(this, \"guest-agent\")", "expr",
     "logger factory: a typed logger's category ignored"),
    # FileSnapshot (demo's list of the files the agent wrote)
    (FS, "!_hashes.TryGetValue(entry.Key, out var before) || before != entry.Value", "_hashes.TryGetValue(entry.Key, out var previous) && previous != entry.Value", "expr",
     "snapshot: new files left out (changed ones only)"),
    (FS, "before != entry.Value", "false", "expr",
     "snapshot: changed files left out (new ones only)"),
    (FS, "StringComparer.Ordinal", "Comparer<string>.Create((a, b) => string.CompareOrdinal(b, a))", "expr",
     "snapshot: the list in reverse order", ".Order(StringComparer.Ordinal)"),
    (FS, "SearchOption.AllDirectories", "SearchOption.TopDirectoryOnly", "expr",
     "snapshot: only the root's own files"),
    (FS, "Path.GetRelativePath(root, path)", "path", "expr",
     "snapshot: host paths instead of paths relative to the root"),
    (FS, "Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))", "new FileInfo(path).Length.ToString(System.Globalization.CultureInfo.InvariantCulture)", "expr",
     "snapshot: sizes compared instead of contents (a same-size rewrite unseen)"),
    # Session 23: the one error line on a stderr that refuses it, run's warning when not root
    (PR, "streams.WriteErrorLineAsync(streams.ErrorIsJournal ? $\"<3>guest-agent: {text}\" : $\"guest-agent: {text}\")",
     "streams.Error.WriteLineAsync(streams.ErrorIsJournal ? $\"<3>guest-agent: {text}\" : $\"guest-agent: {text}\")", "expr",
     "program: the error line written straight to stderr (a full one ends the process with SIGABRT)"),
    (RV, "settings.Root == \"/\"", "settings.Root != \"/\"", "expr",
     "run: the not-root warning only in root mode"),
]

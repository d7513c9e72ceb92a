# OUTCOME-PLACEHOLDER
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*ProgramTests", "-class", "*CommandLineParserTests", "-class", "*HelpContentTests",
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
MUTANTS = [
    # SettingsLog
    (SL, "LogStateDirectoryNotADirectory(logger, settings.StateDirectoryOnDisk, settings.ConfigurationFileRead ? \"in \" + settings.ConfigurationFile : \"in a configuration file (--config)\");",
     "logger.LogWarning(\"The state directory {StateDirectory} is not a directory\", settings.StateDirectoryOnDisk);", "stmt",
     "settings log: the state directory's error at Warning, without the fix"),
    (SL, "settings.StateDirectoryIsNotADirectory", "false", "expr",
     "settings log: no error for a state directory that is not a directory"),
    (SL, "settings.ConfigurationFileRead", "!settings.ConfigurationFileRead", "expr",
     "settings log: the error names --config for the file read and the file for --config"),
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
    (VD, "streams.Error", "streams.Out", "expr",
     "dispatcher: no verb prints the overview on stdout"),
    (VD, "ExitCodes.Usage", "ExitCodes.Success", "expr",
     "dispatcher: no verb exits 0", "return ExitCodes.Usage;\n            case VersionInvocation:"),
    (VD, "streams.Out", "streams.Error", "expr",
     "dispatcher: --version on stderr", "streams.Out.WriteLineAsync($\"guest-agent {AgentVersion.Informational}\")"),
    (VD, "$\"guest-agent {AgentVersion.Informational}\"", "AgentVersion.Informational", "expr",
     "dispatcher: --version without the program's name"),
    (VD, "return await CheckConfigVerb.RunAsync(check, streams).ConfigureAwait(false);",
     "return await RunVerb.RunAsync(check.Options, streams, cancellationToken).ConfigureAwait(false);", "stmt",
     "dispatcher: check-config runs the agent"),
    (VD, "CallVerb.RunAsync(call, streams, cancellationToken)", "CallVerb.RunAsync(call, streams, CancellationToken.None)", "expr",
     "dispatcher: call not interrupted by SIGINT/SIGTERM"),
    (VD, "XenstoredVerb.RunAsync(xenstored, streams, cancellationToken)", "XenstoredVerb.RunAsync(xenstored, streams, CancellationToken.None)", "expr",
     "dispatcher: xenstored not stopped by SIGTERM"),
    (VD, "DemoVerb.RunAsync(streams, cancellationToken)", "DemoVerb.RunAsync(streams, CancellationToken.None)", "expr",
     "dispatcher: demo not interrupted by SIGINT"),
    (VD, "RunVerb.RunAsync(run, streams, cancellationToken)", "RunVerb.RunAsync(run, streams, CancellationToken.None)", "expr",
     "dispatcher: run not stopped by SIGTERM"),
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
]

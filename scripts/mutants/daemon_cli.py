# Mutants of the daemon's command line and configuration: option parsing (OptionReader, VerbOptions,
# CommandLineParser), exit codes (Program), the configuration file's reading and checking
# (ConfigurationReader) and the settings' validation (SettingsResolver), check-config's report.
# Only in-process tests run (no published daemon needed).
# Session 21: 15-20 (JournalStream: JOURNAL_STREAM names stderr's own stream) all killed by JournalStreamTests.
# Run: scripts/mutants/mutate.py scripts/mutants/daemon_cli.py
# Session 57: 32 retargeted at the message without its quoted value; run again, killed.
# Session 68: 7 retargeted at --timeout's new lower bound (seconds >= 0.001); run alone, killed.
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*CommandLineParserTests", "-class", "*ProgramTests", "-class", "*ConfigurationTests",
             "-class", "*SettingsWarningsTests", "-class", "*XenStoreDomainPathTests", "-class", "*CheckConfigVerbTests",
             "-class", "*HelpDocumentationTests", "-class", "*JournalStreamTests"]
SWITCH_NS = "GuestAgent.Daemon.MutantSwitches"
SWITCH_DIR = "src/Agent.Daemon"
TIMEOUT = 300
O = "src/Agent.Daemon/Cli/OptionReader.cs"
V = "src/Agent.Daemon/Cli/VerbOptions.cs"
C = "src/Agent.Daemon/Cli/CommandLineParser.cs"
P = "src/Agent.Daemon/Program.cs"
R = "src/Agent.Daemon/Configuration/ConfigurationReader.cs"
S = "src/Agent.Daemon/Configuration/SettingsResolver.cs"
N = "src/Agent.Daemon/Configuration/NetworkNames.cs"
D = "src/Agent.Daemon/Configuration/XenStoreDomainPath.cs"
K = "src/Agent.Daemon/Verbs/CheckConfigVerb.cs"
J = "src/Agent.Daemon/Cli/JournalStream.cs"
MUTANTS = [
    # Command line
    (O, "!_optionsEnded && argument.StartsWith('-') && argument.Length > 1", "!_optionsEnded && argument.StartsWith('-')", "expr",
     "options: a lone '-' (a positional argument) taken for an option"),
    (O, "!_optionsEnded && argument == \"--\"", "argument == \"--\"", "expr",
     "options: a second '--' after the end of options is dropped instead of being a positional argument"),
    (O, "inlineValue.Length > 0 ? inlineValue : throw Error($\"option '{option}' needs a value\")", "inlineValue", "expr",
     "options: '--root=' takes an empty value"),
    (V, "options._positional.Count == positionals", "options._positional.Count > positionals", "expr",
     "options: one positional argument too many accepted"),
    (V, "given.HasFlag(known)", "false", "expr",
     "options: a repeated option silently overrides the first"),
    (V, "id < FirstReservedDomainId", "id <= FirstReservedDomainId", "expr",
     "--domid: the first reserved domain id (32752) accepted"),
    (V, "seconds >= 0.001 && seconds <= 86_400", "seconds >= 0.001", "expr",
     "--timeout: no upper bound (a day)"),
    (V, "NumberStyles.AllowDecimalPoint", "NumberStyles.Float", "expr",
     "--timeout: exponents and signs accepted"),
    (C, "string.IsNullOrEmpty(command)", "command is null", "expr",
     "call: an empty COMMAND accepted"),
    (C, "value.TrimStart()", "value", "expr",
     "call: a JSON object VALUE with leading spaces sent as a string"),
    (C, "options.GuestSocketPath is not null && options.GuestDomainId is null", "false", "expr",
     "xenstored: --guest-socket without --guest-domid accepted"),
    (P, "return ExitCodes.Usage;", "return ExitCodes.Failure;", "stmt",
     "program: a usage error exits 1 instead of 2"),
    (P, "streams.ErrorIsJournal ? $\"<3>guest-agent: {text}\" : $\"guest-agent: {text}\"", "$\"guest-agent: {text}\"", "expr",
     "program: the error line under journald has no error priority"),
    (P, "root is DaemonException ? OneLine(root.Message) : $\"{OneLine(root.Message)} ({root.GetType().Name})\"", "OneLine(root.Message)", "expr",
     "program: a run-time failure's type is not named"),
    # JOURNAL_STREAM names stderr's own stream (session 21)
    (J, "Number(fields[1]) == id.Inode", "true", "expr",
     "journal: a stream on the same device taken for the journal's"),
    (J, "Number(fields[0]) == DeviceNumber(id.DeviceMajor, id.DeviceMinor)", "true", "expr",
     "journal: a stream with the same inode on another device taken for the journal's"),
    (J, "NumberStyles.None", "NumberStyles.Integer", "expr",
     "journal: signs and blanks around the numbers accepted"),
    (J, "((ulong)(major & 0xfffff000u) << 32)", "((ulong)(major & 0xfffff000u) << 20)", "expr",
     "journal: a major number above 4095 encoded unlike glibc's makedev"),
    (J, "((ulong)(minor & 0xffffff00u) << 12)", "((ulong)(minor & 0xffffff00u) << 8)", "expr",
     "journal: a minor number above 255 encoded unlike glibc's makedev"),
    (J, "fields.Length == 2", "fields.Length >= 2", "expr",
     "journal: a third field after DEV:INO ignored"),
    # Configuration file
    (R, "path == NoFile", "false", "expr",
     "config: --config /dev/null read as a file"),
    (R, "explicitlyGiven ? throw new UsageException($\"configuration file '{path}' does not exist\") : null", "(ConfigurationFile?)null", "expr",
     "config: a missing explicit file means the defaults"),
    (R, "utf8Json[3..]", "utf8Json[2..]", "expr",
     "config: the byte order mark stripped one byte short"),
    (R, "utf8Json.Span.Trim(\" \\t\\r\\n\"u8).IsEmpty", "utf8Json.Span.IsEmpty", "expr",
     "config: a file of white space is 'not valid JSON' rather than empty"),
    (R, "!seen.Add(property.Name)", "false", "expr",
     "config: a key given twice, the last wins"),
    (R, "value.ValueKind == JsonValueKind.Null", "false", "expr",
     "config: null is not 'unset'"),
    (R, "value.GetRawText().AsSpan().IndexOfAny('e', 'E') >= 0", "value.GetRawText().AsSpan().IndexOf('e') >= 0", "expr",
     "config: an upper-case exponent not named as such"),
    (R, "if (value.ValueKind == JsonValueKind.Object)\n            {\n                Check(value, context.GetTypeInfo(type)!, key + \".\", source, context);\n            }", "", "stmt",
     "config: keys inside a section not checked"),
    (R, "text.Length <= 40 ? text : text[..40] + \"…\"", "text", "expr",
     "config: a long bad value quoted whole in the error"),
    # Settings
    (S, "invocation.LogLevel is null", "true", "expr",
     "settings: the file's log level overrides the command line's"),
    (S, "Path.GetFullPath(path)", "path", "expr",
     "settings: the root not normalised (/tmp/x/../y, /./)"),
    (S, "value.Length > 0 ? value : throw Bad(source, key, \"must not be empty\")", "value", "expr",
     "settings: an empty xenstore.path accepted"),
    # The absolute-path rule itself (a NUL, '//') moved to src/Agent (AgentPaths.TryNormalizeConfiguredDirectory,
    # shared with InjectFileOptions): its mutants are in agent_paths.py.
    (S, "value >= minimum && value <= maximum", "value > minimum && value <= maximum", "expr",
     "settings: the lower bound of a seconds setting refused (shutdownTimeoutSeconds 0)"),
    (S, "value >= minimum && value <= maximum", "value >= minimum && value < maximum", "expr",
     "settings: the upper bound of a seconds setting refused (3600)"),
    (S, "value == 0", "false", "expr",
     "settings: retention 0 (keep everything) refused"),
    (S, "size > 0", "size >= 0", "expr",
     "settings: maxSizeBytes 0 accepted"),
    (S, "share is >= 0.1 and <= 0.9", "share is > 0.1 and < 0.9", "expr",
     "settings: rollbackShare's bounds 0.1 and 0.9 refused"),
    (S, "name.Length == 0", "false", "expr",
     "settings: an empty command name accepted"),
    (S, "char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'", "char.IsAsciiLetterOrDigit(c) || c is '_' or '.'", "expr",
     "settings: a command name with '-' refused"),
    (S, "names.Distinct(StringComparer.Ordinal).ToArray()", "names", "expr",
     "settings: a command named twice is listed twice"),
    (N, "text.Trim().ToLowerInvariant()", "text", "expr",
     "settings: resolvConf case-sensitive"),
    (D, "XenStore.Wire.XenStorePath.IsValidAbsolute(trimmed)", "trimmed.StartsWith('/')", "expr",
     "settings: a domain path not held to XenStore's path rules (an empty component, a space accepted)"),
    # check-config
    (K, "errors == 0 ? ExitCodes.Success : ExitCodes.Failure", "ExitCodes.Success", "expr",
     "check-config: errors at start still exit 0"),
    # ^ Survives here: no error can be logged in-process. Killed end to end by MissingLibsslTests'
    #   check-config test (libssl hidden in a mount namespace; needs the published daemon and root).
    (K, "line[1] is >= '0' and <= '3'", "line[1] is >= '0' and <= '4'", "expr",
     "check-config: a warning counted as an error"),
    (K, "defaults[key] == value", "false", "expr",
     "check-config: no '(default)' marks"),
]

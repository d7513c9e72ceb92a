# Mutants of what session 27's operator pass changed in the daemon: the warning about an empty
# injectFile.allowedDirectories while injectfile or file_inject is served (SettingsWarnings), xenstored
# refusing a guest socket acting as domain 0 (CommandLineParser), and the hint of a configuration file
# that is a link to nothing (ConfigurationReader). All run in-process: no PUBLISH.
# Run: scripts/mutants/mutate.py scripts/mutants/daemon_s27_operator.py
# Outcome (session 27, 2026-12-01): 9 mutants, all killed (SettingsWarningsTests, CommandLineParserTests,
# ConfigurationTests; one build of about 3 minutes, then about 1 s a mutant). 2, 7 and 8 are the code
# before this session: their killing tests are the ones that fail on it.
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*SettingsWarningsTests", "-class", "*CommandLineParserTests", "-class", "*ConfigurationTests"]
SWITCH_NS = "GuestAgent.Daemon.MutantSwitches"
SWITCH_DIR = "src/Agent.Daemon"
TIMEOUT = 300
W = "src/Agent.Daemon/Configuration/SettingsWarnings.cs"
C = "src/Agent.Daemon/Cli/CommandLineParser.cs"
R = "src/Agent.Daemon/Configuration/ConfigurationReader.cs"
MUTANTS = [
    (W, "settings.InjectFileDirectories is { Count: 0 }", "settings.InjectFileDirectories is not null", "expr",
     "warnings: an allow-list naming directories warned about as if empty"),
    (W, "settings.InjectFileDirectories is { Count: 0 }", "false", "expr",
     "warnings: no warning for an empty injection allow-list (the code before session 27)"),
    (W, "settings.EnabledCommands?.Contains(name, StringComparer.Ordinal) ?? true", "true", "expr",
     "warnings: a commands.enabled without injection still warned about"),
    (W, "settings.EnabledCommands?.Contains(name, StringComparer.Ordinal) ?? true", "settings.EnabledCommands?.Contains(name, StringComparer.Ordinal) ?? false", "expr",
     "warnings: without commands.enabled (every command served) no warning"),
    (W, "served.Count == 1", "served.Count == 2", "expr",
     "warnings: one served injection command worded as both"),
    (C, "options.GuestSocketPath is not null && options.GuestDomainId == 0", "options.GuestDomainId == 0", "expr",
     "xenstored: --guest-domid 0 refused even without a guest socket"),
    (C, "options.GuestSocketPath is not null && options.GuestDomainId == 0", "false", "expr",
     "xenstored: a guest socket acting as domain 0 accepted (the code before session 27)"),
    (R, "explicitlyGiven ? $\"give --config {NoFile}\" : \"remove it\"", "\"remove it\"", "expr",
     "configuration: a dangling --config link told to be removed (the code before session 27)"),
    (R, "explicitlyGiven ? $\"give --config {NoFile}\" : \"remove it\"", "$\"give --config {NoFile}\"", "expr",
     "configuration: the default file's dangling link told to use --config /dev/null"),
]

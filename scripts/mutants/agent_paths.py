# Mutants of the one rule for a configured absolute directory (AgentPaths.TryNormalizeConfiguredDirectory:
# the daemon's stateDirectory and injectFile.allowedDirectories, InjectFileOptions.AllowedDirectories).
# Moved here from daemon_cli.py when the rule moved from SettingsResolver to src/Agent.
# Outcome (session 15): 3 mutants, all killed by AgentPathsTests.
# Run: scripts/mutants/mutate.py scripts/mutants/agent_paths.py
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*AgentPathsTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 120
A = "src/Agent/System/AgentPaths.cs"
MUTANTS = [
    (A, "path is null || !path.StartsWith('/') || path.Contains('\\0', StringComparison.Ordinal)", "path is null || !path.StartsWith('/')", "expr",
     "configured directory: a path with a NUL accepted"),
    (A, "path.Split('/').Any(segment => segment is \".\" or \"..\")", "path.Split('/').Any(segment => segment is \"..\")", "expr",
     "configured directory: a '.' component accepted"),
    (A, "trimmed.Length > 0 ? trimmed : \"/\"", "trimmed", "expr",
     "configured directory: '/' and '//' trimmed to the empty string"),
]

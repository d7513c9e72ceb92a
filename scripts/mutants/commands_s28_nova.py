# Mutants of session 28's Nova-compliance audit's one code change: the version `version` answers is
# one Nova's LooseVersion can compare with its agent builds (AgentVersionInfo: the build version cut
# to its release numbers, an application's version of anything but numbers separated by dots refused,
# in the constructor and through `with`).
# Run: scripts/mutants/mutate.py scripts/mutants/commands_s28_nova.py
# Outcome (session 28, 2026-12-01): 7 mutants, all killed (InfoCommandsTests; one build, 169 s on the
# loaded machine). 1 is the code before this session.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.InfoCommandsTests", "-class", "*.NovaWireTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 120
AV = "src/Agent.Commands/Info/AgentVersionInfo.cs"
MUTANTS = [
    (AV, "version.Split('+')[0].Split('-')[0]", "version.Split('+')[0]", "expr",
     "build version: the pre-release part kept (1.2.0-rc.1, which LooseVersion cannot compare with 1.2.0.1)"),
    (AV, "version.Split('+')[0].Split('-')[0]", "version.Split('-')[0]", "expr",
     "build version: the build metadata kept"),
    (AV, "part.Length == 0", "false", "expr",
     "check: an empty part accepted (2..1, 2.1., the empty version)"),
    (AV, "char.IsAsciiDigit", "char.IsDigit", "expr",
     "check: any Unicode digit accepted (an Arabic-Indic one, which the escape-free response turns into '?', and LooseVersion then cannot compare)"),
    (AV, "Checked(Version)", "Version", "expr",
     "check: the constructor unchecked"),
    (AV, "Checked(value)", "value", "expr",
     "check: `with { Version = ... }` unchecked"),
    (AV, "nameof(Version)", "nameof(version)", "expr",
     "check: the error names the wrong parameter"),
]

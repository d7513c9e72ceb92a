# Session 67's binding error for an enum without members: no value binds it (the registry reads an enum by member name
# only), and the message said "must be one of " with nothing after it; it now says "must be a member of enum 'Nothing',
# which has none" (ValueReaderEmitter.Expected).
# Killed by ShapeTortureTests.An_enum_without_members_binds_nothing (the exact message, for a name and for a number).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s67_emptyenum.py
# Outcome (session 67): 1 of 1 killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*ShapeTortureTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
EMITTER = "src/Agent.Generators/Emitting/ValueReaderEmitter.cs"
MUTANTS = [
    (EMITTER, "$\"a member of enum '{type.DisplayName.TrimEnd('?')}', which has none\"", "\"one of \"", "expr",
     "an enum without members gets 'one of ' and nothing, as before session 67"),
]

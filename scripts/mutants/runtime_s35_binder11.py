# Mutants of session 35's binder11 change in the SDK's runtime: BindingErrors.RepeatedProperty's text, which the
# generated binder answers with when the JSON context refuses repeated names. Killed, if at all, by the generator's
# execution tests, which compile registries against this runtime. The generator's half is generator_s35_binder11.py.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s35_binder11.py
# Session 35, first run: both killed (the no-mutant run: 15 tests pass), each by RepeatedPropertyExecutionTests and
# BindingErrorTableTests.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.RepeatedPropertyExecutionTests", "-class", "*.BindingErrorTableTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
B = "src/Agent/Commands/BindingErrors.cs"
MUTANTS = [
    (B, r'''$"Command '{command}' has property '{property}' more than once"''', r'''$"Command '{command}' has property '{property}' twice"''', "expr",
     "errors: the repeated property's text changed"),
    (B, r'''$"Command '{command}' has property '{property}' more than once"''', r'''UnknownProperty(command, property)''', "expr",
     "errors: a repeated property answered as an unknown one"),
]

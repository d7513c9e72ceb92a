# Mutants of session 36's binder12 change in the SDK's runtime: BindingErrors.RepeatedProperty(command, property, given),
# the text the generated binder answers a command's own property given again in another case with, when the JSON
# context refuses repeated names and ignores case. Killed, if at all, by the generator's execution tests, which compile
# registries against this runtime. The generator's half is generator_s36_binder12.py.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s36_binder12.py
# Session 36, first run: both killed (the no-mutant run: 33 tests pass), each by RepeatedPropertyExecutionTests and
# BindingErrorTableTests.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.RepeatedPropertyExecutionTests", "-class", "*.BindingErrorTableTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
B = "src/Agent/Commands/BindingErrors.cs"
MUTANTS = [
    (B, r'''$"{RepeatedProperty(command, property)} ('{given}' repeats it: the JSON context ignores the case of names)"''', r'''RepeatedProperty(command, property)''', "expr",
     "errors: the spelling given left out"),
    (B, r'''$"{RepeatedProperty(command, property)} ('{given}' repeats it: the JSON context ignores the case of names)"''', r'''$"{RepeatedProperty(command, property)} ('{property}' repeats it: the JSON context ignores the case of names)"''', "expr",
     "errors: the parameter's name quoted as the spelling given"),
]

# Mutants of session 36's binder12 change in the generator: under AllowDuplicateProperties = false (or Strict) with
# PropertyNameCaseInsensitive (the Web preset), a command's own property given again differing only in case refused as
# given twice, as the context refuses such a member ("Duplicate property", probed against .NET 10's source-generated
# context), not as unknown (ObjectBinderEmitter.CaseRepeatable, WriteCaseRepeats); and under the option, a type whose
# nodes the binder cannot walk to (behind a member without a getter) no longer has its whole value's names checked
# before the context's read (which refused a repeat the context skips, in an unknown member): the node converter's
# ArgumentException is caught instead (ValueReaderEmitter.WriteElementFirst). The runtime half (the new
# BindingErrors.RepeatedProperty text) is runtime_s36_binder12.py.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s36_binder12.py
# Mutants 1, 8 and 9 are the code before this change (8 and 9 the two halves of the old !walk path).
# Session 36, first run: all 9 killed (the no-mutant run: 33 tests pass), by RepeatedPropertyExecutionTests (1, 2, 4-7 by the
# case-repeat test, 3 by the exact-names one, 8 and 9 by the node-behind-a-setter ones) and BindingErrorTableTests (1, 4-7).
# 1, 8 and 9 (the old code) show the new tests fail on it.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.RepeatedPropertyExecutionTests", "-class", "*.BindingErrorTableTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
O = "src/Agent.Generators/Emitting/ObjectBinderEmitter.cs"
V = "src/Agent.Generators/Emitting/ValueReaderEmitter.cs"
MUTANTS = [
    (O, r'''CaseRepeatable(bound)''', r'''new System.Collections.Generic.List<ParameterModel>()''', "expr",
     "a command's own property given again in another case refused as unknown (before this change)"),
    (O, r'''CaseRepeatable(bound)''', r'''bound''', "expr",
     "a name differing in case from two parameters (Value, value) said to repeat one of them"),
    (O, r'''$"if ({jsonContext}.Default.Options.PropertyNameCaseInsensitive)"''', r'''"if (true)"''', "expr",
     "a name given again in another case refused as repeated though the context compares names exactly"),
    (O, r'''$"if (seen_{parameter.Name} && string.Equals(unknown, {parameterName}, global::System.StringComparison.OrdinalIgnoreCase))"''',
     r'''$"if (string.Equals(unknown, {parameterName}, global::System.StringComparison.OrdinalIgnoreCase))"''', "expr",
     "a name in another case given first (X then x) refused as repeated"),
    (O, r'''$"if (seen_{parameter.Name} && string.Equals(unknown, {parameterName}, global::System.StringComparison.OrdinalIgnoreCase))"''',
     r'''$"if (seen_{parameter.Name} && string.Equals(unknown, {parameterName}, global::System.StringComparison.Ordinal))"''', "expr",
     "the repeat compared exactly: never found"),
    (O, r'''$"return BindingFailed({errors}.RepeatedProperty({name}, {parameterName}, unknown));"''',
     r'''$"return BindingFailed({errors}.RepeatedProperty({name}, {parameterName}));"''', "expr",
     "the repeat's message without the spelling given"),
    (O, r'''"string unknown = reader.GetString()!;"''', r'''"string unknown = reader.GetString()!.ToLowerInvariant();"''', "expr",
     "the unknown name lowered (the hint and the message quote what was not sent)"),
    (V, r'''holdsNodes && !walk && !refusesRepeatedNames''', r'''holdsNodes && !walk''', "expr",
     "under the option, a type whose nodes cannot be walked still checked whole before the read (before this change)"),
    (V, r'''holdsNodes && refusesRepeatedNames ? failRepeated ?? fail : null''', r'''walk && refusesRepeatedNames ? failRepeated ?? fail : null''', "expr",
     "the node converter's ArgumentException caught only where the nodes are walked (before this change)"),
]

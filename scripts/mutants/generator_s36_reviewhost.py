# Mutants of session 36's review-host change to GA0025 (ServiceKeyParameters.cs, hosting12's rule): the message names
# the keyed service when [FromKeyedServices(key)] is also on the parameter (the registry passes that one), and the
# class's first command is looked for among its ordinary methods (an accessor's [Command] is GA0003, and its
# constructor is never inspected, so the warning was never reported for a class whose first command was one).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s36_reviewhost.py
# Both mutants are the code before the change.
# Outcome (session 36, 2026-12-02): 2 mutants, 2 killed (the no-mutant run: 3 tests pass), each by an assertion of
# ServiceKeyParameterDiagnosticTests: 1 by the reported-once test (the keyed message), 2 by the accessor test (no GA0025).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.ServiceKeyParameterDiagnosticTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches.ReviewHost36"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
S = "src/Agent.Generators/Parsing/ServiceKeyParameters.cs"
MUTANTS = [
    (S, r'''keys[parameter.Ordinal] is { } key ? $"{service} of key {key.Text}" : service''', r'''service''', "expr",
     "the unkeyed service named under [FromKeyedServices(key)]"),
    (S, r'''CallableMethods.SpecialKind(m) is null''', r'''true''', "expr",
     "an accessor's [Command] taken as the class's first command: no warning for the class"),
]

# Mutants of session 44's GA0029 code fix (src/Agent.Generators.CodeFixes/IgnoreLeftOutFieldCodeFix.cs): the field
# marked [JsonIgnore] first on its line with its trivia kept, the fix registered, Fix All with the fix's own key.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s44_codefix.py
# Not made a mutant: the one-variable and binding-spelling checks (patterns declaring variables).
# Outcome (session 44, 2026-12-04): 4 of 4 killed (IgnoreLeftOutFieldCodeFixTests), run again alone after two overlapping
# runs had left switches in a commit (restored in 4754f28f): 4 of 4 killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.IgnoreLeftOutFieldCodeFixTests", "-class", "*.CodeFixAssemblyTests"]
SWITCH_NS = "GuestAgent.Generators.CodeFixes.MutantSwitches.FastPath44"
SWITCH_DIR = "src/Agent.Generators.CodeFixes"
TIMEOUT = 300
F = "src/Agent.Generators.CodeFixes/IgnoreLeftOutFieldCodeFix.cs"
MUTANTS = [
    (F, r'''new OwnKeyBatchFixAll(EquivalenceKey)''', r'''WellKnownFixAllProviders.BatchFixer''', "expr",
     "a Fix All asked for with no key (as dotnet format asks) fixes nothing"),
    (F, r'''field.GetLeadingTrivia()''', r'''SyntaxFactory.TriviaList()''', "expr",
     "the field's indentation and comments lost"),
    (F, r'''SyntaxFactory.Space''', r'''SyntaxFactory.ElasticSpace''', "expr",
     "the space after the attribute left to the clean-up, which drops it"),
    (F, r'''context.RegisterCodeFix(
                    CodeAction.Create($"Mark '{variable.Identifier.ValueText}' [JsonIgnore]", token => IgnoreAsync(document, field, spelling, token), EquivalenceKey),
                    diagnostic);''', r'''''', "stmt",
     "the fix never offered"),
]

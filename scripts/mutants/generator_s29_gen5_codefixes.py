# Mutants of session 29's gen5 change in the code fixes (src/Agent.Generators.CodeFixes): the batch
# fixer of the signature fixes (GA0003, GA0005, GA0006) given the fix's own equivalence key when a
# Fix All is asked for with none, as dotnet format asks when the diagnostic it starts from is of
# another id (OwnKeyBatchFixAll). The generator half of gen5 is in generator_s29_gen5.py.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s29_gen5_codefixes.py
# Not made a mutant: WithOwnKey's choice of the document or project constructor (declares a variable;
# every caller, dotnet format and the tests, passes a document).
# Session 29: 4 mutants, run once with every class in GuestAgent.Generators.Tests.CodeFixes: all 4 killed,
# each by FixAllTests.Fix_all_asked_for_with_no_equivalence_key_applies_the_fix_s_own_as_dotnet_format_asks
# (mutant 1 is the code before session 29, so that test fails on it).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "GuestAgent.Generators.Tests.CodeFixes.*"]
SWITCH_NS = "GuestAgent.Generators.CodeFixes.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators.CodeFixes"
TIMEOUT = 300
D = "src/Agent.Generators.CodeFixes/"
O = D + "OwnKeyBatchFixAll.cs"
MUTANTS = [
    (O, r'''fixAllContext.CodeActionEquivalenceKey is null ? WithOwnKey(fixAllContext) : fixAllContext''', r'''fixAllContext''', "expr",
     "a Fix All asked for with no key passed on as it is (the id skipped, before session 29)"),
    (D + "MethodSignatureCodeFix.cs", r'''new OwnKeyBatchFixAll(_equivalenceKey)''', r'''new OwnKeyBatchFixAll("GuestAgent.Other")''', "expr",
     "the key given is not the fix's own (no action matches it)"),
    (O, r'''Enumerable(context.GetAllDiagnosticsAsync(project))''', r'''Enumerable(context.GetProjectDiagnosticsAsync(project))''', "expr",
     "the keyed context sees only the project-level diagnostics, not the documents'"),
    (O, r'''WellKnownFixAllProviders.BatchFixer.GetSupportedFixAllScopes()''', r'''new[] { FixAllScope.Document }''', "expr",
     "the solution scope dotnet format asks for not offered"),
]

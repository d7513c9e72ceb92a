# Mutants of session 30's binder6 change in the code fixes: GA0009's "Create the JSON context" Fix All
# offers no action where no GA0009 fix can make an edit (the assembly names a type that is not a context,
# GA0012), as dotnet format asks for it with no key, rather than an action that changes nothing; a project that
# declares a context still gets one, or dotnet format would say it could not fix GA0009 though the naming
# or listing fix did (CreateJsonContextFixAll.CanFixAsync). The generator half is in generator_s30_binder6.py.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s30_binder6_codefixes.py
# Not made a mutant: PerProjectFixAll's per-project grouping of the diagnostics it passes (a one-project
# solution is what the harness builds).
# Session 30: a first version (no action wherever a context was declared too) had 3 mutants, all killed; it
# failed DotnetFormatTests ("Unable to fix GA0009" printed beside the naming fix's edit), so it was narrowed.
# The narrowed version: 3 mutants, run with every class in GuestAgent.Generators.Tests.CodeFixes: all 3 killed
# (1-2 by CreateJsonContextCodeFixTests.Fix_all_offers_no_action_only_where_no_GA0009_fix_can_make_an_edit, 3 by
# it and the Fix All tests that create a context). Mutant 2 is the code before session 30.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "GuestAgent.Generators.Tests.CodeFixes.*"]
SWITCH_NS = "GuestAgent.Generators.CodeFixes.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators.CodeFixes"
TIMEOUT = 300
F = "src/Agent.Generators.CodeFixes/CreateJsonContextFixAll.cs"
MUTANTS = [
    (F, r'''JsonContextNaming.DeclaredContexts(compilation, project.Solution).Count > 0''', r'''false''', "expr",
     "no action where a context is declared: dotnet format says it could not fix GA0009 though the naming fix did"),
    (F, r'''diagnostics.Any(d => JsonContextListing.ResolveWithoutContext(d, compilation.GetSemanticModel(anyTree)) is not null)''', r'''true''', "expr",
     "an action that changes nothing offered where the assembly names a type that is not a context (before session 30)"),
    (F, r'''diagnostics.Any(d => JsonContextListing.ResolveWithoutContext(d, compilation.GetSemanticModel(anyTree)) is not null)''', r'''false''', "expr",
     "no action even where a context is to be created"),
]

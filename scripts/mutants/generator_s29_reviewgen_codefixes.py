# Mutants of session 29's review of gen5 (review-gen) in the code fixes: GA0009's naming Fix All asked
# for with no equivalence key, as dotnet format asks when a run with several ids starts it from another
# id's diagnostic, names the project's one declared context and leaves a project with several alone
# (NameJsonContextFixAll). The generator half is in generator_s29_reviewgen.py.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s29_reviewgen_codefixes.py
# Not made a mutant: the `null =>` arm of EquivalenceKey (a switch arm; mutant 1 removes what it leads to);
# ChosenContext's `declared.Count == 1` (CanFixAsync's check decides alone in a one-project solution, which is
# what the harness builds; it matters only for a project with several contexts beside one with a single one).
# Session 29: 7 mutants, run once with every class in GuestAgent.Generators.Tests.CodeFixes: all 7 killed,
# by NameJsonContextCodeFixTests' Fix_all_asked_for_with_no_key_* tests (mutant 4 by
# With_several_contexts_one_fix_per_context_and_fix_all_names_the_chosen_one_once). Mutant 1 is close to the
# code before the review (which returned no action; the names-the-only-context test fails on it: checked).
# Session 30: mutant 7's text follows CanFixAsync's new signature (the project's diagnostics passed); rerun: killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "GuestAgent.Generators.Tests.CodeFixes.*"]
SWITCH_NS = "GuestAgent.Generators.CodeFixes.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators.CodeFixes"
TIMEOUT = 300
N = "src/Agent.Generators.CodeFixes/NameJsonContextFixAll.cs"
MUTANTS = [
    (N, r'''declared.Count == 1 ? declared[0] : null''', r'''null''', "expr",
     "no context chosen without a key: nothing named (as before session 29's review, where no action was returned)"),
    (N, r'''JsonContextNaming.DeclaredContexts(compilation, project.Solution).Count == 1''', r'''JsonContextNaming.DeclaredContexts(compilation, project.Solution).Count >= 1''', "expr",
     "an action offered without a key where there are several contexts (it names none)"),
    (N, r'''contextName.Length > 0''', r'''true''', "expr",
     "an empty name bound as if it named a context (none found)"),
    (N, r'''contextName.Length > 0''', r'''false''', "expr",
     "the key's context ignored: the only one taken, none when there are several"),
    (N, r'''equivalenceKey.Length > NameJsonContextCodeFix.EquivalenceKeyPrefix.Length''', r'''true''', "expr",
     "an action offered without a key whatever the contexts (it changes nothing: dotnet format would say nothing)"),
    (N, r'''JsonContextNaming.DeclaredContexts(compilation, project.Solution).Count == 1''', r'''true''', "expr",
     "an action offered without a key in a project with no context"),
    ("src/Agent.Generators.CodeFixes/PerProjectFixAll.cs", r'''await CanFixAsync(group.First().Project, [.. group.Select(d => d.Diagnostic)], key, fixAllContext.CancellationToken).ConfigureAwait(false)''', r'''true''', "expr",
     "a Fix All action returned though no project can be fixed"),
]

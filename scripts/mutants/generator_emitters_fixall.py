# Mutants of the GA0009 Fix All providers (src/Agent.Generators.CodeFixes, so a batch of its own
# beside generator_emitters.py): which diagnostics a scope collects (FixAllDiagnostics), their
# order, and how each provider (AddToJsonContextFixAll, CreateJsonContextFixAll,
# NameJsonContextFixAll, and their base PerProjectFixAll) carries one project's edit into the next, plus AddToJsonContextCodeFix's
# choice of Fix All provider and its title.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_emitters_fixall.py
# Session 20: 18 mutants, run once with the classes below, FixAllScopeTests already written (from
# reading the code: every existing Fix All test used one project, and the scopes were never told
# apart): 17 killed, 1 survived, a test gap, killed since (re-run: 11 killed):
# - 11 (CreateJsonContextFixAll starts each project's edit from the original solution): the first
#   solution-scope create test had only one project without a context; killed by
#   FixAllScopeTests.The_solution_scope_creates_one_context_in_every_project_without_one.
# Of the 17, the tests that existed before would have killed only 8, 14, 16, 17 and 18; 1-7, 9,
# 10, 12, 13 and 15 are killed by FixAllScopeTests alone (the scope a Fix All covers, the source
# order over files whatever order the diagnostics arrive in, each project's edit kept). No bug.
# Session 25: the three providers' scopes, key check and per-project loop moved to their base,
# PerProjectFixAll (mutant 10 went with it); 9 and 11-16 retargeted to each provider's
# FixProjectAsync (the original solution is now project.Solution). All 18 re-run: 18 killed.
# Not made mutants: the Fix All providers' `continue` for a project without syntax trees or a
# context that does not bind (no such project offers the diagnostic), and the scope switch's
# `default` (every scope the provider lists is handled).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.FixAllTests", "-class", "*.FixAllScopeTests", "-class", "*.AddToJsonContextCodeFixTests",
             "-class", "*.CreateJsonContextCodeFixTests", "-class", "*.NameJsonContextCodeFixTests",
             "-class", "*.CodeFixAssemblyTests"]
SWITCH_NS = "GuestAgent.Generators.CodeFixes.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators.CodeFixes"
TIMEOUT = 300
D = "src/Agent.Generators.CodeFixes/"
F = D + "FixAllDiagnostics.cs"
AF = D + "AddToJsonContextFixAll.cs"
CF = D + "CreateJsonContextFixAll.cs"
NF = D + "NameJsonContextFixAll.cs"
PF = D + "PerProjectFixAll.cs"
AC = D + "AddToJsonContextCodeFix.cs"
MUTANTS = [
    # FixAllDiagnostics: scopes and order.
    (F, r'''[FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution]''', r'''[FixAllScope.Document, FixAllScope.Project]''', "expr",
     "the solution scope is not offered"),
    (F, r'''await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false)''', r'''await fixAllContext.GetAllDiagnosticsAsync(document.Project).ConfigureAwait(false)''', "expr",
     "the document scope fixes the whole project"),
    (F, r'''await fixAllContext.GetAllDiagnosticsAsync(fixAllContext.Project).ConfigureAwait(false)''', r'''await fixAllContext.GetDocumentDiagnosticsAsync(fixAllContext.Document!).ConfigureAwait(false)''', "expr",
     "the project scope fixes only the first document"),
    (F, r'''fixAllContext.Solution.Projects''', r'''new[] { fixAllContext.Project }''', "expr",
     "the solution scope fixes only the current project"),
    (F, r'''(await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false)).Select(d => (project, d))''',
     r'''(await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false)).Select(d => (fixAllContext.Project, d))''', "expr",
     "the solution scope files every diagnostic under the current project"),
    (F, r'''diagnostics.OrderBy(d => d.Location.SourceTree?.FilePath, System.StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start)''',
     r'''diagnostics.OrderBy(d => d.Location.SourceSpan.Start)''', "expr",
     "source order ignores the file (types of two files interleaved by position)"),
    (F, r'''diagnostics.OrderBy(d => d.Location.SourceTree?.FilePath, System.StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start)''',
     r'''diagnostics''', "expr",
     "types listed in the order the diagnostics came, not source order"),
    # AddToJsonContextFixAll.
    (AF, r'''requests.GroupBy(r => r.Context, SymbolEqualityComparer.Default)''', r'''requests.Take(1).GroupBy(r => r.Context, SymbolEqualityComparer.Default)''', "expr",
     "only the first missing type of a context listed"),
    (AF, r'''JsonContextListing.AddAsync(result, target, byContext.Select(r => r.Type), cancellationToken)''',
     r'''JsonContextListing.AddAsync(project.Solution, target, byContext.Select(r => r.Type), cancellationToken)''', "expr",
     "each project's edit starts from the original solution (only the last project keeps its fix)"),
    (PF, r'''solution.GetProject(group.Key)''', r'''solution.Projects.First()''', "expr",
     "every project's diagnostics resolved in the first project"),
    # CreateJsonContextFixAll.
    (CF, r'''JsonContextCreation.CreateAsync(result, project.Id, namespaceName, name, types, newLine, cancellationToken)''',
     r'''JsonContextCreation.CreateAsync(project.Solution, project.Id, namespaceName, name, types, newLine, cancellationToken)''', "expr",
     "each project's new context starts from the original solution (only the last project keeps its fix)"),
    (CF, r'''JsonContextNaming.DeclaredContexts(model.Compilation, project.Solution).Count > 0''', r'''false''', "expr",
     "a context is created in a project that declares one already"),
    (CF, r'''diagnostics.FirstOrDefault(d => JsonContextListing.ResolveWithoutContext(d, model) is not null)''',
     r'''diagnostics.LastOrDefault(d => JsonContextListing.ResolveWithoutContext(d, model) is not null)''', "expr",
     "the new context goes in the namespace of the last reported command, not the first"),
    (CF, r'''diagnostics.Select(d => JsonContextListing.ResolveWithoutContext(d, model)).Where(t => t is not null).Select(t => t!).ToList()''',
     r'''diagnostics.Select(d => JsonContextListing.ResolveWithoutContext(d, model)).Where(t => t is not null).Select(t => t!).Take(1).ToList()''', "expr",
     "the new context lists only the first missing type"),
    # NameJsonContextFixAll.
    (NF, r'''JsonContextNaming.NameAndListAsync(result, context, types, cancellationToken)''',
     r'''JsonContextNaming.NameAndListAsync(project.Solution, context, types, cancellationToken)''', "expr",
     "each project's naming starts from the original solution (only the last project keeps its fix)"),
    (NF, r'''equivalenceKey.Substring(NameJsonContextCodeFix.EquivalenceKeyPrefix.Length)''', r'''equivalenceKey''', "expr",
     "the context to name read with the key's prefix (never binds)"),
    # AddToJsonContextCodeFix.
    (AC, r'''AddToJsonContextFixAll.Instance''', r'''WellKnownFixAllProviders.BatchFixer''', "expr",
     "Fix All through the batch fixer (edits at one spot merged to one)"),
    (AC, r'''request.Context.Name''', r'''request.Context.ToDisplayString()''', "expr",
     "the title names the context with its namespace"),
]

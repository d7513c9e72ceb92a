using System.Reflection;
using GuestAgent.Generators.CodeFixes;
using GuestAgent.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace GuestAgent.Generators.Tests.CodeFixes;

/// <summary>The code-fix assembly is an IDE-only add-on: exported, fixing only our ids, and kept apart from the generator.</summary>
public sealed class CodeFixAssemblyTests
{
    private static readonly Assembly CodeFixes = typeof(MakeCommandInternalCodeFix).Assembly;

    [Fact]
    public void The_generator_does_not_reference_Workspaces_nor_the_code_fixes() =>
        Assert.DoesNotContain(
            typeof(CommandAnalyzer).Assembly.GetReferencedAssemblies(),
            a => a.Name!.Contains("Workspaces", StringComparison.Ordinal) || a.Name == CodeFixes.GetName().Name);

    [Fact]
    public void The_code_fixes_do_not_reference_the_generator() =>
        Assert.DoesNotContain(CodeFixes.GetReferencedAssemblies(), a => a.Name == typeof(CommandAnalyzer).Assembly.GetName().Name);

    [Fact]
    public void Every_provider_is_exported_for_CSharp_fixes_analyzer_ids_and_supports_fix_all()
    {
        var providers = CodeFixes.GetTypes().Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        var analyzerIds = new CommandAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToHashSet();

        Assert.Equal(
            ["AddToJsonContextCodeFix", "CreateJsonContextCodeFix", "IgnoreLeftOutFieldCodeFix", "MakeCommandInternalCodeFix", "NameJsonContextCodeFix", "RemoveByRefModifierCodeFix", "ReturnTaskFromAsyncVoidCodeFix"],
            providers.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(providers, type =>
        {
            var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            Assert.NotNull(export);
            Assert.Equal([LanguageNames.CSharp], export.Languages);
            Assert.NotNull(type.GetCustomAttribute<System.Composition.SharedAttribute>());

            var provider = (CodeFixProvider)Activator.CreateInstance(type)!;
            Assert.Single(provider.FixableDiagnosticIds);
            Assert.Subset(analyzerIds, provider.FixableDiagnosticIds.ToHashSet());
            Assert.NotNull(provider.GetFixAllProvider());
        });
    }
}

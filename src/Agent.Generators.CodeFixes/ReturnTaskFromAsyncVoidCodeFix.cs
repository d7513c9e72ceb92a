using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using GuestAgent.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeFixes;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// GA0006: makes an <c>async void</c> command return <c>Task</c>. The type is written as short as
/// it binds at that spot: <c>Task</c> when <c>System.Threading.Tasks</c> is in scope (a using, a
/// global or implicit using), else <c>System.Threading.Tasks.Task</c>, else with <c>global::</c>
/// (when a user type named <c>Task</c> or <c>System</c> is in the way). No using is added: the fix
/// touches the return type only.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReturnTaskFromAsyncVoidCodeFix))]
[Shared]
public sealed class ReturnTaskFromAsyncVoidCodeFix() : MethodSignatureCodeFix<MethodDeclarationSyntax>(DiagnosticIds.AsyncVoid, EquivalenceKey)
{
    /// <summary>The equivalence key of the fix: the same for every method, so Fix All applies it everywhere.</summary>
    public const string EquivalenceKey = "GuestAgent.ReturnTaskFromAsyncVoid";

    private const string TaskMetadataName = "System.Threading.Tasks.Task";

    private static readonly ImmutableArray<string> Spellings = ["Task", "System.Threading.Tasks.Task", "global::System.Threading.Tasks.Task"];

    private protected override (MethodDeclarationSyntax Node, string Title)? Offer(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (model.Compilation.GetTypeByMetadataName(TaskMetadataName) is null
            || MethodNamedBy(root, diagnostic) is not { } method
            || method.ReturnType is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
            || model.GetDeclaredSymbol(method, cancellationToken) is not { } symbol
            || !SafeSignatureChange.IsAllowed(symbol))
        {
            return null;
        }

        return (method, $"Make '{symbol.Name}' return Task");
    }

    private protected override MethodDeclarationSyntax? Rewrite(MethodDeclarationSyntax method, SemanticModel model)
    {
        if (model.Compilation.GetTypeByMetadataName(TaskMetadataName) is not { } task)
        {
            return null;
        }

        var spelling = TypeSpelling.FirstBinding(model, method.ReturnType.SpanStart, task, Spellings) ?? Spellings[^1];
        return method.WithReturnType(SyntaxFactory.ParseTypeName(spelling).WithTriviaFrom(method.ReturnType));
    }
}

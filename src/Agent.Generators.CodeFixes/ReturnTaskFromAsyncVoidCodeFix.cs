using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using GuestAgent.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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
public sealed class ReturnTaskFromAsyncVoidCodeFix : CodeFixProvider
{
    /// <summary>The equivalence key of the fix: the same for every method, so Fix All applies it everywhere.</summary>
    public const string EquivalenceKey = "GuestAgent.ReturnTaskFromAsyncVoid";

    private const string TaskMetadataName = "System.Threading.Tasks.Task";

    private static readonly string[] Spellings = ["Task", "System.Threading.Tasks.Task", "global::System.Threading.Tasks.Task"];

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.AsyncVoid];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null || model.Compilation.GetTypeByMetadataName(TaskMetadataName) is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var span = diagnostic.Location.SourceSpan;
            if (root.FindToken(span.Start).Parent is not MethodDeclarationSyntax method
                || method.Identifier.Span != span
                || method.ReturnType is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
                || model.GetDeclaredSymbol(method, context.CancellationToken) is not { } symbol
                || !SafeSignatureChange.IsAllowed(symbol))
            {
                continue;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create($"Make '{symbol.Name}' return Task", token => FixAsync(document, method, token), EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model?.Compilation.GetTypeByMetadataName(TaskMetadataName) is not { } task)
        {
            return document;
        }

        var spelling = TypeSpelling.FirstBinding(model, method.ReturnType.SpanStart, task, Spellings) ?? Spellings[Spellings.Length - 1];
        var taskType = SyntaxFactory.ParseTypeName(spelling).WithTriviaFrom(method.ReturnType);
        return document.WithSyntaxRoot(root.ReplaceNode(method, method.WithReturnType(taskType)));
    }
}

using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// A fix that rewrites one node of a command method's signature (its modifiers, a parameter, its
/// return type) in place, in the reported document. Each fix touches only its own node, so the
/// batch fixer can merge the fixes of a Fix All. A derived fix says where it is offered, with which
/// title, and what the node becomes.
/// </summary>
/// <typeparam name="TNode">The node the fix replaces.</typeparam>
public abstract class MethodSignatureCodeFix<TNode> : CodeFixProvider
    where TNode : SyntaxNode
{
    private readonly string _equivalenceKey;

    private protected MethodSignatureCodeFix(string diagnosticId, string equivalenceKey)
    {
        FixableDiagnosticIds = [diagnosticId];
        _equivalenceKey = equivalenceKey;
    }

    /// <inheritdoc />
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <summary>The batch fixer (each fix touches only its own node), with this fix's key when asked for none: see <see cref="OwnKeyBatchFixAll"/>.</summary>
    /// <returns>The Fix All provider.</returns>
    public sealed override FixAllProvider GetFixAllProvider() => new OwnKeyBatchFixAll(_equivalenceKey);

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Offer(root, model, diagnostic, context.CancellationToken) is { } offer)
            {
                context.RegisterCodeFix(CodeAction.Create(offer.Title, token => FixAsync(document, offer.Node, token), _equivalenceKey), diagnostic);
            }
        }
    }

    /// <summary>The node to replace for <paramref name="diagnostic"/> and the action's title; <c>null</c> where the fix is not offered.</summary>
    private protected abstract (TNode Node, string Title)? Offer(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken);

    /// <summary>What replaces <paramref name="node"/>; <c>null</c> leaves the document as it is.</summary>
    private protected abstract TNode? Rewrite(TNode node, SemanticModel model);

    /// <summary>The method whose name <paramref name="diagnostic"/> marks (GA0003 and GA0006 are reported there), or <c>null</c>.</summary>
    private protected static MethodDeclarationSyntax? MethodNamedBy(SyntaxNode root, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        return root.FindToken(span.Start).Parent is MethodDeclarationSyntax method && method.Identifier.Span == span ? method : null;
    }

    private async Task<Document> FixAsync(Document document, TNode node, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return root is null || model is null || Rewrite(node, model) is not { } rewritten
            ? document
            : document.WithSyntaxRoot(root.ReplaceNode(node, rewritten));
    }
}

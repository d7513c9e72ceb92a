using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using GuestAgent.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// GA0003: makes a command method that is itself private, protected or private protected
/// <c>internal</c>, keeping its other modifiers, attributes and trivia. Offered only when the
/// method's own accessibility is the whole cause: a command in a private or file-local type, or a
/// local function, has no single safe rewrite.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeCommandInternalCodeFix))]
[Shared]
public sealed class MakeCommandInternalCodeFix() : MethodSignatureCodeFix<MethodDeclarationSyntax>(DiagnosticIds.NotAccessible, EquivalenceKey)
{
    /// <summary>The equivalence key of the fix: the same for every method, so Fix All applies it everywhere.</summary>
    public const string EquivalenceKey = "GuestAgent.MakeCommandInternal";

    private protected override (MethodDeclarationSyntax Node, string Title)? Offer(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (MethodNamedBy(root, diagnostic) is not { } method
            || model.GetDeclaredSymbol(method, cancellationToken) is not { } symbol
            || !OwnAccessibilityIsTheCause(symbol))
        {
            return null;
        }

        return (method, $"Make '{symbol.Name}' internal");
    }

    private protected override MethodDeclarationSyntax Rewrite(MethodDeclarationSyntax method, SemanticModel model) => MakeInternal(method);

    private static bool OwnAccessibilityIsTheCause(IMethodSymbol method)
    {
        if (IsVisible(method.DeclaredAccessibility) || !SafeSignatureChange.IsAllowed(method))
        {
            return false;
        }

        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (!IsVisible(type.DeclaredAccessibility) || type.IsFileLocal)
            {
                return false;
            }
        }

        return true;
    }

    // The generated registry sits in the same assembly, so internal is enough (and the narrowest that works).
    private static bool IsVisible(Accessibility accessibility) =>
        accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    private static MethodDeclarationSyntax MakeInternal(MethodDeclarationSyntax method)
    {
        var modifiers = method.Modifiers;
        var firstAccess = modifiers.FirstOrDefault(IsAccessibilityKeyword);
        if (firstAccess.IsKind(SyntaxKind.None))
        {
            // Implicitly private: the keyword goes first and takes over the leading trivia of what was first.
            if (modifiers.Count == 0)
            {
                var keyword = InternalKeyword(method.ReturnType.GetLeadingTrivia(), SyntaxFactory.TriviaList(SyntaxFactory.Space));
                return method.WithReturnType(method.ReturnType.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(keyword));
            }

            var first = modifiers[0];
            var inserted = InternalKeyword(first.LeadingTrivia, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return method.WithModifiers(modifiers.Replace(first, first.WithLeadingTrivia()).Insert(0, inserted));
        }

        // 'private protected' is two keywords: the first becomes 'internal' in place, the rest go.
        var result = new List<SyntaxToken>(modifiers.Count);
        foreach (var modifier in modifiers)
        {
            if (modifier == firstAccess)
            {
                result.Add(InternalKeyword(modifier.LeadingTrivia, modifier.TrailingTrivia));
            }
            else if (!IsAccessibilityKeyword(modifier))
            {
                result.Add(modifier);
            }
        }

        return method.WithModifiers(SyntaxFactory.TokenList(result));
    }

    private static SyntaxToken InternalKeyword(SyntaxTriviaList leading, SyntaxTriviaList trailing) =>
        SyntaxFactory.Token(leading, SyntaxKind.InternalKeyword, trailing);

    private static bool IsAccessibilityKeyword(SyntaxToken token) =>
        token.Kind() is SyntaxKind.PrivateKeyword or SyntaxKind.ProtectedKeyword or SyntaxKind.InternalKeyword or SyntaxKind.PublicKeyword;
}

using System.Collections.Generic;
using System.Composition;
using System.Threading;
using GuestAgent.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// GA0005: takes the reported parameter by value, removing <c>ref</c>, <c>out</c>, <c>in</c>,
/// <c>ref readonly</c> and a <c>scoped</c> that only made sense with them; <c>this</c> and
/// <c>params</c> stay. Not offered where the signature is tied to another declaration (partial
/// parts, overrides, virtual methods, interface implementations).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveByRefModifierCodeFix))]
[Shared]
public sealed class RemoveByRefModifierCodeFix() : MethodSignatureCodeFix<ParameterSyntax>(DiagnosticIds.ByRefParameter, EquivalenceKey)
{
    /// <summary>The equivalence key of the fix: the same for every parameter, so Fix All applies it everywhere.</summary>
    public const string EquivalenceKey = "GuestAgent.RemoveByRefModifier";

    private protected override (ParameterSyntax Node, string Title)? Offer(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<ParameterSyntax>() is not { } parameter
            || parameter.Type is null
            || !HasByRefModifier(parameter)
            || parameter.Parent?.Parent is not MethodDeclarationSyntax method
            || model.GetDeclaredSymbol(method, cancellationToken) is not { } symbol
            || !SafeSignatureChange.IsAllowed(symbol))
        {
            return null;
        }

        return (parameter, $"Take '{parameter.Identifier.ValueText}' by value");
    }

    private protected override ParameterSyntax Rewrite(ParameterSyntax parameter, SemanticModel model) => ByValue(parameter);

    private static bool HasByRefModifier(ParameterSyntax parameter)
    {
        foreach (var modifier in parameter.Modifiers)
        {
            if (modifier.Kind() is SyntaxKind.RefKeyword or SyntaxKind.OutKeyword or SyntaxKind.InKeyword)
            {
                return true;
            }
        }

        return false;
    }

    private static ParameterSyntax ByValue(ParameterSyntax parameter)
    {
        // A removed keyword's leading trivia (indentation of a parameter on its own line) moves to
        // the next token kept; its trailing space goes with it.
        var kept = new List<SyntaxToken>(parameter.Modifiers.Count);
        var carried = new List<SyntaxTrivia>();
        foreach (var modifier in parameter.Modifiers)
        {
            if (modifier.Kind() is SyntaxKind.RefKeyword or SyntaxKind.OutKeyword or SyntaxKind.InKeyword or SyntaxKind.ReadOnlyKeyword or SyntaxKind.ScopedKeyword)
            {
                carried.AddRange(modifier.LeadingTrivia);
                continue;
            }

            kept.Add(carried.Count == 0 ? modifier : modifier.WithLeadingTrivia(Concat(carried, modifier.LeadingTrivia)));
            carried.Clear();
        }

        var type = parameter.Type!;
        if (carried.Count > 0)
        {
            type = type.WithLeadingTrivia(Concat(carried, type.GetLeadingTrivia()));
        }

        return parameter.WithModifiers(SyntaxFactory.TokenList(kept)).WithType(type);
    }

    private static SyntaxTriviaList Concat(List<SyntaxTrivia> first, SyntaxTriviaList second) =>
        SyntaxFactory.TriviaList(first).AddRange(second);
}

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// Adds attribute lists to a type declaration the way a person would: each on its own line after
/// the last list of the same kind (or the last list), with that list's indentation; on the same
/// line when the lists there share a line; above the declaration, under its comments, when it has none.
/// </summary>
internal static class AttributeListPlacement
{
    public static TypeDeclarationSyntax Add(TypeDeclarationSyntax declaration, IReadOnlyList<AttributeListSyntax> added, Func<AttributeListSyntax, bool> sameKind, SyntaxTrivia newLine)
    {
        var lists = declaration.AttributeLists;
        if (lists.Count == 0)
        {
            var leading = declaration.GetLeadingTrivia();
            var indentation = Indentation(leading);
            var placedAbove = added.Select((list, i) => list.WithLeadingTrivia(i == 0 ? leading : indentation).WithTrailingTrivia(newLine));
            return declaration.WithLeadingTrivia(indentation).WithAttributeLists(SyntaxFactory.List(placedAbove));
        }

        var anchor = lists.LastOrDefault(sameKind) ?? lists.Last();
        var onOwnLine = anchor.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        // On a shared line the list must carry no elastic trivia: the code action's clean-up formats
        // around elastic trivia and would put every list, and the class itself, on a line of its own.
        var placed = added.Select(list => onOwnLine
            ? list.WithLeadingTrivia(Indentation(anchor.GetLeadingTrivia())).WithTrailingTrivia(anchor.GetTrailingTrivia())
            : list.NormalizeWhitespace().WithTrailingTrivia(SyntaxFactory.Space));
        return declaration.WithAttributeLists(lists.InsertRange(lists.IndexOf(anchor) + 1, placed));
    }

    /// <summary>The whitespace that starts the token's line: what follows the last line break of its leading trivia.</summary>
    private static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
    {
        var start = 0;
        for (var i = 0; i < leading.Count; i++)
        {
            if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia) || leading[i].HasStructure)
            {
                start = i + 1;
            }
        }

        return SyntaxFactory.TriviaList(leading.Skip(start).Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
    }
}

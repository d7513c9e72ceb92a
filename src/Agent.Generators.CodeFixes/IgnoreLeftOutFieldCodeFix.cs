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
/// GA0029: marks the reported public field <c>[JsonIgnore]</c>. The JSON contract leaves the field out already (no
/// <c>IncludeFields</c>, no <c>[JsonInclude]</c>), so nothing the context writes or reads changes; System.Text.Json's
/// generator then leaves it out of the fast path too. The attribute is spelled as short as the file's usings allow
/// (<c>[JsonIgnore]</c>, else qualified) and put first on the field's line. Offered only for a field declaring one
/// variable: on <c>public string? a, b;</c> the attribute would reach both.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IgnoreLeftOutFieldCodeFix))]
[Shared]
public sealed class IgnoreLeftOutFieldCodeFix : CodeFixProvider
{
    /// <summary>The equivalence key of the fix: the same for every field, so Fix All applies it everywhere.</summary>
    public const string EquivalenceKey = "GuestAgent.IgnoreLeftOutField";

    private const string JsonIgnoreAttribute = "System.Text.Json.Serialization.JsonIgnoreAttribute";

    private static readonly ImmutableArray<string> Spellings =
        ["JsonIgnore", "System.Text.Json.Serialization.JsonIgnore", "global::System.Text.Json.Serialization.JsonIgnore"];

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.FastPathFieldClash];

    /// <summary>The batch fixer (each fix touches only its own field), with this fix's key when asked for none.</summary>
    /// <returns>The Fix All provider.</returns>
    public override FixAllProvider GetFixAllProvider() => new OwnKeyBatchFixAll(EquivalenceKey);

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null || model.Compilation.GetTypeByMetadataName(JsonIgnoreAttribute) is not { } attribute)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan) is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: FieldDeclarationSyntax field } } variable
                && TypeSpelling.FirstBinding(model, field.SpanStart, attribute, Spellings, suffix: "Attribute") is { } spelling)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Mark '{variable.Identifier.ValueText}' [JsonIgnore]", token => IgnoreAsync(document, field, spelling, token), EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> IgnoreAsync(Document document, FieldDeclarationSyntax field, string spelling, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // The list goes first, on the field's own line: its leading trivia (indentation, comments) moves before it.
        // No elastic trivia: the code action's clean-up would format around it and break the line.
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.ParseName(spelling))))
            .NormalizeWhitespace()
            .WithLeadingTrivia(field.GetLeadingTrivia())
            .WithTrailingTrivia(SyntaxFactory.Space);
        var bare = field.WithoutLeadingTrivia();
        return document.WithSyntaxRoot(root.ReplaceNode(field, bare.WithAttributeLists(bare.AttributeLists.Insert(0, list))));
    }
}

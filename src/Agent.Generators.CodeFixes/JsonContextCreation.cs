using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// GA0009 with no JSON context at all: adds a file declaring one with the strict options the docs
/// recommend, <c>internal partial class &lt;Assembly&gt;JsonContext : JsonSerializerContext</c>, names it with
/// <c>[assembly: CommandJsonContext]</c> and lists the types on it (through
/// <see cref="JsonContextListing"/>, so they are spelled and named as that fix does).
/// </summary>
internal static class JsonContextCreation
{
    /// <summary>The name the new context gets: <c>&lt;Assembly&gt;JsonContext</c>, numbered when a type of that name exists in <paramref name="namespaceName"/>.</summary>
    public static string ContextName(Compilation compilation, string? namespaceName)
    {
        var stem = Identifier(compilation.AssemblyName) + "JsonContext";
        var name = stem;
        for (var number = 2; compilation.GetTypeByMetadataName(namespaceName is null ? name : namespaceName + "." + name) is not null; number++)
        {
            name = stem + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }

    /// <summary>The namespace of the type declaring the reported command, <c>null</c> for the global one.</summary>
    public static async Task<string?> NamespaceOfAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var declaration = root?.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault();
        var symbol = declaration is null ? null : model?.GetDeclaredSymbol(declaration, cancellationToken);
        return symbol?.ContainingNamespace is { IsGlobalNamespace: false } container ? container.ToDisplayString() : null;
    }

    /// <summary>Adds the context's file to <paramref name="projectId"/> and lists <paramref name="types"/> on it.</summary>
    public static async Task<Solution> CreateAsync(
        Solution solution, ProjectId projectId, string? namespaceName, string name, IReadOnlyList<ListedType> types, string newLine, CancellationToken cancellationToken)
    {
        var project = solution.GetProject(projectId);
        if (project is null || types.Count == 0)
        {
            return solution;
        }

        var id = DocumentId.CreateNewId(projectId);
        var directory = project.FilePath is { } projectFile ? System.IO.Path.GetDirectoryName(projectFile) : null;
        var filePath = directory is null ? null : System.IO.Path.Combine(directory, name + ".cs");
        var created = solution.AddDocument(id, name + ".cs", SourceText.From(Text(namespaceName, name, newLine), Encoding.UTF8), filePath: filePath);
        var document = created.GetDocument(id)!;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var declaration = root?.DescendantNodes().OfType<ClassDeclarationSyntax>().FirstOrDefault();
        if (declaration is null || model is null)
        {
            return solution;
        }

        // The types were bound in the compilation without this file: bind them again in the new one.
        var rebound = types
            .Select(t => TypeSpelling.Bind(model, declaration.SpanStart, t.FullyQualified) is { } type ? t with { Type = type } : null)
            .Where(t => t is not null)
            .Select(t => t!)
            .ToList();
        return await JsonContextListing.AddAsync(created, (id, declaration), rebound, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The options docs/authoring-commands.md recommends ("Make inner members as strict as parameters"),
    /// in its form: with System.Text.Json's defaults <c>{"move":{}}</c> would bind a <c>Move</c> of nulls.
    /// </summary>
    private static readonly ImmutableArray<string> StrictOptions =
    [
        "[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,",
        "    RespectNullableAnnotations = true,",
        "    RespectRequiredConstructorParameters = true,",
        "    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]",
    ];

    /// <summary>The new file, before the types are listed.</summary>
    private static string Text(string? namespaceName, string name, string newLine)
    {
        var qualified = namespaceName is null ? name : namespaceName + "." + name;
        var lines = new List<string>
        {
            "using System.Text.Json;",
            "using System.Text.Json.Serialization;",
            "using GuestAgent.Commands;",
            "",
            $"[assembly: CommandJsonContext(typeof({qualified}))]",
            "",
        };
        if (namespaceName is not null)
        {
            lines.Add($"namespace {namespaceName};");
            lines.Add("");
        }

        lines.AddRange(
        [
            "/// <summary>",
            "/// The JSON contracts of this assembly's commands: the System.Text.Json source generator writes",
            "/// their metadata, and the generated command registry reads and writes through it (no reflection).",
            "/// The options make a complex type's members as strict as a command's parameters: camelCase",
            "/// names, and a missing, null or unknown member refused (System.Text.Json's defaults check none).",
            "/// </summary>",
            .. StrictOptions,
            $"internal partial class {name} : JsonSerializerContext",
            "{",
            "}",
        ]);
        return string.Join(newLine, lines) + newLine;
    }

    /// <summary>The assembly name as one identifier: non-identifier characters dropped, each part capitalised (<c>Team.Tools</c>: <c>TeamTools</c>).</summary>
    private static string Identifier(string? assemblyName)
    {
        var builder = new StringBuilder();
        var startOfPart = true;
        foreach (var c in assemblyName ?? string.Empty)
        {
            if (!SyntaxFacts.IsIdentifierPartCharacter(c) || c == '_')
            {
                startOfPart = true;
                continue;
            }

            builder.Append(startOfPart ? char.ToUpperInvariant(c) : c);
            startOfPart = false;
        }

        if (builder.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(builder[0]))
        {
            builder.Insert(0, "Commands");
        }

        return builder.ToString();
    }

    /// <summary>The line break the document already uses, else <c>\n</c>.</summary>
    public static async Task<string> NewLineAsync(Document document, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var first = root?.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) ?? default;
        return first.IsKind(SyntaxKind.EndOfLineTrivia) ? first.ToString() : "\n";
    }
}

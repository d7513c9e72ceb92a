using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using GuestAgent.Generators.Tests.Diagnostics;

namespace GuestAgent.Generators.Tests.Documentation;

/// <summary>
/// The C# blocks of the repository's Markdown pages, made into compilation units the way a reader
/// pastes them: the pages show commands as bare methods and elide bodies with <c>…</c>, which a
/// reader puts in a class and fills in; nothing else is changed, so an example that stops
/// compiling or reporting what its page says fails its test.
/// </summary>
internal static partial class MarkdownExamples
{
    /// <summary>What a reader's project has in scope: the SDK's implicit usings and the namespaces the pages' examples use.</summary>
    public const string Usings = DiagnosticAssert.Usings + """
        using System.Diagnostics.CodeAnalysis;
        using System.Linq;
        using System.Text.Json.Serialization;
        using GuestAgent.Platform;
        using Microsoft.Extensions.Logging;

        """;

    public static string Read(params string[] path) => File.ReadAllText(RepositoryPath(path));

    public static string RepositoryPath(params string[] path) => Path.Combine([RepositoryRoot(), .. path]);

    /// <summary>The text of the section that starts with the line <paramref name="heading"/>, up to the next heading of level 2.</summary>
    public static string Section(string page, string heading)
    {
        var start = page.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section '{heading}'");
        var end = page.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? page[start..] : page[start..end];
    }

    public static IReadOnlyList<string> CSharpBlocks(string markdown) =>
        [.. CSharpBlock().Matches(markdown).Select(match => match.Groups[1].Value)];

    /// <summary>
    /// <paramref name="block"/> as a compilation unit: each run of lines from a top-level
    /// <c>[Command</c> to the next blank line (a command written as a bare method) goes into a
    /// static class of its own (<paramref name="classPrefix"/> numbered), and an elided body
    /// (<c>=> …;</c>, <c>{ … }</c>) throws.
    /// </summary>
    public static string AsCompilationUnit(string block, string classPrefix = "Example")
    {
        var filled = block.Replace("=> …;", "=> throw new NotImplementedException();", StringComparison.Ordinal)
            .Replace("{ … }", "{ throw new NotImplementedException(); }", StringComparison.Ordinal);
        var unit = new StringBuilder();
        var classes = 0;
        var inCommand = false;
        foreach (var line in filled.Split('\n'))
        {
            if (!inCommand && line.StartsWith("[Command", StringComparison.Ordinal))
            {
                unit.Append("public static class ").Append(classPrefix).Append(classes++).Append("\n{\n");
                inCommand = true;
            }
            else if (inCommand && line.Length == 0)
            {
                unit.Append("}\n");
                inCommand = false;
            }

            unit.Append(line).Append('\n');
        }

        return inCommand ? unit.Append("}\n").ToString() : unit.ToString();
    }

    /// <summary>The comments of <paramref name="block"/> that start with <paramref name="id"/>: what the example says is reported.</summary>
    public static IEnumerable<string> CommentsOn(string block, string id) =>
        block.Split('\n').Select(line => line.IndexOf("// " + id, StringComparison.Ordinal) is var at and >= 0 ? line[(at + 3)..].Trim() : null)
            .OfType<string>();

    private static string RepositoryRoot([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", ".."));

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}

using GuestAgent.Generators.CodeFixes;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CodeFixes;
using static GuestAgent.Generators.Tests.CodeFixes.CodeFixHarness;

namespace GuestAgent.Generators.Tests.CodeFixes;

/// <summary>
/// GA0029: the reported field is marked <c>[JsonIgnore]</c>, spelled as the file's usings allow, first on its line;
/// the warning goes, the source compiles, and the other fields are left alone. Not offered where one declaration
/// declares several fields.
/// </summary>
public sealed class IgnoreLeftOutFieldCodeFixTests
{
    private const string Id = "GA0029";

    /// <summary>The hand-written JSON context listing <paramref name="types"/>, in a file of its own.</summary>
    private static string Context(params string[] types) =>
        "using System;\nusing System.Text.Json;\nusing GuestAgent.Commands;\n" + HandWrittenJsonContext.Source("", "", types);

    [Fact]
    public async Task The_field_is_marked_JsonIgnore_and_the_warning_goes()
    {
        var fixedDocument = await FixAsync(new IgnoreLeftOutFieldCodeFix(), Id, 0, """
            using System.Text.Json.Serialization;
            using GuestAgent.Commands;

            public class Disk
            {
                public string? name;
                [JsonPropertyName("name")] public string? Name { get; set; }
            }

            public static class A { [Command("disk")] public static Disk Describe() => new(); }
            """, Context("Disk"));

        Assert.Equal(
            """
            using System.Text.Json.Serialization;
            using GuestAgent.Commands;

            public class Disk
            {
                [JsonIgnore] public string? name;
                [JsonPropertyName("name")] public string? Name { get; set; }
            }

            public static class A { [Command("disk")] public static Disk Describe() => new(); }
            """,
            await CompilingTextAsync(fixedDocument));
        Assert.Empty(await DiagnosticsAsync(fixedDocument, Id));
    }

    [Fact]
    public async Task Without_the_using_the_attribute_is_qualified_and_comments_stay_above()
    {
        var fixedDocument = await FixAsync(new IgnoreLeftOutFieldCodeFix(), Id, 0, """
            using GuestAgent.Commands;

            public class Pair
            {
                public string? a;
                // The old name.
                [System.Text.Json.Serialization.JsonPropertyName("a")] public string? b;
                public int Count { get; set; }
            }

            public static class A { [Command("pair")] public static Pair Make() => new(); }
            """, Context("Pair"));

        Assert.Equal(
            """
            using GuestAgent.Commands;

            public class Pair
            {
                public string? a;
                // The old name.
                [System.Text.Json.Serialization.JsonIgnore] [System.Text.Json.Serialization.JsonPropertyName("a")] public string? b;
                public int Count { get; set; }
            }

            public static class A { [Command("pair")] public static Pair Make() => new(); }
            """,
            await CompilingTextAsync(fixedDocument));
        Assert.Empty(await DiagnosticsAsync(fixedDocument, Id));
    }

    [Fact]
    public async Task No_fix_where_the_declaration_declares_several_fields()
    {
        var document = CreateDocument("""
            using System.Text.Json.Serialization;
            using GuestAgent.Commands;

            public class Disk
            {
                public string? name, label;
                [JsonPropertyName("name")] public string? Name { get; set; }
            }

            public static class A { [Command("disk")] public static Disk Describe() => new(); }
            """, Context("Disk"));

        var diagnostic = Assert.Single(await DiagnosticsAsync(document, Id));
        Assert.Empty(await ActionsAsync(new IgnoreLeftOutFieldCodeFix(), document, diagnostic));
    }

    [Fact]
    public async Task Fix_All_marks_every_reported_field()
    {
        var fixedDocument = await FixAllAsync(new IgnoreLeftOutFieldCodeFix(), IgnoreLeftOutFieldCodeFix.EquivalenceKey, Id, FixAllScope.Document, """
            using System.Text.Json.Serialization;
            using GuestAgent.Commands;

            public class Disk { public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
            public class Pair { public string? a; [JsonPropertyName("a")] public string? b; public int Count { get; set; } }

            public static class A
            {
                [Command("disk")] public static Disk Describe() => new();
                [Command("pair")] public static Pair Make() => new();
            }
            """, Context("Disk", "Pair"));

        Assert.Equal(
            """
            using System.Text.Json.Serialization;
            using GuestAgent.Commands;

            public class Disk { [JsonIgnore] public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
            public class Pair { public string? a; [JsonIgnore] [JsonPropertyName("a")] public string? b; public int Count { get; set; } }

            public static class A
            {
                [Command("disk")] public static Disk Describe() => new();
                [Command("pair")] public static Pair Make() => new();
            }
            """,
            await CompilingTextAsync(fixedDocument));
        Assert.Empty(await DiagnosticsAsync(fixedDocument, Id));
    }

    [Fact]
    public async Task Fix_All_asked_for_with_no_equivalence_key_applies_the_fix_s_own_as_dotnet_format_asks()
    {
        var fixedDocument = await FixAllAsync(new IgnoreLeftOutFieldCodeFix(), null!, Id, FixAllScope.Solution, """
            using System.Text.Json.Serialization;
            using GuestAgent.Commands;

            public class Disk { public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }

            public static class A { [Command("disk")] public static Disk Describe() => new(); }
            """, Context("Disk"));

        Assert.Empty(await DiagnosticsAsync(fixedDocument, Id));
        Assert.Contains("[JsonIgnore] public string? name;", (await CompilingTextAsync(fixedDocument)), StringComparison.Ordinal);
    }
}

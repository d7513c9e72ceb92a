using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0029: a public field the JSON context's contract leaves out, going by the JSON name of another member of a
/// type a result writes, breaks that type's fast-path serializer (the real context failing, and the look-alikes
/// it writes, are <c>FastPathFieldClashExecutionTests</c>). A warning at the field, once however many commands'
/// results hold its type; at the return type when the field is in another assembly; suppressible there.
/// </summary>
public sealed class FastPathFieldClashDiagnosticTests
{
    private const string Clash = """
        public class Clash { public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }

        """;

    [Fact]
    public async Task GA0029_at_the_field_once_for_every_result_holding_its_type()
    {
        var diagnostics = await ReportsAsync(
            HandWrittenJsonContext.Source(Clash + """
                public sealed class Holder { public List<Clash> All { get; set; } = []; }

                public static class A
                {
                    [Command("one")] public static Clash One() => new();
                    [Command("held")] public static Task<Holder> Held() => Task.FromResult(new Holder());
                    [Command("many")] public static Clash[] Many() => [];
                    // A parameter is read through the metadata: no fast path there.
                    [Command("take")] public static void Take(Clash clash) { }
                }
                """, "", "Clash", "Holder", "Clash[]"),
            "GA0029", "name");

        Assert.Equal(DiagnosticSeverity.Warning, diagnostics[0].Severity);
        Assert.StartsWith("'Clash.name' is a public field the JSON context leaves out", Message(diagnostics[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suppressed_with_pragma_at_the_field()
    {
        await ReportsAsync(
            HandWrittenJsonContext.Source("""
                public class Clash
                {
                #pragma warning disable GA0029
                    public string? name;
                #pragma warning restore GA0029
                    [JsonPropertyName("name")] public string? Name { get; set; }
                }

                public static class A { [Command("one")] public static Clash One() => new(); }
                """, "", "Clash"),
            "GA0029");
    }

    [Fact]
    public async Task Not_where_fields_are_in_the_contract_the_collision_is_GA0021s()
    {
        await ReportsAsync(
            HandWrittenJsonContext.Source(Clash + """
                public static class A { [Command("one")] public static Clash One() => new(); }
                """, "[JsonSourceGenerationOptions(IncludeFields = true)]", "Clash"),
            "GA0021", "Clash");
    }

    [Fact]
    public async Task At_the_return_type_when_the_field_is_in_another_assembly()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var library = CSharpCompilation.Create(
            "Shapes",
            [CSharpSyntaxTree.ParseText("using System.Text.Json.Serialization;\n" + Clash, TestCompiler.ParseOptions, cancellationToken: cancellation)],
            TestCompiler.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        Assert.True(library.Emit(image, cancellationToken: cancellation).Success);

        var compilation = TestCompiler.CompileAssembly(
            "Tests.Commands",
            [MetadataReference.CreateFromImage(image.ToArray())],
            Usings + HandWrittenJsonContext.Source("""
                public static class A { [Command("one")] public static Clash One() => new(); }
                """, "", "Clash"));

        await ReportsAsync(compilation, "GA0029", "Clash");
    }
}

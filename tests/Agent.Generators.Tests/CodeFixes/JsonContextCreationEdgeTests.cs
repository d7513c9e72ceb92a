using GuestAgent.Generators.CodeFixes;
using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Tests.CodeFixes.CodeFixHarness;

namespace GuestAgent.Generators.Tests.CodeFixes;

/// <summary>
/// GA0009's context-creating fix at its edges: the name made from the assembly's, the namespace
/// and a name taken there, the new file's path and line breaks; and neither the creating nor the
/// naming fix where the assembly already names a context.
/// </summary>
public sealed class JsonContextCreationEdgeTests
{
    private const string Id = "GA0009";

    private const string Commands = """
        using GuestAgent.Commands;

        namespace Team.Tools;

        public sealed record Move(string From, string To);

        public static class A
        {
            [Command("move")] public static void Run(Move move) { }
        }
        """;

    [Theory]
    [InlineData("my_team.tools", "MyTeamToolsJsonContext")]
    [InlineData("2fa-agent", "Commands2faAgentJsonContext")]
    [InlineData("Tests.Commands", "TestsCommandsJsonContext")]
    public async Task The_name_is_the_assembly_name_as_one_capitalised_identifier(string assemblyName, string expected)
    {
        var document = CreateDocument(Commands);
        document = document.Project.Solution.WithProjectAssemblyName(document.Project.Id, assemblyName).GetDocument(document.Id)!;
        var action = Assert.Single(await ActionsAsync(new CreateJsonContextCodeFix(), document, Assert.Single(await DiagnosticsAsync(document, Id))));
        Assert.Equal($"Create the JSON context '{expected}' with [JsonSerializable(typeof(Move))]", action.Title);
    }

    [Fact]
    public async Task The_context_goes_in_the_commands_whole_namespace_numbered_past_a_type_there_of_its_name()
    {
        var source = Commands.Replace("public static class A", "public sealed class TestsCommandsJsonContext;\n\npublic static class A", StringComparison.Ordinal);
        var fixedDocument = await FixAsync(new CreateJsonContextCodeFix(), Id, 0, source);

        Assert.Equal(
            """
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using GuestAgent.Commands;

            [assembly: CommandJsonContext(typeof(Team.Tools.TestsCommandsJsonContext2))]

            namespace Team.Tools;

            /// <summary>
            /// The JSON contracts of this assembly's commands: the System.Text.Json source generator writes
            /// their metadata, and the generated command registry reads and writes through it (no reflection).
            /// The options make a complex type's members as strict as a command's parameters: camelCase
            /// names, and a missing, null or unknown member refused (System.Text.Json's defaults check none).
            /// </summary>
            [JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
                RespectNullableAnnotations = true,
                RespectRequiredConstructorParameters = true,
                UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
            [JsonSerializable(typeof(Move))]
            internal partial class TestsCommandsJsonContext2 : JsonSerializerContext
            {
            }

            """,
            await CreatedTextAsync(fixedDocument, "TestsCommandsJsonContext2.cs"));
    }

    [Fact]
    public async Task In_a_CRLF_project_the_new_file_uses_CRLF_and_lies_beside_the_project_file()
    {
        var document = CreateDocument(Commands.ReplaceLineEndings("\r\n"));
        var projectFile = Path.Combine(Path.GetTempPath(), "Team.Tools", "Team.Tools.csproj");
        document = document.Project.Solution.WithProjectFilePath(document.Project.Id, projectFile).GetDocument(document.Id)!;
        var action = Assert.Single(await ActionsAsync(new CreateJsonContextCodeFix(), document, Assert.Single(await DiagnosticsAsync(document, Id))));
        var operation = Assert.Single((await action.GetOperationsAsync(TestContext.Current.CancellationToken)).OfType<Microsoft.CodeAnalysis.CodeActions.ApplyChangesOperation>());
        var created = Assert.Single(operation.ChangedSolution.GetProject(document.Project.Id)!.Documents, d => d.Name == "TestsCommandsJsonContext.cs");

        Assert.Equal(Path.Combine(Path.GetDirectoryName(projectFile)!, "TestsCommandsJsonContext.cs"), created.FilePath);
        var text = (await created.GetTextAsync(TestContext.Current.CancellationToken)).ToString();
        Assert.StartsWith("using System.Text.Json;\r\nusing System.Text.Json.Serialization;\r\nusing GuestAgent.Commands;\r\n\r\n[assembly: CommandJsonContext(typeof(Team.Tools.TestsCommandsJsonContext))]\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]\r\n[JsonSerializable(typeof(Move))]\r\ninternal partial class TestsCommandsJsonContext : JsonSerializerContext\r\n{\r\n}\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_the_assembly_names_a_context_neither_creating_nor_naming_one_is_offered()
    {
        var context = """
            namespace Team.Tools.Json;

            public partial class Ctx : System.Text.Json.Serialization.JsonSerializerContext
            {
                public Ctx() : base(null) { }
                protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;
                public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(System.Type type) => null;
            }
            """;
        var document = CreateDocument(Commands.Replace("namespace Team.Tools;", "[assembly: CommandJsonContext(typeof(Team.Tools.Json.Ctx))]\n\nnamespace Team.Tools;", StringComparison.Ordinal), context);
        var diagnostic = Assert.Single(await DiagnosticsAsync(document, Id));

        Assert.Single(await ActionsAsync(new AddToJsonContextCodeFix(), document, diagnostic));
        Assert.Empty(await ActionsAsync(new NameJsonContextCodeFix(), document, diagnostic));
        Assert.Empty(await ActionsAsync(new CreateJsonContextCodeFix(), document, diagnostic));
    }

    private static async Task<string> CreatedTextAsync(Document fixedDocument, string name)
    {
        var created = Assert.Single(fixedDocument.Project.Documents, d => d.Name == name);
        return (await created.GetTextAsync(TestContext.Current.CancellationToken)).ToString();
    }
}

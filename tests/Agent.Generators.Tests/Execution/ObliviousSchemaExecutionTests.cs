using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// Where nullable annotations are disabled, a reference type promises nothing about null: the JSON
/// context reads and writes <c>null</c> for such a member (even under <c>RespectNullableAnnotations</c>,
/// which judges only annotated members), and a method may return <c>null</c>, which is written as
/// <c>null</c>. So the schemas admit it there, as System.Text.Json's <c>JsonSchemaExporter</c> does
/// (<c>["string","null"]</c>). Only the generated binder's own parameter refuses a <c>null</c> (one
/// without a default of <c>null</c>), so its request schema does not admit one.
/// </summary>
public sealed class ObliviousSchemaExecutionTests
{
    private const string Source = """
        #nullable disable
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Thing
        {
            public string Name { get; set; }
            public List<string> Tags { get; set; }
        }

        OPTIONS
        [JsonSerializable(typeof(Thing))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("echo")] public static Thing Echo(Thing thing) => thing;
            [Command("none")] public static Thing None() => null;
            // Two parameters, so the value is an object (one string alone would be the whole value).
            [Command("text")] public static string Text(string text, int times = 1) => text ?? "null";
        }
        """;

    private const string NullOrString = """{"anyOf":[{"type":"string"},{"type":"null"}]}""";

    private const string ThingSchema =
        """{"type":"object","properties":{"Name":""" + NullOrString + ""","Tags":{"anyOf":[{"type":"array","items":""" + NullOrString + """},{"type":"null"}]}}}""";

    public static TheoryData<string> Options =>
    [
        "",
        // It judges only members annotated as non-nullable: an oblivious one still reads null.
        "[JsonSourceGenerationOptions(RespectNullableAnnotations = true)]",
    ];

    [Theory]
    [MemberData(nameof(Options))]
    public async Task An_oblivious_member_is_read_and_written_as_null_and_its_schemas_say_so(string options)
    {
        using var commands = Compile(options);
        var echo = commands.CreateRegistry().Commands.Single(c => c.Name == "echo");

        Assert.Equal("""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"thing":""" + ThingSchema + """},"required":["thing"],"additionalProperties":false}""", echo.RequestSchema);
        Assert.Equal("""{"$schema":"https://json-schema.org/draft/2020-12/schema","anyOf":[""" + ThingSchema + """,{"type":"null"}]}""", echo.ResultSchema);
        Assert.Equal(
            """{"returncode":"0","message":"{'Name':null,'Tags':['a',null]}"}""",
            await commands.SendAsync("""{"name":"echo","value":{"thing":{"Name":null,"Tags":["a",null]}}}"""));
    }

    [Fact]
    public async Task An_oblivious_result_may_be_null()
    {
        using var commands = Compile("");
        var none = commands.CreateRegistry().Commands.Single(c => c.Name == "none");

        Assert.Equal("""{"$schema":"https://json-schema.org/draft/2020-12/schema","anyOf":[""" + ThingSchema + """,{"type":"null"}]}""", none.ResultSchema);
        Assert.Equal("""{"returncode":"0","message":"null"}""", await commands.SendAsync("""{"name":"none"}"""));
    }

    [Theory]
    [InlineData("echo", "thing")]
    [InlineData("text", "text")]
    public async Task The_binder_refuses_null_for_its_own_oblivious_parameter_and_its_schema_admits_none(string name, string parameter)
    {
        using var commands = Compile("");
        var command = commands.CreateRegistry().Commands.Single(c => c.Name == name);

        Assert.DoesNotContain("\"" + parameter + "\":{\"anyOf\"", command.RequestSchema, StringComparison.Ordinal);
        Assert.StartsWith(
            """{"returncode":"500","message":"Property '""" + parameter + "' of command '" + name + "' must be",
            await commands.SendAsync("{\"name\":\"" + name + "\",\"value\":{\"" + parameter + "\":null}}"),
            StringComparison.Ordinal);
    }

    private static LoadedCommands Compile(string options) =>
        LoadedCommands.Compile(Source.Replace("OPTIONS", options, StringComparison.Ordinal));
}

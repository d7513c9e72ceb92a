using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A <c>[Flags]</c> enum binds as System.Text.Json's string enum converter reads one: names
/// separated by commas, or a number that combines members' bits.
/// </summary>
public sealed class FlagsEnumExecutionTests(FlagsEnumExecutionTests.Compiled compiled) : IClassFixture<FlagsEnumExecutionTests.Compiled>
{
    private const string Source = """
        using System;
        using GuestAgent.Commands;

        namespace Sample;

        [Flags] public enum Perm { None = 0, Read = 1, Write = 2, Exec = 4 }

        [Flags] public enum Wide : ulong { Low = 1, High = 0x8000000000000000 }

        [Flags] public enum Access { None = 0, Read = 1, Write = 2, All = -1 }

        [Flags] public enum Small : sbyte { Low = 1, High = -128 }

        public static class Commands
        {
            [Command("perm")] public static string Show(Perm p) => p.ToString();

            [Command("maybe")] public static string Maybe(Perm? p = null) => p?.ToString() ?? "null";

            [Command("wide")] public static string ShowWide(Wide w) => w.ToString();

            [Command("echo")] public static Perm Echo(Perm p) => p;

            [Command("bits")] public static Perm Bits(int n) => (Perm)n;

            [Command("access")] public static string ShowAccess(Access a) => a.ToString();

            [Command("small")] public static string ShowSmall(Small s) => s.ToString();
        }
        """;

    private const string Expected =
        "names from 'None', 'Read', 'Write', 'Exec' separated by commas, or a number combining them";

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("""{"p":"Read"}""", "Read")]
    [InlineData("""{"p":"Read, Write"}""", "Read, Write")]
    [InlineData("""{"p":"Write,Exec"}""", "Write, Exec")]
    [InlineData("""{"p":" Read ,None"}""", "Read")]
    [InlineData("""{"p":3}""", "Read, Write")]
    [InlineData("""{"p":0}""", "None")]
    [InlineData("""{"p":7}""", "Read, Write, Exec")]
    public async Task Combinations_bind(string value, string expected) =>
        Assert.Equal(
            $$"""{"returncode":"0","message":"{{expected}}"}""",
            await _commands.SendAsync($$"""{"name":"perm","value":{{value}}}"""));

    [Theory]
    [InlineData("""{"p":"Read, Delete"}""")]
    [InlineData("""{"p":"read"}""")]
    [InlineData("""{"p":""}""")]
    [InlineData("""{"p":"Read,"}""")]
    [InlineData("""{"p":8}""")]
    [InlineData("""{"p":-1}""")]
    [InlineData("""{"p":1.5}""")]
    [InlineData("""{"p":true}""")]
    [InlineData("""{"p":null}""")]
    public async Task Other_values_are_refused(string value) =>
        Assert.Equal(
            $$"""{"returncode":"500","message":"Property 'p' of command 'perm' must be {{Expected}}"}""",
            await _commands.SendAsync($$"""{"name":"perm","value":{{value}}}"""));

    [Theory]
    [InlineData("""{"name":"maybe","value":{"p":"Read, Exec"}}""", "Read, Exec")]
    [InlineData("""{"name":"maybe","value":{"p":null}}""", "null")]
    [InlineData("""{"name":"maybe"}""", "null")]
    [InlineData("""{"name":"wide","value":{"w":9223372036854775809}}""", "Low, High")]
    [InlineData("""{"name":"wide","value":{"w":"High, Low"}}""", "Low, High")]
    [InlineData("""{"name":"echo","value":{"p":5}}""", "'Read, Exec'")]
    public async Task Nullable_wide_and_returned_flags(string request, string expected) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{expected}}"}""", await _commands.SendAsync(request));

    [Theory]
    [InlineData("access", """{"a":-1}""", "All")]
    [InlineData("access", """{"a":3}""", "Read, Write")]
    [InlineData("access", """{"a":"All"}""", "All")]
    [InlineData("small", """{"s":-128}""", "High")]
    [InlineData("small", """{"s":-127}""", "Low, High")]
    public async Task A_negative_member_is_sent_as_its_negative_number(string name, string value, string expected) =>
        Assert.Equal(
            $$"""{"returncode":"0","message":"{{expected}}"}""",
            await _commands.SendAsync($$"""{"name":"{{name}}","value":{{value}}}"""));

    [Theory]
    [InlineData("access", "a", "4294967297", "'None', 'Read', 'Write', 'All'")]
    [InlineData("access", "a", "2147483648", "'None', 'Read', 'Write', 'All'")]
    [InlineData("access", "a", "18446744073709551615", "'None', 'Read', 'Write', 'All'")]
    [InlineData("small", "s", "129", "'Low', 'High'")]
    [InlineData("small", "s", "-129", "'Low', 'High'")]
    [InlineData("small", "s", "2", "'Low', 'High'")]
    public async Task A_number_outside_the_underlying_type_is_refused_not_wrapped(string name, string property, string number, string members) =>
        // 4294967297 cast to int would be 1 (Read), 129 cast to sbyte -127 (Low, High): refused instead.
        Assert.Equal(
            $$"""{"returncode":"500","message":"Property '{{property}}' of command '{{name}}' must be names from {{members}} separated by commas, or a number combining them"}""",
            await _commands.SendAsync("{\"name\":\"" + name + "\",\"value\":{\"" + property + "\":" + number + "}}"));

    [Fact]
    public void The_schema_admits_names_and_numbers()
    {
        var perm = _commands.CreateRegistry().Commands.Single(c => c.Name == "perm");
        Assert.Contains("""{"p":{"type":["string","integer"]}}""", perm.RequestSchema, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, "Read, Write")]
    [InlineData(8, "8")]
    [InlineData(9, "9")]
    public async Task A_result_is_always_a_string_and_its_schema_says_so(int bits, string written)
    {
        // Written by Enum.ToString, as a string even where no names make the value up (8 has none here), never as a number.
        Assert.Equal(
            $$"""{"returncode":"0","message":"'{{written}}'"}""",
            await _commands.SendAsync("""{"name":"bits","value":{"n":""" + bits + "}}"));
        var command = _commands.CreateRegistry().Commands.Single(c => c.Name == "bits");
        Assert.Equal("""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"string"}""", command.ResultSchema);
    }

    [Fact]
    public async Task Through_a_string_enum_converter_a_member_is_a_string_unless_no_names_make_it_up()
    {
        // System.Text.Json's converter writes a number where names do not make the value up (bits no
        // member has, 0 without a zero member), as it does a plain enum's value no member names; the
        // schema leaves that number out, as its JsonSchemaExporter does (docs/authoring-commands.md).
        using var commands = LoadedCommands.Compile("""
            using System;
            using System.Text.Json.Serialization;
            using GuestAgent.Commands;

            [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

            namespace Sample;

            [Flags] public enum Perm { Read = 1, Write = 2, Exec = 4 }

            public sealed class Grant { public Perm Perm { get; set; } }

            [JsonSourceGenerationOptions(UseStringEnumConverter = true)]
            [JsonSerializable(typeof(Grant))]
            public partial class SampleJson : JsonSerializerContext;

            public static class Commands
            {
                [Command("grant")] public static Grant Make(int n) => new() { Perm = (Perm)n };
            }
            """);
        var grant = commands.CreateRegistry().Commands.Single(c => c.Name == "grant");
        Assert.EndsWith("""{"Perm":{"type":"string"}}}""", grant.ResultSchema, StringComparison.Ordinal);
        Assert.Equal("""{"returncode":"0","message":"{'Perm':'Read, Write'}"}""", await commands.SendAsync("""{"name":"grant","value":{"n":3}}"""));
        Assert.Equal("""{"returncode":"0","message":"{'Perm':8}"}""", await commands.SendAsync("""{"name":"grant","value":{"n":8}}"""));
        Assert.Equal("""{"returncode":"0","message":"{'Perm':0}"}""", await commands.SendAsync("""{"name":"grant","value":{"n":0}}"""));
    }

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source));
}

using System.Text.Json;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A descriptor's <c>DefaultValue</c> is the default as JSON text: the same as the request
/// schema's <c>default</c>, and a value the command accepts, binding to the default itself.
/// </summary>
public sealed class DefaultValueExecutionTests(DefaultValueExecutionTests.Compiled compiled) : IClassFixture<DefaultValueExecutionTests.Compiled>
{
    private const string Source = """
        using System;
        using System.Globalization;
        using System.Runtime.InteropServices;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        [JsonSerializable(typeof(char))]
        [JsonSerializable(typeof(Int128))]
        [JsonSerializable(typeof(UInt128))]
        [JsonSerializable(typeof(Half))]
        [JsonSerializable(typeof(TimeSpan))]
        public partial class SampleJson : JsonSerializerContext;

        public enum Access { None, Read, Write }

        public enum Color { Red, Green }

        [Flags] public enum Perm { None = 0, Read = 1, Write = 2, Exec = 4 }

        [Flags] public enum Bits { A = 1, B = 2 }

        public static class Commands
        {
            [Command("defaults")]
            public static string All(
                string who = "wo\"rld",
                Access access = Access.Read,
                int? count = null,
                Color? tint = null,
                Perm perm = Perm.Read | Perm.Write,
                Perm none = Perm.None,
                Perm every = (Perm)7,
                Bits zero = 0,
                double ratio = 0.5,
                bool flag = true,
                string? note = null,
                long big = -9223372036854775808,
                char letter = '"')
                => $"{who} {access} {count?.ToString() ?? "null"} {tint?.ToString() ?? "null"} {perm} {none} {every} {zero} {ratio} {flag} {note ?? "null"} {big} {(int)letter}";

            [Command("nodefault")]
            public static string NoJson(double nan = double.NaN, Guid id = default, Access odd = (Access)9, TimeSpan span = default) => $"{nan} {id} {odd} {span}";

            // Numbers C# has no constant for: only `default` (or a bare [Optional]) gives one a default, their zero.
            [Command("zeros")]
            public static string Zeros([Optional] Int128 optional, Int128 wide = default, UInt128 unsigned = default, Half half = default, Int128? none = default)
                => string.Join(" ", optional.ToString(CultureInfo.InvariantCulture), wide.ToString(CultureInfo.InvariantCulture), unsigned.ToString(CultureInfo.InvariantCulture),
                    half.ToString(CultureInfo.InvariantCulture), none?.ToString(CultureInfo.InvariantCulture) ?? "null");
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    [Fact]
    public void Default_values_are_json_text()
    {
        var parameters = _commands.CreateRegistry().Commands.Single(c => c.Name == "defaults").Parameters;
        Assert.Equal(
            ["\"wo\\\"rld\"", "\"Read\"", "null", "null", "\"Read, Write\"", "\"None\"", "\"Read, Write, Exec\"", "0", "0.5", "true", "null", "-9223372036854775808", "\"\\\"\""],
            parameters.Select(p => p.DefaultValue));
    }

    [Fact]
    public void Default_values_are_the_schema_defaults()
    {
        var command = _commands.CreateRegistry().Commands.Single(c => c.Name == "defaults");
        using var schema = JsonDocument.Parse(command.RequestSchema);
        var properties = schema.RootElement.GetProperty("properties");
        foreach (var parameter in command.Parameters)
        {
            var inSchema = properties.GetProperty(parameter.Name).GetProperty("default").GetRawText();
            Assert.Equal(parameter.DefaultValue, inSchema);
        }
    }

    [Fact]
    public async Task Each_default_sent_as_the_value_binds_to_the_default()
    {
        var command = _commands.CreateRegistry().Commands.Single(c => c.Name == "defaults");
        var omitted = await _commands.SendAsync("""{"name":"defaults"}""");
        Assert.StartsWith("""{"returncode":"0",""", omitted, StringComparison.Ordinal);
        foreach (var parameter in command.Parameters)
        {
            Assert.Equal(omitted, await _commands.SendAsync($$$"""{"name":"defaults","value":{"{{{parameter.Name}}}":{{{parameter.DefaultValue}}}}}"""));
        }
    }

    [Fact]
    public void Defaults_without_a_json_form_have_none_in_the_descriptor_or_schema()
    {
        var command = _commands.CreateRegistry().Commands.Single(c => c.Name == "nodefault");
        Assert.All(command.Parameters, p => Assert.False(p.IsRequired));
        Assert.All(command.Parameters, p => Assert.Null(p.DefaultValue));
        Assert.DoesNotContain("\"default\"", command.RequestSchema, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_zero_of_a_number_without_constants_is_written_as_System_Text_Json_writes_it()
    {
        var command = _commands.CreateRegistry().Commands.Single(c => c.Name == "zeros");
        Assert.Equal(
            [JsonSerializer.Serialize(Int128.Zero), JsonSerializer.Serialize(Int128.Zero), JsonSerializer.Serialize(UInt128.Zero), JsonSerializer.Serialize(Half.Zero), "null"],
            command.Parameters.Select(p => p.DefaultValue));
        Assert.Equal(["0", "0", "0", "0", "null"], command.Parameters.Select(p => p.DefaultValue));

        using var schema = JsonDocument.Parse(command.RequestSchema);
        var properties = schema.RootElement.GetProperty("properties");
        Assert.All(command.Parameters, p => Assert.Equal(p.DefaultValue, properties.GetProperty(p.Name).GetProperty("default").GetRawText()));

        var omitted = await _commands.SendAsync("""{"name":"zeros"}""");
        Assert.Equal("""{"returncode":"0","message":"0 0 0 0 null"}""", omitted);
        foreach (var parameter in command.Parameters)
        {
            Assert.Equal(omitted, await _commands.SendAsync($$$"""{"name":"zeros","value":{"{{{parameter.Name}}}":{{{parameter.DefaultValue}}}}}"""));
        }
    }

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source));
}

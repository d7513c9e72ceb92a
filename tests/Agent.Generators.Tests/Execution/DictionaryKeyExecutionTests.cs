using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// Dictionaries keyed by a type System.Text.Json turns into property names and back, read and
/// written through the real parser and response writer. Keys it cannot are refused at compile time
/// (GA0007/GA0008, UnsupportedTypeDiagnosticTests).
/// </summary>
public sealed class DictionaryKeyExecutionTests(CompiledSourcesFixture samples) : IClassFixture<CompiledSourcesFixture>
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public enum Color { Red, Blue }

        [JsonSerializable(typeof(Dictionary<Color, long>))]
        [JsonSerializable(typeof(Dictionary<Guid, int>))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("colors")] public static Dictionary<Color, long> Colors() => new() { [Color.Blue] = 2, [Color.Red] = -1 };

            [Command("sum")] public static int Sum(Dictionary<Guid, int> counts) => counts.Values.Sum();
        }
        """;

    [Fact]
    public async Task An_enum_keyed_result_is_written_by_member_name()
    {
        var commands = samples.Compile(Source);
        Assert.Equal("""{"returncode":"0","message":"{'Blue':2,'Red':-1}"}""", await commands.SendAsync("""{"name":"colors"}"""));
    }

    [Fact]
    public async Task A_guid_keyed_parameter_is_read()
    {
        var commands = samples.Compile(Source);
        Assert.Equal(
            """{"returncode":"0","message":"5"}""",
            await commands.SendAsync("""{"name":"sum","value":{"counts":{"0f8fad5b-d9cb-469f-a165-70867728950e":2,"7c9e6679-7425-40de-944b-e07fc1f90ae7":3}}}"""));
    }
}

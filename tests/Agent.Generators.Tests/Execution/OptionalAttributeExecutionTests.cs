using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A parameter marked <c>[Optional]</c> without <c>[DefaultParameterValue]</c> may be omitted by a
/// C# caller, which then passes <c>default(T)</c>: the binder does the same (it used to answer
/// "requires property"), and the descriptor and request schema say so as for <c>= default</c>.
/// </summary>
public sealed class OptionalAttributeExecutionTests(OptionalAttributeExecutionTests.Compiled compiled) : IClassFixture<OptionalAttributeExecutionTests.Compiled>
{
    private const string Source = """
        using System;
        using System.Runtime.InteropServices;
        using System.Text.Json;
        using GuestAgent.Commands;

        namespace Sample;

        public enum Access { None, Read }

        public static class Commands
        {
            [Command("opt")]
            public static string Object([Optional] string? who, [Optional] int count, [Optional] bool flag, [Optional] Access access, [Optional] Guid id, [Optional] int? maybe, [Optional] double ratio, [Optional, DefaultParameterValue(5)] int five)
                => $"{who ?? "null"} {count} {flag} {access} {id} {maybe?.ToString() ?? "null"} {ratio} {five}";

            [Command("opt.raw")]
            public static string Raw([Optional] string? who) => who ?? "(none)";

        #nullable disable
            [Command("opt.legacy")]
            public static string Legacy([Optional] string who, int n) => (who ?? "(none)") + n;
        #nullable restore

            [Command("opt.element")]
            public static string Element([Optional] JsonElement value) => value.ValueKind.ToString();
        }
        """;

    private const string Omitted = """{"returncode":"0","message":"null 0 False None 00000000-0000-0000-0000-000000000000 null 0 5"}""";

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("""{"name":"opt"}""", Omitted)]
    [InlineData("""{"name":"opt","value":{}}""", Omitted)]
    [InlineData("""{"name":"opt","value":{"count":2,"who":"bob"}}""", """{"returncode":"0","message":"bob 2 False None 00000000-0000-0000-0000-000000000000 null 0 5"}""")]
    [InlineData("""{"name":"opt.raw"}""", """{"returncode":"0","message":"(none)"}""")]
    [InlineData("""{"name":"opt.raw","value":"x"}""", """{"returncode":"0","message":"x"}""")]
    [InlineData("""{"name":"opt.legacy","value":{"n":1}}""", """{"returncode":"0","message":"(none)1"}""")]
    [InlineData("""{"name":"opt.legacy","value":{"who":null,"n":2}}""", """{"returncode":"0","message":"(none)2"}""")]
    [InlineData("""{"name":"opt.element"}""", """{"returncode":"0","message":"Undefined"}""")]
    [InlineData("""{"name":"opt.element","value":3}""", """{"returncode":"0","message":"Number"}""")]
    public async Task An_omitted_optional_parameter_takes_its_types_default(string request, string expected) =>
        Assert.Equal(expected, await _commands.SendAsync(request));

    [Fact]
    public void The_descriptor_and_schema_state_the_default_as_for_an_explicit_default()
    {
        var commands = _commands.CreateRegistry().Commands;
        var command = commands.Single(c => c.Name == "opt");
        Assert.All(command.Parameters, p => Assert.False(p.IsRequired));
        Assert.Equal(["null", "0", "false", "\"None\"", null, "null", "0", "5"], command.Parameters.Select(p => p.DefaultValue));
        Assert.DoesNotContain("\"required\"", command.RequestSchema, StringComparison.Ordinal);
        Assert.Equal(new Commands.CommandParameterDescriptor("who", "string?", false, "null"), Assert.Single(commands.Single(c => c.Name == "opt.raw").Parameters));
        Assert.Equal(new Commands.CommandParameterDescriptor("value", "System.Text.Json.JsonElement", false, null), Assert.Single(commands.Single(c => c.Name == "opt.element").Parameters));
    }

    [Fact]
    public async Task Each_stated_default_sent_as_the_value_binds_to_the_default()
    {
        var command = _commands.CreateRegistry().Commands.Single(c => c.Name == "opt");
        foreach (var parameter in command.Parameters.Where(p => p.DefaultValue is not null))
        {
            Assert.Equal(Omitted, await _commands.SendAsync($$$"""{"name":"opt","value":{"{{{parameter.Name}}}":{{{parameter.DefaultValue}}}}}"""));
        }
    }

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source));
}

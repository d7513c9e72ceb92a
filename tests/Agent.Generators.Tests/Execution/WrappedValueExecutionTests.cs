using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A command whose one complex parameter is sent as the bare object (its properties at the top
/// level) is refused with a hint to wrap it; another unknown property gets a hint only when it
/// differs from a parameter only in case, and a missing one none.
/// </summary>
public sealed class WrappedValueExecutionTests(WrappedValueExecutionTests.Compiled compiled) : IClassFixture<WrappedValueExecutionTests.Compiled>
{
    private const string Source = """
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed record Spec(string Name, int Size);

        [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
        [JsonSerializable(typeof(Spec))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("create")] public static string Create(Spec spec) => spec.Name + spec.Size;

            [Command("resize")] public static string Resize(Spec spec, bool force = false) => spec.Name + force;

            [Command("pair")] public static string Pair(Spec a, Spec b) => a.Name + b.Name;
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("""{"name":"create","value":{"spec":{"name":"a","size":2}}}""", """{"returncode":"0","message":"a2"}""")]
    [InlineData("""{"name":"create","value":{"name":"a","size":2}}""", """{"returncode":"500","message":"Command 'create' has no property 'name' (the value is an object with property 'spec'; send {'spec': {...}})"}""")]
    [InlineData("""{"name":"create","value":{"size":2}}""", """{"returncode":"500","message":"Command 'create' has no property 'size' (the value is an object with property 'spec'; send {'spec': {...}})"}""")]
    [InlineData("""{"name":"create","value":{"Name":"a"}}""", """{"returncode":"500","message":"Command 'create' has no property 'Name' (the value is an object with property 'spec'; send {'spec': {...}})"}""")]
    [InlineData("""{"name":"create","value":{}}""", """{"returncode":"500","message":"Command 'create' requires property 'spec' (the value is an object with property 'spec'; send {'spec': {...}})"}""")]
    [InlineData("""{"name":"create","value":{"other":1}}""", """{"returncode":"500","message":"Command 'create' has no property 'other'"}""")]
    [InlineData("""{"name":"create","value":{"Spec":{"name":"a","size":2}}}""", """{"returncode":"500","message":"Command 'create' has no property 'Spec' (did you mean 'spec'? names are case-sensitive)"}""")]
    [InlineData("""{"name":"resize","value":{"force":true,"name":"a"}}""", """{"returncode":"500","message":"Command 'resize' has no property 'name' (the value is an object with property 'spec'; send {'spec': {...}})"}""")]
    [InlineData("""{"name":"resize","value":{"spec":{"name":"a","size":1},"force":true}}""", """{"returncode":"0","message":"aTrue"}""")]
    [InlineData("""{"name":"pair","value":{"name":"a"}}""", """{"returncode":"500","message":"Command 'pair' has no property 'name'"}""")]
    [InlineData("""{"name":"pair","value":{}}""", """{"returncode":"500","message":"Command 'pair' requires property 'a'"}""")]
    public async Task Bare_object_of_the_lone_complex_parameter_gets_a_hint(string request, string expected) =>
        Assert.Equal(expected, await _commands.SendAsync(request));

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source));
}

using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A command whose one complex parameter is sent as the bare object (its properties at the top
/// level) is refused with a hint to wrap it; another unknown property gets a hint only when it
/// differs from a parameter only in case, and a missing one none. The hint's <c>{...}</c> says the
/// value is an object: a lone complex parameter whose JSON is something else (an array, a
/// <c>char</c>'s string, a node that may be any value) gets none when it is missing.
/// </summary>
public sealed class WrappedValueExecutionTests(WrappedValueExecutionTests.Compiled compiled) : IClassFixture<WrappedValueExecutionTests.Compiled>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed record Spec(string Name, int Size);

        [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
        [JsonSerializable(typeof(Spec))]
        [JsonSerializable(typeof(List<string>))]
        [JsonSerializable(typeof(char))]
        [JsonSerializable(typeof(Dictionary<string, string>))]
        [JsonSerializable(typeof(JsonNode))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("create")] public static string Create(Spec spec) => spec.Name + spec.Size;

            [Command("resize")] public static string Resize(Spec spec, bool force = false) => spec.Name + force;

            [Command("pair")] public static string Pair(Spec a, Spec b) => a.Name + b.Name;

            [Command("maybe")] public static string Maybe(Spec? spec) => spec?.Name ?? "none";

            [Command("tags")] public static string Tags(List<string> tags, bool force = false) => string.Join(',', tags);

            [Command("letter")] public static string Letter(char c) => c.ToString();

            [Command("labels")] public static string Labels(Dictionary<string, string> env) => string.Join(',', env.Keys);

            [Command("node")] public static string Node(JsonNode node) => node.ToJsonString();
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

    [Theory]
    [InlineData("""{"name":"maybe","value":{}}""", """{"returncode":"500","message":"Command 'maybe' requires property 'spec' (the value is an object with property 'spec'; send {'spec': {...}})"}""")]
    [InlineData("""{"name":"labels","value":{}}""", """{"returncode":"500","message":"Command 'labels' requires property 'env' (the value is an object with property 'env'; send {'env': {...}})"}""")]
    [InlineData("""{"name":"tags","value":{"force":true}}""", """{"returncode":"500","message":"Command 'tags' requires property 'tags'"}""")]
    [InlineData("""{"name":"letter","value":{}}""", """{"returncode":"500","message":"Command 'letter' requires property 'c'"}""")]
    [InlineData("""{"name":"node","value":{}}""", """{"returncode":"500","message":"Command 'node' requires property 'node'"}""")]
    [InlineData("""{"name":"tags","value":{"tags":["a","b"]}}""", """{"returncode":"0","message":"a,b"}""")]
    public async Task Missing_lone_complex_parameter_gets_the_object_hint_only_when_its_value_is_an_object(string request, string expected) =>
        Assert.Equal(expected, await _commands.SendAsync(request));

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source));
}

using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Torture;

/// <summary>
/// The identifier clashes of <see cref="IdentifierTortureTests"/> for the shapes that need the
/// assembly's JSON context: a lone complex parameter, whose binder looks up the type's properties
/// to hint that the bare object was sent. The clashing types (<c>var</c>, framework type names)
/// live in the <c>GuestAgent</c> namespace, in scope for the generated code but not for the
/// System.Text.Json generator's output (which declares <c>var</c> locals of its own).
/// </summary>
public sealed class JsonContextIdentifierTortureTests(JsonContextIdentifierTortureTests.Compiled compiled) : IClassFixture<JsonContextIdentifierTortureTests.Compiled>
{
    private const string Source = """
        #pragma warning disable CS8981 // lower-case type names: the point of the test
        [assembly: CommandJsonContext(typeof(Sample.TortureJson))]

        namespace GuestAgent
        {
            public class var { }
            public class dynamic { }
            public class String { }
            public class StringComparison { }
            public class JsonTypeInfo { }
            public class JsonPropertyInfo { }
            public class Task { }
            public class ValueTask { }
        }

        namespace Sample
        {
            public sealed class Spec
            {
                public string Name { get; set; } = "";
                public int Count { get; set; }
            }

            [System.Flags] public enum Access { None = 0, Read = 1, @class = 2 }

            [System.Text.Json.Serialization.JsonSerializable(typeof(Spec))]
            internal partial class TortureJson : System.Text.Json.Serialization.JsonSerializerContext;

            public static class Clashes
            {
                [Command("lone")]
                public static string Lone(Spec spec, string unknown = "u", int wrappedInfo = 1, bool comparison = true, string property = "p", string reader = "r") =>
                    string.Join("|", spec.Name, spec.Count, unknown, wrappedInfo, comparison, property, reader);

                [Command("lone.flags")]
                public static string LoneFlags(Spec part, Access access) => part.Name + "|" + access;
            }
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("""{"name":"lone","value":{"spec":{"Name":"n","Count":2}}}""", "n|2|u|1|True|p|r")]
    [InlineData("""{"name":"lone","value":{"spec":{"Name":"n"},"unknown":"k","wrappedInfo":3,"comparison":false,"property":"q","reader":"s"}}""", "n|0|k|3|False|q|s")]
    [InlineData("""{"name":"lone.flags","value":{"part":{"Name":"n"},"access":"Read, class"}}""", "n|Read, class")]
    public async Task Each_value_reaches_its_own_parameter(string request, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await _commands.SendAsync(request));

    [Theory]
    [InlineData("""{"name":"lone","value":{"Name":"n"}}""", "Command 'lone' has no property 'Name' (the value is an object with property 'spec'; send {'spec': {...}})")]
    [InlineData("""{"name":"lone","value":{"unknown":"k"}}""", "Command 'lone' requires property 'spec' (the value is an object with property 'spec'; send {'spec': {...}})")]
    [InlineData("""{"name":"lone.flags","value":{"Count":1}}""", "Command 'lone.flags' has no property 'Count' (the value is an object with property 'part'; send {'part': {...}})")]
    [InlineData("""{"name":"lone.flags","value":{"part":{},"access":"Write"}}""", "Property 'access' of command 'lone.flags' must be names from 'None', 'Read', 'class' separated by commas, or a number combining them")]
    public async Task Errors_name_the_right_property(string request, string message) =>
        Assert.Equal($$"""{"returncode":"500","message":"{{message}}"}""", await _commands.SendAsync(request));

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(TortureCompiler.Load(TortureCompiler.Usings + Source));
}

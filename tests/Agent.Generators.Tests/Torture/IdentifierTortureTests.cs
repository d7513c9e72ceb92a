using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Torture;

/// <summary>
/// Names that clash with what the generated code uses: parameters named like its locals, C#
/// keywords and Unicode as names, user types named like framework types, a type named
/// <c>var</c>, namespaces called GuestAgent or System. All must compile warning-free under the
/// strictest settings and bind each value to its own parameter. A <c>[Flags]</c> enum, whose read
/// declares locals of its own, is here with parameters named like them; the shapes that need a
/// JSON context are in <see cref="JsonContextIdentifierTortureTests"/>.
/// </summary>
public sealed class IdentifierTortureTests(IdentifierTortureTests.Compiled compiled) : IClassFixture<IdentifierTortureTests.Compiled>
{
    private const string Source = """
        #pragma warning disable CS8981 // lower-case type names: the point of the test
        public class var { }
        public class dynamic { }

        public static class GlobalCommands
        {
            [Command("global")] public static string Run(int a = 1) => "global " + a;
        }

        namespace Sample
        {
            public class Task { }
            public class ValueTask { }
            public class JsonElement { }
            public class CommandResult { }
            public class String { }
            public class Guid { }
            public class CancellationToken { }
            public class Utf8JsonReader { }

            [System.Flags] public enum Access { None = 0, Read = 1, @class = 2 }

            public static class Clashes
            {
                [Command("locals")]
                public static string Locals(string value, int result, string context, string invocation, string name, string span, string reader, string json, string e, string _) =>
                    string.Join("|", value, result, context, invocation, name, span, reader, json, e, _);

                [Command("helpers")]
                public static string Helpers(string services, string utf8Name, string a0, string has_x, string p_x, string x, int read_p_x, string BindingFailed, string Describe_helpers) =>
                    string.Join("|", services, utf8Name, a0, has_x, p_x, x, read_p_x, BindingFailed, Describe_helpers);

                [Command("keywords")]
                public static string Keywords(string @class, int @event, string? @null = null) => @class + "|" + @event + "|" + (@null ?? "-");

                [Command("case")]
                public static string Case(int Value, int value) => Value + "|" + value;

                [Command("unicode")]
                public static string Unicode(string ñame, int 数 = 7) => ñame + "|" + 数;

                [Command("host")]
                public static string Host(System.Threading.CancellationToken cancellationToken, GuestAgent.Commands.CommandContext context) =>
                    context.CommandName + "|" + cancellationToken.CanBeCanceled;

                [Command("shadow")]
                public static System.Threading.Tasks.Task<string> Shadow(string value) => System.Threading.Tasks.Task.FromResult("shadow " + value);

                [Command("shadow2")]
                public static GuestAgent.Commands.CommandResult Shadow2(System.Guid id, System.Text.Json.JsonElement data) => GuestAgent.Commands.CommandResult.Ok(id.ToString("N").Substring(0, 4) + data.GetRawText());

                [Command("flags")]
                public static string Flags(Access part, Access? number_p_part = null, string text_p_part = "t", string flags_p_part = "f") =>
                    string.Join("|", part, number_p_part?.ToString() ?? "-", text_p_part, flags_p_part);

                [Command("typed")]
                public static long Typed(int a, System.Guid g, System.DayOfWeek d) => a + (int)d;
            }

            public class @class
            {
                [Command("kw.instance")] public string Run(int @int) => "instance " + @int;
            }

            public static class @event
            {
                [Command("kw.static")] public static string Run() => "static";
            }

            public class var2(System.IServiceProvider services)
            {
                [Command("primary")] public async System.Threading.Tasks.Task<int> Run(int n) { await System.Threading.Tasks.Task.Yield(); return services is null ? -1 : n * 2; }
            }
        }

        namespace Ñandú.Ölçer
        {
            public class Größe { [Command("unicode.type")] public string Run(int 値 = 1) => "groesse " + 値; }
        }

        namespace GuestAgent
        {
            public static class InRuntimeNamespace { [Command("ns.guestagent")] public static string Run(int a) => "guestagent " + a; }
        }

        namespace GuestAgent.Generated.Sub
        {
            public class InGeneratedNamespace { [Command("ns.generated")] public string Run(int a) => "generated " + a; }
        }

        namespace System
        {
            public static class InSystem { [Command("ns.system")] public static string Run(int a) => "system " + a; }
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("""{"name":"locals","value":{"value":"v","result":2,"context":"c","invocation":"i","name":"n","span":"s","reader":"r","json":"j","e":"e","_":"u"}}""", "v|2|c|i|n|s|r|j|e|u")]
    [InlineData("""{"name":"helpers","value":{"services":"s","utf8Name":"u","a0":"a","has_x":"h","p_x":"p","x":"x","read_p_x":3,"BindingFailed":"b","Describe_helpers":"d"}}""", "s|u|a|h|p|x|3|b|d")]
    [InlineData("""{"name":"keywords","value":{"class":"c","event":5}}""", "c|5|-")]
    [InlineData("""{"name":"keywords","value":{"class":"c","event":5,"null":"n"}}""", "c|5|n")]
    [InlineData("""{"name":"case","value":{"Value":1,"value":2}}""", "1|2")]
    [InlineData("""{"name":"case","value":{"value":2,"Value":1}}""", "1|2")]
    [InlineData("""{"name":"unicode","value":{"ñame":"x"}}""", "x|7")]
    [InlineData("""{"name":"unicode","value":{"ñame":"x","数":3}}""", "x|3")]
    [InlineData("""{"name":"host"}""", "host|True")]
    [InlineData("""{"name":"shadow","value":"s"}""", "shadow s")]
    [InlineData("""{"name":"shadow2","value":{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","data":[1]}}""", "0f8f[1]")]
    [InlineData("""{"name":"flags","value":{"part":"Read, class"}}""", "Read, class|-|t|f")]
    [InlineData("""{"name":"flags","value":{"part":1,"number_p_part":"class","text_p_part":"x","flags_p_part":"y"}}""", "Read|class|x|y")]
    [InlineData("""{"name":"typed","value":{"a":1,"g":"0f8fad5b-d9cb-469f-a165-70867728950e","d":"Friday"}}""", "6")]
    [InlineData("""{"name":"kw.instance","value":{"int":4}}""", "instance 4")]
    [InlineData("""{"name":"kw.static"}""", "static")]
    [InlineData("""{"name":"primary","value":{"n":21}}""", "42")]
    [InlineData("""{"name":"unicode.type"}""", "groesse 1")]
    [InlineData("""{"name":"global"}""", "global 1")]
    [InlineData("""{"name":"ns.guestagent","value":{"a":1}}""", "guestagent 1")]
    [InlineData("""{"name":"ns.generated","value":{"a":2}}""", "generated 2")]
    [InlineData("""{"name":"ns.system","value":{"a":3}}""", "system 3")]
    public async Task Each_value_reaches_its_own_parameter(string request, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await _commands.SendAsync(request));

    /// <summary>authoring-commands.md: property names match the parameter names exactly, so two parameters may differ only in case.</summary>
    [Theory]
    [InlineData("""{"name":"case","value":{"Value":1}}""", "Command 'case' requires property 'value'")]
    [InlineData("""{"name":"case","value":{"value":1,"VALUE":1}}""", "Command 'case' has no property 'VALUE'")]
    [InlineData("""{"name":"keywords","value":{"@class":"c","event":5}}""", "Command 'keywords' has no property '@class'")]
    [InlineData("""{"name":"flags","value":{"part":"Read, Write"}}""", "Property 'part' of command 'flags' must be names from 'None', 'Read', 'class' separated by commas, or a number combining them")]
    public async Task Property_names_match_exactly(string request, string message) =>
        Assert.Equal($$"""{"returncode":"500","message":"{{message}}"}""", await _commands.SendAsync(request));

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(TortureCompiler.Load(TortureCompiler.Usings + Source));
}

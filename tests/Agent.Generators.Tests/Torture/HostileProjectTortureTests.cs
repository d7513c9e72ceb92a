using GuestAgent.Generators.Tests.Infrastructure;
using GuestAgent.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GuestAgent.Generators.Tests.Torture;

/// <summary>
/// A command library written as a hostile project is (session 58's hunt; each shape compiled clean
/// before it was pinned here): <c>global using</c> aliases that give framework names (<c>Task</c>,
/// <c>ValueTask</c>, <c>CancellationToken</c>, <c>JsonSerializer</c>, <c>JsonElement</c>, <c>ILogger</c>,
/// <c>String</c>, <c>Exception</c>, <c>Type</c>, <c>IServiceProvider</c>, <c>InvalidOperationException</c>)
/// and <c>Generated</c> or <c>Commands</c> to the user's own types, a <c>global using static</c> of extension
/// methods named like the reader's and the span's methods the generated code calls, types named
/// <c>Task</c>, <c>CancellationToken</c>, <c>JsonSerializer</c> and <c>ILogger</c> in namespace
/// <c>System</c>, and commands split across files in file-scoped namespaces with parameters named like
/// the generated locals. Built at C# 11 without nullable annotations, no implicit usings, checked
/// arithmetic (<c>CheckForOverflowUnderflow</c>) and the compiler's strict mode, and at today's C# with
/// annotations on; the edge numbers a checked context would throw on are dispatched.
/// </summary>
public sealed class HostileProjectTortureTests
{
    private const string GlobalUsings = """
        global using System.Collections.Generic;
        global using GuestAgent.Commands;
        global using Task = Hostile.Types.Task;
        global using ValueTask = Hostile.Types.ValueTask;
        global using CancellationToken = Hostile.Types.CancellationToken;
        global using JsonSerializer = Hostile.Types.JsonSerializer;
        global using JsonElement = Hostile.Types.JsonElement;
        global using ILogger = Hostile.Types.ILogger;
        global using String = Hostile.Types.String;
        global using Exception = Hostile.Types.Exception;
        global using Type = Hostile.Types.Type;
        global using IServiceProvider = Hostile.Types.IServiceProvider;
        global using InvalidOperationException = Hostile.Types.InvalidOperationException;
        global using Generated = Hostile.Types;
        global using Commands = Hostile.Types;
        global using static Hostile.Types.Extensions;
        [assembly: CommandJsonContext(typeof(Hostile.Cmds.HostileJson))]
        """;

    private const string Types = """
        namespace Hostile.Types
        {
            public class Task { }
            public class ValueTask { }
            public class CancellationToken { }
            public class JsonSerializer { }
            public class JsonElement { }
            public interface ILogger { }
            public class String { }
            public class Exception { }
            public class Type { }
            public interface IServiceProvider { }
            public class InvalidOperationException { }
            public class CommandResult { }

            public static class Extensions
            {
                public static bool SequenceEqual(this System.ReadOnlySpan<byte> a, System.ReadOnlySpan<byte> b) => throw new System.NotSupportedException("the user's SequenceEqual");
                public static System.Threading.Tasks.ValueTask<T> ConfigureAwait<T>(this System.Threading.Tasks.ValueTask<T> task, bool context) => throw new System.NotSupportedException("the user's ConfigureAwait");
                public static string GetString(this object value) => "the user's GetString";
                public static bool ValueTextEquals(this object value, string text) => false;
                public static int Read(this object value) => 0;
            }
        }

        namespace System
        {
            public class Task { }
            public class CancellationToken { }
            public class JsonSerializer { }
            public class ILogger { }
        }
        """;

    private const string Commands = """
        namespace Hostile.Cmds;

        public sealed record Thing(string Name, int Count);

        [System.Text.Json.Serialization.JsonSerializable(typeof(Thing))]
        [System.Text.Json.Serialization.JsonSerializable(typeof(List<Thing>))]
        internal sealed partial class HostileJson : System.Text.Json.Serialization.JsonSerializerContext { }

        [System.Flags]
        public enum Access : ulong { None = 0, Read = 1, Write = 2, Top = 0x8000000000000000 }

        public static class Locals
        {
            [Command("locals")]
            public static string Run(string context, string request, string services, string result, string json, string reader, int value, string invocation, string registry, string cancellationToken)
                => string.Join("|", context, request, services, result, json, reader, value, invocation, registry, cancellationToken);

            [Command("host")]
            public static async System.Threading.Tasks.Task<string> Host(Thing thing, System.Threading.CancellationToken cancellationToken, GuestAgent.Commands.CommandContext context, byte small = 255, sbyte low = -128, ulong big = ulong.MaxValue, long least = long.MinValue)
            {
                await System.Threading.Tasks.Task.Yield();
                return System.FormattableString.Invariant($"{context.CommandName}|{cancellationToken.CanBeCanceled}|{thing.Name}|{small}|{low}|{big}|{least}");
            }

            [Command("things")]
            public static System.Threading.Tasks.ValueTask<List<Thing>> Things(List<Thing> things) => new(things);

            [Command("element")]
            public static System.Text.Json.JsonElement Element(System.Text.Json.JsonElement element, int count = 0) => element;

            [Command("flags")]
            public static Access Flags(Access access = Access.Read | Access.Write, Access? more = null) => access | (more ?? Access.None);
        }

        public partial class Split
        {
            [Command("split.one")]
            public string One(int result) => "one " + result;
        }
        """;

    private const string OtherPart = """
        namespace Hostile.Cmds
        {
            public partial class Split
            {
                private readonly Microsoft.Extensions.Logging.ILogger<Split> logger;

                public Split(Microsoft.Extensions.Logging.ILogger<Split> logger) => this.logger = logger;

                [Command("split.two")]
                public string Two(string context = "two") => context + (logger is object);
            }
        }
        """;

    public static TheoryData<LanguageVersion, NullableContextOptions> Settings => new()
    {
        { LanguageVersion.CSharp11, NullableContextOptions.Disable },
        { LanguageVersion.Preview, NullableContextOptions.Enable },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task Generated_code_is_clean_and_dispatches(LanguageVersion version, NullableContextOptions nullable)
    {
        var compilation = TortureCompiler.Compile([GlobalUsings, Types, Commands, OtherPart], version, nullable);
        var strict = compilation.SyntaxTrees.Select(tree => tree.WithRootAndOptions(tree.GetRoot(TestContext.Current.CancellationToken), ((CSharpParseOptions)tree.Options).WithFeatures([new("strict", "true")])));
        compilation = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(strict).WithOptions(compilation.Options.WithOverflowChecks(true));
        using var commands = LoadedCommands.Load(TortureCompiler.Build(compilation));
        var services = new ServiceMap().Add<Microsoft.Extensions.Logging.ILoggerFactory>(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        Assert.Equal(
            """{"returncode":"0","message":"c|r|s|re|j|rd|1|i|g|t"}""",
            await commands.SendAsync("""{"name":"locals","value":{"context":"c","request":"r","services":"s","result":"re","json":"j","reader":"rd","value":1,"invocation":"i","registry":"g","cancellationToken":"t"}}"""));
        Assert.Equal("""{"returncode":"0","message":"host|True|n|255|-128|18446744073709551615|-9223372036854775808"}""", await commands.SendAsync("""{"name":"host","value":{"thing":{"Name":"n","Count":1}}}"""));
        Assert.Equal("""{"returncode":"0","message":"host|True|n|0|127|0|9223372036854775807"}""", await commands.SendAsync("""{"name":"host","value":{"thing":{"Name":"n","Count":1},"small":0,"low":127,"big":0,"least":9223372036854775807}}"""));
        Assert.Equal("""{"returncode":"500","message":"Property 'small' of command 'host' must be an integer from 0 to 255"}""", await commands.SendAsync("""{"name":"host","value":{"thing":{"Name":"n","Count":1},"small":256}}"""));
        Assert.Equal("""{"returncode":"0","message":"[{'Name':'a','Count':2}]"}""", await commands.SendAsync("""{"name":"things","value":{"things":[{"Name":"a","Count":2}]}}"""));
        Assert.Equal("""{"returncode":"0","message":"[1,2]"}""", await commands.SendAsync("""{"name":"element","value":{"element":[1,2]}}"""));
        Assert.Equal("""{"returncode":"0","message":"'Read, Write'"}""", await commands.SendAsync("""{"name":"flags"}"""));
        Assert.Equal("""{"returncode":"0","message":"'Read, Top'"}""", await commands.SendAsync("""{"name":"flags","value":{"access":9223372036854775808,"more":"Read"}}"""));
        Assert.Equal(
            """{"returncode":"500","message":"Property 'access' of command 'flags' must be names from 'None', 'Read', 'Write', 'Top' separated by commas, or a number combining them"}""",
            await commands.SendAsync("""{"name":"flags","value":{"access":18446744073709551615}}"""));
        Assert.Equal("""{"returncode":"0","message":"one 3"}""", await commands.SendAsync("""{"name":"split.one","value":{"result":3}}""", services));
        Assert.Equal("""{"returncode":"0","message":"twoTrue"}""", await commands.SendAsync("""{"name":"split.two"}""", services));
    }
}

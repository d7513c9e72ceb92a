using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// What the emitters write for forms the other samples use rarely, checked by running it: a nullable
/// complex result (sync and async), a void command's side effect, a string result of null (sync and
/// async), an instance class without constructor arguments, made once per registry, what the
/// descriptors say (a parameter's type, how the message is encoded) and a duplicate name left out.
/// </summary>
public sealed class EmitterExecutionTests(EmitterExecutionTests.Compiled compiled) : IClassFixture<EmitterExecutionTests.Compiled>
{
    private const string Source = """
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed record Chunk(string Path, long Offset);

        public enum Shade { Light, Dark }

        [JsonSerializable(typeof(Chunk))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Forms
        {
            private static int s_touched;

            [Command("maybe")] public static Chunk? Maybe(bool none = false) => none ? null : new("/x", 1);
            [Command("maybe.async")] public static async Task<Chunk?> MaybeAsync(bool none = false) { await Task.Yield(); return none ? null : new("/y", 2); }
            [Command("touch")] public static void Touch() => Interlocked.Increment(ref s_touched);
            [Command("touched")] public static int Touched() => Volatile.Read(ref s_touched);
            [Command("nothing.async")] public static Task<string?> NothingAsync() => Task.FromResult<string?>(null);
            [Command("nothing")] public static string? Nothing() => null;
            [Command("paint")] public static string Paint(Shade shade = Shade.Light, int coats = 1) => $"{shade} x{coats}";
            [Command("written")] public static CommandResult Written() => CommandResult.Ok("own");

            // One name twice (GA0001): neither gets code, and the registry must still compile without them.
            [Command("twice")] public static string First() => "first";
            [Command("twice")] public static string Second() => "second";
        }

        public sealed class Counter
        {
            private int _count;

            [Command("count")] public int Count() => ++_count;
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("""{"name":"maybe"}""", """{"returncode":"0","message":"{'Path':'/x','Offset':1}"}""")]
    [InlineData("""{"name":"maybe","value":{"none":true}}""", """{"returncode":"0","message":"null"}""")]
    [InlineData("""{"name":"maybe.async"}""", """{"returncode":"0","message":"{'Path':'/y','Offset':2}"}""")]
    [InlineData("""{"name":"maybe.async","value":{"none":true}}""", """{"returncode":"0","message":"null"}""")]
    [InlineData("""{"name":"nothing.async"}""", """{"returncode":"0","message":""}""")]
    [InlineData("""{"name":"nothing"}""", """{"returncode":"0","message":""}""")]
    public async Task Answers_rare_return_forms(string request, string expected) =>
        Assert.Equal(expected, await _commands.SendAsync(request));

    [Fact]
    public async Task A_void_command_runs_before_it_answers()
    {
        var before = int.Parse(Message(await _commands.SendAsync("""{"name":"touched"}""")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("""{"returncode":"0","message":""}""", await _commands.SendAsync("""{"name":"touch"}"""));
        Assert.Equal((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Message(await _commands.SendAsync("""{"name":"touched"}""")));
    }

    [Fact]
    public async Task A_class_without_constructor_arguments_is_made_once_per_registry()
    {
        var registry = _commands.CreateRegistry();
        Assert.Equal("""{"returncode":"0","message":"1"}""", await _commands.SendAsync("""{"name":"count"}""", registry: registry));
        Assert.Equal("""{"returncode":"0","message":"2"}""", await _commands.SendAsync("""{"name":"count"}""", registry: registry));
        Assert.Equal("""{"returncode":"0","message":"1"}""", await _commands.SendAsync("""{"name":"count"}"""));
    }

    /// <summary>
    /// The protocol layer writes a null message as "" too, so only a caller of <c>TryDispatch</c>
    /// itself sees that the registry never hands out a null message (<c>CommandResult.Message</c> is not nullable).
    /// </summary>
    [Theory]
    [InlineData("nothing")]
    [InlineData("nothing.async")]
    public async Task A_null_string_result_is_the_empty_message(string name)
    {
        var invocation = new Commands.CommandInvocation("id", new Commands.ExchangeSession(), Commands.EmptyServiceProvider.Instance, TestContext.Current.CancellationToken);
        Assert.True(_commands.CreateRegistry().TryDispatch(System.Text.Encoding.UTF8.GetBytes(name), "\"\""u8.ToArray(), invocation, out var running));
        Assert.Equal(new Commands.CommandResult("0", ""), await running);
    }

    [Theory]
    [InlineData("touch", Commands.CommandResultEncoding.None)]
    [InlineData("touched", Commands.CommandResultEncoding.Json)]
    [InlineData("maybe.async", Commands.CommandResultEncoding.Json)]
    [InlineData("nothing", Commands.CommandResultEncoding.Text)]
    [InlineData("nothing.async", Commands.CommandResultEncoding.Text)]
    [InlineData("written", Commands.CommandResultEncoding.Unknown)]
    public void The_descriptor_states_how_the_message_is_encoded(string name, Commands.CommandResultEncoding expected) =>
        Assert.Equal(expected, _commands.CreateRegistry().Commands.Single(c => c.Name == name).ResultEncoding);

    [Fact]
    public void The_descriptor_names_a_parameter_type_as_written_without_global()
    {
        var paint = _commands.CreateRegistry().Commands.Single(c => c.Name == "paint");
        Assert.Equal(["Sample.Shade", "int"], paint.Parameters.Select(p => p.Type));
    }

    [Fact]
    public async Task A_name_used_twice_is_left_out_of_the_registry()
    {
        Assert.DoesNotContain("twice", _commands.CreateRegistry().Commands.Select(c => c.Name));
        Assert.Equal("""{"returncode":"404","message":"No such agent command 'twice'"}""", await _commands.SendAsync("""{"name":"twice"}"""));
    }

    private static string Message(string response) =>
        System.Text.Json.JsonDocument.Parse(response).RootElement.GetProperty("message").GetString()!;

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source));
}

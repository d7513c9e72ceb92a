using GuestAgent.Generators.Tests.Infrastructure;
using GuestAgent.Generators.Tests.Torture;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A <c>Task?</c> or <c>Task&lt;T&gt;?</c> marked <c>[return: NotNull]</c> promises a task: the caller's flow
/// state, the generated await's too, takes it as not null, so it is served as <c>Task</c> and
/// <c>Task&lt;T&gt;</c> are, its result (<c>T</c>, with its own annotation) unchanged. Refused with GA0008
/// before session 29, as an unmarked <c>Task?</c> still is.
/// </summary>
public sealed class NotNullTaskExecutionTests
{
    private const string Source = """
        using System.Diagnostics.CodeAnalysis;
        using System.Threading.Tasks;
        using GuestAgent.Commands;

        namespace Sample;

        public static class Tasks
        {
            [Command("run")] [return: NotNull] public static Task? Run() => Task.CompletedTask;
            [Command("text")] [return: NotNull] public static Task<string>? Text(string value) => Task.FromResult(value.ToUpperInvariant());
            [Command("maybe")] [return: NotNull] public static Task<int?>? Maybe(int? n = null) => Task.FromResult(n);
            [Command("plain")] public static Task<int?> Plain(int? n = null) => Task.FromResult(n);
            [Command("later")] [return: NotNull] public static Task<string?>? Later(string? value = null) => Later2(value);

            private static async Task<string?> Later2(string? value)
            {
                await Task.Yield();
                return value;
            }
        }
        """;

    [Fact]
    public async Task A_task_marked_not_null_draws_no_diagnostic_and_is_awaited_for_its_result()
    {
        var compilation = TortureCompiler.Compile([Source]);
        var (output, _) = TortureCompiler.Generate(compilation);
        Assert.Empty((await TestCompiler.AnalyzeAsync(output)).Select(d => d.ToString()));

        using var commands = LoadedCommands.Load(TortureCompiler.Build(compilation));
        Assert.Equal("""{"returncode":"0","message":""}""", await commands.SendAsync("""{"name":"run"}"""));
        Assert.Equal("""{"returncode":"0","message":"ABC"}""", await commands.SendAsync("""{"name":"text","value":"abc"}"""));
        Assert.Equal("""{"returncode":"0","message":"3"}""", await commands.SendAsync("""{"name":"maybe","value":{"n":3}}"""));
        Assert.Equal("""{"returncode":"0","message":"null"}""", await commands.SendAsync("""{"name":"maybe"}"""));
        Assert.Equal("""{"returncode":"0","message":"late"}""", await commands.SendAsync("""{"name":"later","value":"late"}"""));
        Assert.Equal("""{"returncode":"0","message":""}""", await commands.SendAsync("""{"name":"later"}"""));

        // Described as the same method declared without the '?' and the attribute.
        var registry = commands.CreateRegistry().Commands;
        Assert.Equal(registry.Single(c => c.Name == "plain").ResultSchema, registry.Single(c => c.Name == "maybe").ResultSchema);
        Assert.Equal(registry.Single(c => c.Name == "plain").ResultEncoding, registry.Single(c => c.Name == "maybe").ResultEncoding);
    }

    [Fact]
    public async Task A_task_marked_both_not_null_and_maybe_null_is_still_refused()
    {
        var compilation = TortureCompiler.Compile(["""
            using System.Diagnostics.CodeAnalysis;
            using System.Threading.Tasks;
            using GuestAgent.Commands;

            public static class Tasks
            {
                [Command("run")] [return: NotNull, MaybeNull] public static Task? Run() => Task.CompletedTask;
                [Command("bare")] public static Task<string>? Bare() => Task.FromResult("x");
            }
            """]);
        var (output, _) = TortureCompiler.Generate(compilation);

        Assert.Equal(["Tasks.Run()", "Tasks.Bare()"], (await TestCompiler.AnalyzeAsync(output)).Where(d => d.Id == "GA0008").OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage().Split('\'')[1]));
    }

    [Fact]
    public async Task A_nullable_ValueTask_is_refused_for_what_it_is_with_or_without_NotNull()
    {
        // ValueTask? is Nullable<ValueTask>, not awaitable whatever [return: NotNull] promises; the
        // message used to be the parameter's "a task is not a value", wrong for a return type.
        var compilation = TortureCompiler.Compile(["""
            using System.Diagnostics.CodeAnalysis;
            using System.Threading.Tasks;
            using GuestAgent.Commands;

            public static class Tasks
            {
                [Command("run")] [return: NotNull] public static ValueTask? Run() => default(ValueTask);
                [Command("count")] [return: NotNull] public static ValueTask<int>? Count() => new ValueTask<int>(1);
                [Command("bare")] public static ValueTask<string?>? Bare() => null;
            }
            """]);
        var (output, _) = TortureCompiler.Generate(compilation);

        Assert.Equal(
            ["'ValueTask?' […] return 'ValueTask' (a completed one instead of null) and drop the '?'",
             "'ValueTask<int>?' […] return 'ValueTask<int>' (a completed one instead of null) and drop the '?'",
             "'ValueTask<string?>?' […] return 'ValueTask<string?>' (a completed one instead of null) and drop the '?'"],
            (await TestCompiler.AnalyzeAsync(output)).Where(d => d.Id == "GA0008").OrderBy(d => d.Location.SourceSpan.Start)
                .Select(d => d.GetMessage()).Select(m => m[m.IndexOf("returns ", StringComparison.Ordinal)..].Replace("returns ", "", StringComparison.Ordinal)
                    .Replace(", which is not a supported return type: a nullable ValueTask cannot be awaited, so the registry cannot take its result;", " […]", StringComparison.Ordinal)));
    }
}

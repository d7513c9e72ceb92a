using System.Collections;
using System.Reflection;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GuestAgent.Generators.Tests.Generation;

/// <summary>
/// The pipeline stays cached across edits that do not change a command, and only its values (no
/// Roslyn objects) flow through it (generator-practices.md §5.2).
/// </summary>
public sealed class IncrementalCachingTests
{
    private const string Commands = """
        using System.Threading;
        using System.Threading.Tasks;
        using GuestAgent.Commands;

        namespace Sample;

        public static class Files
        {
            /// <summary>Reads a file.</summary>
            [Command("file.read")]
            public static string Read(string path, int count = 10) => path.Substring(0, count);

            [Command("ping")]
            public static Task<string> Ping(CancellationToken cancellationToken) => Task.FromResult("pong");
        }

        public sealed class Keys(System.IServiceProvider services)
        {
            [Command("keyinit")]
            public CommandResult KeyInit(System.Text.Json.JsonElement value) => new("D0", services.ToString()!);
        }
        """;

    /// <summary>The steps that carry models: only values, never a Roslyn object.</summary>
    private static readonly string[] ModelSteps =
    [
        TrackingNames.Settings, TrackingNames.EmitSettings, TrackingNames.References, TrackingNames.Extract,
        TrackingNames.RemoveNulls, TrackingNames.Names, TrackingNames.Duplicates, TrackingNames.CommandOutputs,
        TrackingNames.Registry, TrackingNames.Aggregate,
    ];

    /// <summary>
    /// The analyzer fallback's steps: they hold the compilation and the options by design, but
    /// only when the build skips analyzers; otherwise <c>null</c>, so an edit leaves them unchanged.
    /// </summary>
    private static readonly string[] FallbackSteps = [TrackingNames.AnalyzersOff, TrackingNames.Unanalyzed, TrackingNames.UnanalyzedWithOptions];

    private static readonly string[] TrackedNames = [.. ModelSteps, .. FallbackSteps];

    [Fact]
    public void Running_twice_on_a_clone_caches_every_step()
    {
        var compilation = TestCompiler.Compile(Commands);
        var (first, second) = RunTwice(compilation, compilation.Clone());

        AssertAllCached(second);
        Assert.Equal(Texts(first), Texts(second));
    }

    [Fact]
    public void An_unrelated_file_leaves_every_step_cached()
    {
        var compilation = TestCompiler.Compile(Commands);
        var edited = compilation.AddSyntaxTrees(Parse("namespace Sample; public sealed class Unrelated { public int X { get; set; } }"));

        AssertAllCached(RunTwice(compilation, edited).Second);
    }

    [Fact]
    public void An_edit_inside_a_method_body_leaves_every_output_cached()
    {
        var compilation = TestCompiler.Compile(Commands);
        var edited = Replace(compilation, "path.Substring(0, count)", "path.Substring(1, count - 1) /* changed */");

        var second = RunTwice(compilation, edited).Second;

        AssertAllCached(second);
        Assert.Contains(Reasons(second, TrackingNames.Extract), r => r == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void With_analyzers_off_an_edit_reruns_only_the_fallback_analysis()
    {
        var compilation = TestCompiler.Compile(Commands);
        var edited = Replace(compilation, "path.Substring(0, count)", "path.Substring(1, count - 1) /* changed */");
        var driver = TestCompiler.CreateDriver(trackSteps: true, buildProperties: BuildProperties.AnalyzersOff)
            .RunGenerators(compilation, TestContext.Current.CancellationToken)
            .RunGenerators(edited, TestContext.Current.CancellationToken);
        var second = driver.GetRunResult();

        // The fallback analyses the new compilation: its diagnostics must not go stale.
        Assert.All(Reasons(second, TrackingNames.Unanalyzed), r => Assert.Equal(IncrementalStepRunReason.Modified, r));
        Assert.All(Reasons(second, TrackingNames.UnanalyzedWithOptions), r => Assert.Equal(IncrementalStepRunReason.Modified, r));
        Assert.Same(edited, Assert.Single(second.Results.Single().TrackedSteps[TrackingNames.Unanalyzed].SelectMany(s => s.Outputs)).Value);
        foreach (var name in ModelSteps)
        {
            Assert.All(Reasons(second, name), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Step {name} ran with {r}"));
        }
    }

    [Fact]
    public void A_signature_edit_modifies_the_command_and_its_output()
    {
        var compilation = TestCompiler.Compile(Commands);
        var edited = Replace(compilation, "int count = 10", "long count = 10");

        var second = RunTwice(compilation, edited).Second;

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.Extract));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.CommandOutputs));
        Assert.Contains(IncrementalStepRunReason.Modified, OutputReasons(second));
        var registry = Reasons(second, TrackingNames.Registry).ToList();
        Assert.NotEmpty(registry);
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, registry);
    }

    [Fact]
    public void Stating_a_request_schema_modifies_only_that_commands_output()
    {
        var compilation = TestCompiler.Compile(Commands);
        var edited = Replace(compilation, "[Command(\"keyinit\")]", "[Command(\"keyinit\", RequestSchema = \"\"\"{ \"type\": \"string\" }\"\"\")]");

        var (_, second) = RunTwice(compilation, edited);

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.Extract));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.CommandOutputs));
        var keyinit = second.GeneratedTrees.Single(t => t.FilePath.EndsWith(".keyinit.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Contains("{\\\"$schema\\\":\\\"https://json-schema.org/draft/2020-12/schema\\\",\\\"type\\\":\\\"string\\\"}", keyinit, StringComparison.Ordinal);
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.Registry));
    }

    [Fact]
    public void Renaming_a_command_modifies_the_registry()
    {
        var compilation = TestCompiler.Compile(Commands);
        var edited = Replace(compilation, "\"ping\"", "\"pong\"");

        var second = RunTwice(compilation, edited).Second;

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.Registry));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.Aggregate));
    }

    /// <summary>
    /// A <c>[FromKeyedServices(key)]</c> parameter: its key is model text, so a clone caches every
    /// step, the models stay equal, and only a change of the key reaches the registry.
    /// </summary>
    [Fact]
    public void A_keyed_parameter_caches_and_only_a_key_edit_modifies_the_registry()
    {
        var keyed = Commands.Replace(
            "public sealed class Keys(System.IServiceProvider services)",
            "public sealed class Keys(System.IServiceProvider services, [Microsoft.Extensions.DependencyInjection.FromKeyedServices(\"fast\")] System.IDisposable? cache, [Microsoft.Extensions.DependencyInjection.FromKeyedServices(typeof(Files))] System.IDisposable? typed)",
            StringComparison.Ordinal);
        var compilation = TestCompiler.CompileAssembly("Tests.Commands", [Execution.KeyedServiceExecutionTests.DependencyInjection], keyed);
        var (first, second) = RunTwice(compilation, compilation.Clone());
        AssertAllCached(second);
        Assert.Equal(Texts(first), Texts(second));
        Assert.Equal(Models(compilation), Models(compilation.Clone()));

        var edited = RunTwice(compilation, Replace(compilation, "FromKeyedServices(\"fast\")", "FromKeyedServices(\"slow\")")).Second;

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(edited, TrackingNames.Registry));
        Assert.Contains("GetKeyedService(typeof(global::System.IDisposable), \"slow\")", string.Concat(edited.GeneratedTrees.Select(t => t.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public void Fixing_an_invalid_command_modifies_its_model()
    {
        var compilation = TestCompiler.Compile(Commands.Replace("public static Task<string> Ping", "private static Task<string> Ping", StringComparison.Ordinal));
        var edited = Replace(compilation, "private static Task<string> Ping", "public static Task<string> Ping");

        var (first, second) = RunTwice(compilation, edited);

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.Extract));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.Registry));
        Assert.DoesNotContain(first.GeneratedTrees, t => t.FilePath.EndsWith("ping.g.cs", StringComparison.Ordinal));
        Assert.Contains(second.GeneratedTrees, t => t.FilePath.EndsWith("ping.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Incremental_output_equals_a_fresh_run_after_a_cross_file_edit()
    {
        const string Context = """
            using System.Text.Json.Serialization;
            [assembly: GuestAgent.Commands.CommandJsonContext(typeof(Sample.Json))]
            namespace Sample;
            public sealed record Move(string From, string To);
            public sealed record Other(int N);
            [JsonSerializable(typeof(Other))]
            public partial class Json : JsonSerializerContext;
            """;
        const string Command = """
            namespace Sample;
            public static class Moves { [GuestAgent.Commands.Command("move")] public static void Run(Move move) { } }
            """;
        var compilation = TestCompiler.Compile(Context, Command);
        var edited = Replace(compilation, "[JsonSerializable(typeof(Other))]", "[JsonSerializable(typeof(Other))]\n[JsonSerializable(typeof(Move))]");

        var incremental = RunTwice(compilation, edited).Second;
        var fresh = TestCompiler.CreateDriver().RunGenerators(edited, TestContext.Current.CancellationToken).GetRunResult();

        Assert.Contains(incremental.GeneratedTrees, t => t.FilePath.EndsWith("move.g.cs", StringComparison.Ordinal));
        Assert.Equal(Texts(fresh), Texts(incremental));
    }

    [Fact]
    public void No_pipeline_value_holds_a_roslyn_object()
    {
        var result = TestCompiler.CreateDriver(trackSteps: true)
            .RunGenerators(TestCompiler.Compile(Commands), TestContext.Current.CancellationToken)
            .GetRunResult().Results.Single();

        var values = ModelSteps.SelectMany(name => result.TrackedSteps[name]).SelectMany(step => step.Outputs).Select(o => o.Value).ToList();

        Assert.NotEmpty(values);
        foreach (var value in values)
        {
            Walk(value, new HashSet<object>(ReferenceEqualityComparer.Instance), "value");
        }
    }

    [Fact]
    public void Models_of_the_same_source_are_equal_and_a_semantic_edit_is_not()
    {
        var one = Models(TestCompiler.Compile(Commands));
        var two = Models(TestCompiler.Compile(Commands));
        var edited = Models(TestCompiler.Compile(Commands.Replace("int count = 10", "int count = 11", StringComparison.Ordinal)));

        Assert.Equal(one, two);
        Assert.Equal(one.Select(m => m.GetHashCode()), two.Select(m => m.GetHashCode()));
        Assert.NotEqual(one, edited);
    }

    private static (GeneratorDriverRunResult First, GeneratorDriverRunResult Second) RunTwice(Compilation first, Compilation second)
    {
        var driver = TestCompiler.CreateDriver(trackSteps: true).RunGenerators(first, TestContext.Current.CancellationToken);
        var firstResult = driver.GetRunResult();
        driver = driver.RunGenerators(second, TestContext.Current.CancellationToken);
        return (firstResult, driver.GetRunResult());
    }

    /// <summary>
    /// Every tracked step ran and reported at least one output, all cached or unchanged, and so did
    /// the source outputs: a step renamed or dropped from the pipeline would otherwise pass unseen.
    /// </summary>
    private static void AssertAllCached(GeneratorDriverRunResult result)
    {
        foreach (var name in TrackedNames)
        {
            var reasons = Reasons(result, name).ToList();
            Assert.True(reasons.Count > 0, $"Step {name} was not tracked or produced no output, so its caching was not checked");
            Assert.All(reasons, reason => Assert.True(
                reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step {name} ran with {reason}"));
        }

        var outputs = OutputReasons(result).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorDriverRunResult result, string step)
    {
        Assert.True(result.Results.Single().TrackedSteps.TryGetValue(step, out var steps), $"Step {step} did not run");
        return steps.SelectMany(s => s.Outputs).Select(o => o.Reason);
    }

    private static IEnumerable<IncrementalStepRunReason> OutputReasons(GeneratorDriverRunResult result) =>
        result.Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason);

    private static List<string> Texts(GeneratorDriverRunResult result) =>
        [.. result.GeneratedTrees.OrderBy(t => t.FilePath, StringComparer.Ordinal).Select(t => t.FilePath + "\n" + t)];

    private static List<object> Models(Compilation compilation) =>
        [.. TestCompiler.CreateDriver(trackSteps: true).RunGenerators(compilation, TestContext.Current.CancellationToken)
            .GetRunResult().Results.Single().TrackedSteps[TrackingNames.RemoveNulls]
            .SelectMany(s => s.Outputs).Select(o => o.Value)];

    private static SyntaxTree Parse(string source) => CSharpSyntaxTree.ParseText(source, TestCompiler.ParseOptions, path: "Unrelated.cs");

    private static Compilation Replace(Compilation compilation, string oldText, string newText)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains(oldText, StringComparison.Ordinal));
        var edited = tree.WithChangedText(tree.GetText().Replace(tree.ToString().IndexOf(oldText, StringComparison.Ordinal), oldText.Length, newText));
        return compilation.ReplaceSyntaxTree(tree, edited);
    }

    private static void Walk(object? value, HashSet<object> seen, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(
            value is ISymbol or SyntaxNode or Compilation or SemanticModel or Location or SyntaxTree,
            $"{path} holds a {value.GetType().Name}, which roots a compilation");
        if (value is IEnumerable items)
        {
            var index = 0;
            foreach (var item in items)
            {
                Walk(item, seen, $"{path}[{index++}]");
            }
        }

        for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), seen, $"{path}.{field.Name}");
            }
        }
    }
}

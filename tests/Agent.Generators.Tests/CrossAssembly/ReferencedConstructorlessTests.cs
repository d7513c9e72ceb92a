using GuestAgent.Generators.Tests.Execution;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.CrossAssembly;

/// <summary>
/// Classes declared in a referenced library (compiled in memory and referenced as metadata, as a
/// build references another project) with no constructor the application's source-generated context
/// uses: against the real context, which fail every read and which are read fine; and the analyzer
/// reports exactly the failing ones in the application, as it does for classes in its own sources.
/// Only a library without a strong name is judged for want of a constructor: the types
/// System.Text.Json builds another way (<c>Uri</c>, the immutable collections) are all in
/// strong-named framework assemblies. A <c>[JsonConstructor]</c> the context cannot call is judged in
/// any library: a protected one, and a <c>protected internal</c> one too (the context is generated
/// in the application, which is no derived class: every read fails).
/// </summary>
public sealed class ReferencedConstructorlessTests(ReferencedConstructorlessTests.Samples samples) : IClassFixture<ReferencedConstructorlessTests.Samples>
{
    private const string Library = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;

        namespace Team.Models;

        public sealed class OnlyPrivate { private OnlyPrivate() { } public int X { get; set; } public static OnlyPrivate Make() => new() { X = 1 }; }
        public class ProtectedPlain { protected ProtectedPlain() { } public int X { get; set; } }
        public sealed class TwoPublic { public TwoPublic(int x) => X = x; public TwoPublic(string x) => X = x.Length; public int X { get; set; } }
        public sealed class Bag : List<int> { internal Bag() { } }
        // Its [JsonConstructor] is internal to the library: the application does not see it, nor can its context call it.
        public sealed class InternalMarked { [JsonConstructor] internal InternalMarked(int x) => X = x; public int X { get; } }
        public class ProtectedMarked { [JsonConstructor] protected ProtectedMarked(int x) => X = x; public int X { get; } }
        // Protected internal: the application sees it (protected), but its context is no derived class.
        public class ProtectedInternalMarked { [JsonConstructor] protected internal ProtectedInternalMarked(int x) => X = x; public int X { get; } }

        public sealed class PublicAndPrivate { public PublicAndPrivate(int x) => X = x; private PublicAndPrivate() { } public int X { get; set; } }
        public record Positional(int X);
        public sealed class Plain { public int X { get; set; } }
        public sealed class Marked { [JsonConstructor] public Marked(int x) => X = x; public Marked(string x) => X = x.Length; public int X { get; } }
        public sealed class HoldsOnlyPrivate { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public OnlyPrivate Inner { get; } = OnlyPrivate.Make(); }
        """;

    private const string App = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;
        using Team.Models;

        [assembly: CommandJsonContext(typeof(Team.App.AppJson))]

        namespace Team.App;

        [JsonSerializable(typeof(OnlyPrivate))] [JsonSerializable(typeof(ProtectedPlain))] [JsonSerializable(typeof(TwoPublic))] [JsonSerializable(typeof(List<Bag>))]
        [JsonSerializable(typeof(InternalMarked))] [JsonSerializable(typeof(PublicAndPrivate))] [JsonSerializable(typeof(Positional))] [JsonSerializable(typeof(Plain))]
        [JsonSerializable(typeof(ProtectedMarked))] [JsonSerializable(typeof(ProtectedInternalMarked))]
        [JsonSerializable(typeof(Marked))] [JsonSerializable(typeof(HoldsOnlyPrivate))] [JsonSerializable(typeof(ImmutableList<int>))] [JsonSerializable(typeof(Uri))]
        public partial class AppJson : JsonSerializerContext;

        public static class AppCommands
        {
            [Command("only-private")] public static int TakeOnlyPrivate(OnlyPrivate value) => value.X;
            [Command("protected-plain")] public static int TakeProtectedPlain(ProtectedPlain value) => value.X;
            [Command("two-public")] public static int TakeTwoPublic(TwoPublic value) => value.X;
            [Command("bags")] public static int TakeBags(List<Bag> value) => value.Count;
            [Command("internal-marked")] public static int TakeInternalMarked(InternalMarked value) => value.X;
            [Command("protected-marked")] public static int TakeProtectedMarked(ProtectedMarked value) => value.X;
            [Command("protected-internal-marked")] public static int TakeProtectedInternalMarked(ProtectedInternalMarked value) => value.X;

            [Command("public-and-private")] public static int TakePublicAndPrivate(PublicAndPrivate value) => value.X;
            [Command("positional")] public static int TakePositional(Positional value) => value.X;
            [Command("plain")] public static int TakePlain(Plain value) => value.X;
            [Command("marked")] public static int TakeMarked(Marked value) => value.X;
            [Command("holds-only-private")] public static int TakeHoldsOnlyPrivate(HoldsOnlyPrivate value) => value.Inner.X;
            [Command("immutable")] public static int TakeImmutable(ImmutableList<int> value) => value.Count;
            [Command("uri")] public static string TakeUri(Uri value) => value.Host;

            [Command("make-only-private")] public static OnlyPrivate MakeOnlyPrivate() => OnlyPrivate.Make();
        }
        """;

    [Theory]
    [InlineData("only-private", """{"value":{"X":1}}""")]
    [InlineData("only-private", """{"value":{}}""")]
    [InlineData("protected-plain", """{"value":{"X":1}}""")]
    [InlineData("two-public", """{"value":{"X":1}}""")]
    [InlineData("bags", """{"value":[[1,2]]}""")]
    [InlineData("internal-marked", """{"value":{"X":1}}""")]
    [InlineData("protected-marked", """{"value":{"X":1}}""")]
    [InlineData("protected-internal-marked", """{"value":{"X":1}}""")]
    public async Task A_referenced_class_without_a_constructor_the_context_uses_fails_every_read(string command, string value) =>
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Commands.SendAsync(AnalyzedSamples.Request(command, value)));

    [Theory]
    [InlineData("public-and-private", """{"value":{"X":1}}""", "1")]
    [InlineData("positional", """{"value":{"X":2}}""", "2")]
    [InlineData("plain", """{"value":{"X":3}}""", "3")]
    [InlineData("marked", """{"value":{"X":4}}""", "4")]
    [InlineData("holds-only-private", """{"value":{"Inner":{"X":5}}}""", "5")]
    [InlineData("immutable", """{"value":[1,2]}""", "2")]
    [InlineData("uri", """{"value":"http://example.org/x"}""", "example.org")]
    [InlineData("make-only-private", "null", "{'X':1}")]
    public async Task Referenced_shapes_the_real_context_reads_and_writes_work(string command, string value, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await samples.Commands.SendAsync(AnalyzedSamples.Request(command, value)));

    [Fact]
    public async Task The_analyzer_reports_exactly_the_referenced_classes_that_fail_at_their_parameter_types()
    {
        var (output, _) = TestCompiler.Generate(Samples.Application(), withJson: true);
        var diagnostics = (await TestCompiler.AnalyzeAsync(output)).OrderBy(d => d.Location.SourceSpan.Start).ToList();

        Assert.All(diagnostics, d => Assert.Equal("GA0020", d.Id));
        Assert.Equal(["OnlyPrivate", "ProtectedPlain", "TwoPublic", "List<Bag>", "InternalMarked", "ProtectedMarked", "ProtectedInternalMarked"], diagnostics.Select(SpanText));

        // The context is generated in the application: an internal constructor of the library is out of its reach.
        Assert.Equal(
            "Parameter 'value' of command method 'Team.App.AppCommands.TakeOnlyPrivate(OnlyPrivate)' has type 'OnlyPrivate', which the assembly's JSON context cannot read: "
            + "'OnlyPrivate' has no public constructor and none marked [JsonConstructor], so the context has no constructor to create one with and throws NotSupportedException whenever it reads a 'OnlyPrivate'; "
            + "add a public parameterless constructor, or mark [JsonConstructor] the public constructor to create it with "
            + "('Team.Models' is another assembly: the context can call an internal one only if that assembly grants 'Team.App' InternalsVisibleTo)",
            Message(diagnostics[0]));
        Assert.Contains("'ProtectedPlain' has no public constructor", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.Contains("'TwoPublic' has 2 public constructors, none of them parameterless,", Message(diagnostics[2]), StringComparison.Ordinal);
        Assert.Contains("'Bag' has no public constructor", Message(diagnostics[3]), StringComparison.Ordinal);
        Assert.Contains("'InternalMarked' has no public constructor", Message(diagnostics[4]), StringComparison.Ordinal);
        Assert.EndsWith(
            "its [JsonConstructor] constructor 'ProtectedMarked(int x)' is protected, which the context's generated code cannot call (SYSLIB1222), so the context throws NotSupportedException whenever it reads a 'ProtectedMarked'; "
            + "make the constructor public ('Team.Models' is another assembly: the context can call an internal one only if that assembly grants 'Team.App' InternalsVisibleTo)",
            Message(diagnostics[5]),
            StringComparison.Ordinal);
        Assert.Contains("its [JsonConstructor] constructor 'ProtectedInternalMarked(int x)' is protected internal, which the context's generated code cannot call", Message(diagnostics[6]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_class_of_a_strong_named_library_is_judged_only_by_its_JsonConstructor()
    {
        var signed = StrongNamed(TestCompiler.CompileAssembly("Team.Signed", null, Library));
        using var image = new MemoryStream();
        var emitted = signed.Emit(image, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var application = TestCompiler.CompileAssembly("Team.App", [MetadataReference.CreateFromImage(image.ToArray())], App);
        Assert.True(application.GetTypeByMetadataName("Team.Models.OnlyPrivate")!.ContainingAssembly.Identity.IsStrongName);

        var (output, _) = TestCompiler.Generate(application, withJson: true);
        var diagnostics = (await TestCompiler.AnalyzeAsync(output)).OrderBy(d => d.Location.SourceSpan.Start).ToList();

        // Only the no-constructor rule stops at a strong name: a [JsonConstructor] the context cannot call fails wherever it is.
        Assert.Equal(["ProtectedMarked", "ProtectedInternalMarked"], diagnostics.Select(SpanText));
    }

    [Fact]
    public async Task A_class_in_the_sources_of_a_strong_named_project_is_judged()
    {
        var application = StrongNamed(TestCompiler.CompileAssembly("Team.App", null, App, Library));
        Assert.True(application.Assembly.Identity.IsStrongName);

        var (output, _) = TestCompiler.Generate(application, withJson: true);
        var diagnostics = (await TestCompiler.AnalyzeAsync(output)).OrderBy(d => d.Location.SourceSpan.Start).ToList();

        Assert.All(diagnostics, d => Assert.Equal("GA0020", d.Id));
        // In its own sources an internal or protected internal [JsonConstructor] is called: neither is reported.
        Assert.Equal(["OnlyPrivate", "ProtectedPlain", "TwoPublic", "List<Bag>", "ProtectedMarked"], diagnostics.Select(SpanText));
        Assert.EndsWith(
            "add a public parameterless constructor, or mark [JsonConstructor] the public or internal constructor to create it with",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
        Assert.EndsWith("make the constructor public or internal", Message(diagnostics[4]), StringComparison.Ordinal);
    }

    /// <summary>Publicly signed with the core library's public key: a strong name, as every framework assembly has.</summary>
    private static CSharpCompilation StrongNamed(CSharpCompilation compilation) =>
        compilation.WithOptions(compilation.Options.WithPublicSign(true).WithCryptoPublicKey([.. typeof(object).Assembly.GetName().GetPublicKey()!]));

    /// <summary>The library and the application compiled with the real JSON context and loaded once.</summary>
    public sealed class Samples : IDisposable
    {
        private static readonly Lazy<byte[]> LibraryImage = new(() => TestCompiler.Build(TestCompiler.CompileAssembly("Team.Models", null, Library)));

        internal LoadedCommands Commands { get; } = LoadedCommands.Load(TestCompiler.Build(Application()), LibraryImage.Value);

        /// <summary>The application, referencing the library as metadata (as a build does).</summary>
        internal static Compilation Application() =>
            TestCompiler.CompileAssembly("Team.App", [MetadataReference.CreateFromImage(LibraryImage.Value)], App);

        public void Dispose() => Commands.Dispose();
    }
}

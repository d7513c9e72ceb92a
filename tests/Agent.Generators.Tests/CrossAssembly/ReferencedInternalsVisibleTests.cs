using GuestAgent.Generators.Tests.Execution;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.CrossAssembly;

/// <summary>
/// Classes of a referenced library (compiled in memory, referenced as metadata) that grants the
/// application <c>InternalsVisibleTo</c>: against the real source-generated context, its internal
/// and protected internal <c>[JsonConstructor]</c>s are called as if declared in the application,
/// so the analyzer stays silent on them, and its hint for a class with no constructor offers an
/// internal one, as it does for the application's own classes.
/// </summary>
public sealed class ReferencedInternalsVisibleTests(ReferencedInternalsVisibleTests.Samples samples) : IClassFixture<ReferencedInternalsVisibleTests.Samples>
{
    private const string Library = """
        using System.Runtime.CompilerServices;
        using System.Text.Json.Serialization;

        [assembly: InternalsVisibleTo("Team.App")]

        namespace Team.Friends;

        public sealed class InternalMarked { [JsonConstructor] internal InternalMarked(int x) => X = x; public int X { get; } }
        public class ProtectedInternalMarked { [JsonConstructor] protected internal ProtectedInternalMarked(int x) => X = x; public int X { get; } }
        public sealed class OnlyInternal { internal OnlyInternal() { } public int X { get; set; } }
        """;

    private const string App = """
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;
        using Team.Friends;

        [assembly: CommandJsonContext(typeof(Team.App.AppJson))]

        namespace Team.App;

        [JsonSerializable(typeof(InternalMarked))] [JsonSerializable(typeof(ProtectedInternalMarked))] [JsonSerializable(typeof(OnlyInternal))]
        public partial class AppJson : JsonSerializerContext;

        public static class AppCommands
        {
            [Command("internal-marked")] public static int TakeInternalMarked(InternalMarked value) => value.X;
            [Command("protected-internal-marked")] public static int TakeProtectedInternalMarked(ProtectedInternalMarked value) => value.X;
            [Command("only-internal")] public static int TakeOnlyInternal(OnlyInternal value) => value.X;
        }
        """;

    [Theory]
    [InlineData("internal-marked", """{"value":{"X":4}}""", "4")]
    [InlineData("protected-internal-marked", """{"value":{"X":5}}""", "5")]
    public async Task A_JsonConstructor_internal_to_a_library_granting_InternalsVisibleTo_is_called(string command, string value, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await samples.Commands.SendAsync(AnalyzedSamples.Request(command, value)));

    [Fact]
    public async Task A_class_with_only_an_internal_constructor_fails_every_read() =>
        Assert.Equal(AnalyzedSamples.InternalError("only-internal"), await samples.Commands.SendAsync(AnalyzedSamples.Request("only-internal", """{"value":{"X":1}}""")));

    [Fact]
    public async Task The_analyzer_reports_only_the_class_without_a_constructor_and_offers_an_internal_one()
    {
        var (output, _) = TestCompiler.Generate(Samples.Application(), withJson: true);
        var diagnostics = await TestCompiler.AnalyzeAsync(output);

        var only = Assert.Single(diagnostics);
        Assert.Equal("GA0020", only.Id);
        Assert.Equal(
            "Parameter 'value' of command method 'Team.App.AppCommands.TakeOnlyInternal(OnlyInternal)' has type 'OnlyInternal', which the assembly's JSON context cannot read: "
            + "'OnlyInternal' has no public constructor and none marked [JsonConstructor], so the context has no constructor to create one with and throws NotSupportedException whenever it reads a 'OnlyInternal'; "
            + "add a public parameterless constructor, or mark [JsonConstructor] the public or internal constructor to create it with",
            Message(only));
    }

    /// <summary>The library and the application compiled with the real JSON context and loaded once.</summary>
    public sealed class Samples : IDisposable
    {
        private static readonly Lazy<byte[]> LibraryImage = new(() => TestCompiler.Build(TestCompiler.CompileAssembly("Team.Friends", null, Library)));

        internal LoadedCommands Commands { get; } = LoadedCommands.Load(TestCompiler.Build(Application()), LibraryImage.Value);

        /// <summary>The application, referencing the library as metadata (as a build does).</summary>
        internal static Compilation Application() =>
            TestCompiler.CompileAssembly("Team.App", [MetadataReference.CreateFromImage(LibraryImage.Value)], App);

        public void Dispose() => Commands.Dispose();
    }
}

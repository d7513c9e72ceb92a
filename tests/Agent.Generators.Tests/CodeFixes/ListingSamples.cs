namespace GuestAgent.Generators.Tests.CodeFixes;

/// <summary>The command assembly and JSON context the GA0009 listing fix's tests start from.</summary>
internal static class ListingSamples
{
    // The context's members by hand, as the System.Text.Json generator would emit them: the test
    // compiles without that generator, and the check that the fixed code compiles stays meaningful.
    public const string ContextMembers = """
            public Ctx() : base(null) { }
            protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(System.Type type) => null;
        """;

    public const string ListingCommands = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(App.Json.Ctx))]

        namespace App;

        public sealed record Move(string From, string To);
        public sealed record Listed(int N);

        public static class A
        {
            [Command("move")] public static void Run(Move move, Listed listed) { }
            [Command("moves")] public static Task<List<Move>> All() => null!;
        }
        """;

    public static string ListingContext => $$"""
        using System.Text.Json.Serialization;
        using App;

        namespace App.Json;

        /// <summary>The command types.</summary>
        [JsonSourceGenerationOptions(WriteIndented = false)]
        [JsonSerializable(typeof(Listed))]
        public partial class Ctx : JsonSerializerContext
        {
        {{ContextMembers}}
        }
        """;
}

namespace GuestAgent.Generators.Tests.Infrastructure;

/// <summary>
/// A command assembly's source around a hand-written JSON context, <c>Ctx</c>, for the diagnostic
/// tests: the analyzer reads only the context's attributes (the types it lists, its options), so its
/// members need only compile, and System.Text.Json's own source generator never has to run.
/// </summary>
internal static class HandWrittenJsonContext
{
    private const string Context = """
        using System.Collections.ObjectModel;
        using System.Text.Json.Serialization;

        [assembly: CommandJsonContext(typeof(Ctx))]
        LISTED
        OPTIONS
        public partial class Ctx : JsonSerializerContext
        {
            public Ctx() : base(null) { }
            public static Ctx Default { get; } = new();
            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
        }

        """;

    /// <summary>
    /// The context, listing the types named in <paramref name="listed"/> (one
    /// <c>[JsonSerializable]</c> each) with the attributes in <paramref name="options"/> (a
    /// <c>[JsonSourceGenerationOptions]</c>, say), followed by <paramref name="types"/>.
    /// </summary>
    public static string Source(string types, string options = "", params string[] listed) =>
        Context.Replace("LISTED", string.Join("\n", listed.Select(type => $"[JsonSerializable(typeof({type}))]")), StringComparison.Ordinal)
            .Replace("OPTIONS", options, StringComparison.Ordinal) + types;
}

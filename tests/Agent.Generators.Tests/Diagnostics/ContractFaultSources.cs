namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>A command assembly's source for the contract fault tests: its JSON context, listing the given types, with the given options.</summary>
internal static class ContractFaultSources
{
    private const string Context = """
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

    public static string Source(string types, string options = "", params string[] listed) =>
        Context.Replace("LISTED", string.Concat(listed.Select(t => $"[JsonSerializable(typeof({t}))] ")), StringComparison.Ordinal)
            .Replace("OPTIONS", options, StringComparison.Ordinal) + types;
}

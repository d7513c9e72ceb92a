using System.Globalization;
using System.Text;

namespace GuestAgent.Benchmarks.Generator;

/// <summary>
/// The sources of a command assembly with <c>count</c> commands, ten per class and one class per
/// file, in a realistic mix of binding shapes. Names are <c>svcNNN.verb</c> with ten verbs, so
/// a large registry has many names of the same length (200 of length 10 at 1,000 commands).
/// </summary>
public sealed class CommandSources
{
    private static readonly string[] Verbs = ["get", "set", "list", "read", "write", "reset", "status", "inject", "refresh", "configure"];

    private const string Usings = """
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using GuestAgent.Commands;

        """;

    private const string JsonTypes = """
        [assembly: CommandJsonContext(typeof(Bench.BenchJson))]

        namespace Bench;

        public sealed record Settings(string Name, int Retries, bool Enabled);

        public sealed record Report(string Name, long Bytes, string[] Warnings);

        [JsonSerializable(typeof(Settings))]
        [JsonSerializable(typeof(Report))]
        public partial class BenchJson : JsonSerializerContext;
        """;

    private CommandSources(IReadOnlyList<SyntheticCommand> commands, IReadOnlyList<string> files)
    {
        Commands = commands;
        Files = files;
    }

    /// <summary>Every command, in declaration order.</summary>
    public IReadOnlyList<SyntheticCommand> Commands { get; }

    /// <summary>The C# files: one per class of ten commands, then the JSON types when used.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Writes the sources.</summary>
    /// <param name="count">How many commands.</param>
    /// <param name="withJsonContext">
    /// Whether some commands take complex types through a <c>JsonSerializerContext</c>. Its code
    /// comes from the System.Text.Json generator, so leave it out when the result is compiled
    /// without that generator.
    /// </param>
    public static CommandSources Create(int count, bool withJsonContext)
    {
        var commands = new List<SyntheticCommand>(count);
        var files = new List<string>();
        var shapes = withJsonContext ? Enum.GetValues<CommandShape>() : Enum.GetValues<CommandShape>()[..^1];
        for (var area = 0; area * Verbs.Length < count; area++)
        {
            var source = new StringBuilder(Usings).Append("namespace Bench;\n\n");
            source.Append(CultureInfo.InvariantCulture, $"public static class Area{area:D3}Commands\n{{\n");
            for (var i = area * Verbs.Length; i < Math.Min(count, (area + 1) * Verbs.Length); i++)
            {
                var command = new SyntheticCommand(string.Create(CultureInfo.InvariantCulture, $"svc{area:D3}.{Verbs[i % Verbs.Length]}"), shapes[i % shapes.Length]);
                commands.Add(command);
                AppendCommand(source, command, i);
            }

            files.Add(source.Append("}\n").ToString());
        }

        if (withJsonContext)
        {
            files.Add(Usings + JsonTypes);
        }

        return new CommandSources(commands, files);
    }

    private static void AppendCommand(StringBuilder source, SyntheticCommand command, int index)
    {
        source.Append(CultureInfo.InvariantCulture, $"    /// <summary>Synthetic command {index}.</summary>\n");
        source.Append(CultureInfo.InvariantCulture, $"    [Command(\"{command.Name}\")]\n");
        source.Append(command.Shape switch
        {
            CommandShape.NoArgument => string.Create(CultureInfo.InvariantCulture, $"    public static string Command{index}() => \"ok\";\n\n"),
            CommandShape.RawString => string.Create(CultureInfo.InvariantCulture, $"    public static CommandResult Command{index}(string value) => CommandResult.Ok(value);\n\n"),
            CommandShape.TypedParameters => string.Create(CultureInfo.InvariantCulture, $"    public static string Command{index}(string path, long offset = 0, int count = 4096, bool force = false) => path;\n\n"),
            CommandShape.AsyncWithCancellation => string.Create(CultureInfo.InvariantCulture, $"    public static Task<int> Command{index}(int seconds, CancellationToken cancellationToken) => Task.FromResult(seconds);\n\n"),
            CommandShape.JsonElementWithContext => string.Create(CultureInfo.InvariantCulture, $"    public static ValueTask<CommandResult> Command{index}(JsonElement value, CommandContext context) => new(CommandResult.Ok(context.CommandName));\n\n"),
            _ => string.Create(CultureInfo.InvariantCulture, $"    public static Report Command{index}(Settings settings, bool dryRun = false) => new(settings.Name, 0, []);\n\n"),
        });
    }
}

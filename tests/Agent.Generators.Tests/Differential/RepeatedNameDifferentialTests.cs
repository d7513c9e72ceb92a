using System.Reflection;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Differential;

/// <summary>
/// The generated binder against the JSON context's own <c>Deserialize</c> on values that repeat a
/// property name inside a complex parameter: in the type's own members, an unknown member, a nested
/// complex type, a <c>JsonElement</c>, <c>JsonNode</c> or <c>JsonObject</c> member, a list's items or a
/// dictionary's keys and values, names differing in case and escaped. Each value is read under the
/// context's default options, under <c>AllowDuplicateProperties = false</c>, and with
/// <c>PropertyNameCaseInsensitive</c> beside either. The context's reading counts as refused when
/// <c>Deserialize</c> throws, or when reading the nodes of the value it gave throws (a
/// <c>JsonObject</c> refuses a repeated name on its first read, in the command: the binder refuses
/// such a value before the call, as docs/authoring-commands.md says). Accept or refuse, and the value
/// bound, must agree, but for the one difference the documentation gives a reason for: when the
/// context takes repeated names, a node the binder cannot reach after the read (behind a member
/// without a getter) is checked in each value given for it, so a node member given twice with a
/// repeat in a value the context then drops is refused (its setter was given that value). Before
/// session 37 that type's whole value was checked, which refused a repeat anywhere in it.
/// </summary>
public sealed class RepeatedNameDifferentialTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Diff.SampleJson))]

        namespace Diff;

        public static class Canon
        {
            // Reads every object of the node, as a command reading it would: a JsonObject made from a
            // value repeating a name throws here.
            public static string Node(JsonNode? node) => node switch
            {
                null => "null",
                JsonObject o => "{" + string.Join(",", o.Select(p => p.Key + ":" + Node(p.Value))) + "}",
                JsonArray a => "[" + string.Join(",", a.Select(Node)) + "]",
                _ => node.ToJsonString(),
            };

            public static string Element(JsonElement e) => e.ValueKind == JsonValueKind.Undefined ? "-" : e.GetRawText();
        }

        public sealed class Inner { public int B { get; set; } }

        public sealed class Plain
        {
            public int A { get; set; }
            public Inner? I { get; set; }
            public string Show() => A + " " + (I is null ? "-" : I.B.ToString());
        }

        public sealed class WithElement
        {
            public int A { get; set; }
            public JsonElement E { get; set; }
            public string Show() => A + " " + Canon.Element(E);
        }

        public sealed class WithNode
        {
            public int A { get; set; }
            public JsonNode? N { get; set; }
            public JsonElement E { get; set; }
            public string Show() => A + " " + Canon.Node(N) + " " + Canon.Element(E);
        }

        public sealed class Holder
        {
            public int A { get; set; }
            public List<WithNode>? L { get; set; }
            public Dictionary<string, JsonNode?>? D { get; set; }
            public JsonObject? O { get; set; }
            public string Show() =>
                A + " " + (L is null ? "-" : string.Join(";", L.Select(w => w.Show())))
                + " " + (D is null ? "-" : string.Join(";", D.Select(p => p.Key + "=" + Canon.Node(p.Value))))
                + " " + Canon.Node(O);
        }

        // A node behind a member without a getter: the binder cannot walk to it after the read.
        public sealed class Hidden
        {
            private JsonNode? n;
            public JsonNode? N { set => n = value; }
            public int A { get; set; }
            public JsonElement E { get; set; }
            public string Show() => A + " " + Canon.Node(n) + " " + Canon.Element(E);
        }

        [JsonSourceGenerationOptions(OPTIONS)]
        [JsonSerializable(typeof(Plain))]
        [JsonSerializable(typeof(WithElement))]
        [JsonSerializable(typeof(WithNode))]
        [JsonSerializable(typeof(Holder))]
        [JsonSerializable(typeof(Hidden))]
        [JsonSerializable(typeof(JsonNode))]
        [JsonSerializable(typeof(JsonElement))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("plain")] public static string TakePlain(Plain v) => v.Show();
            [Command("withelement")] public static string TakeWithElement(WithElement v) => v.Show();
            [Command("withnode")] public static string TakeWithNode(WithNode v) => v.Show();
            [Command("holder")] public static string TakeHolder(Holder v) => v.Show();
            [Command("hidden")] public static string TakeHidden(Hidden v) => v.Show();
            [Command("node")] public static string TakeNode(JsonNode v) => Canon.Node(v);
            [Command("element")] public static string TakeElement(JsonElement v) => Canon.Element(v);
        }

        public static class Reference
        {
            // "!" for a refusal: Deserialize throwing, or the value's nodes throwing when read.
            public static string Read(string command, string json)
            {
                try
                {
                    return command switch
                    {
                        "plain" => JsonSerializer.Deserialize(json, SampleJson.Default.Plain)!.Show(),
                        "withelement" => JsonSerializer.Deserialize(json, SampleJson.Default.WithElement)!.Show(),
                        "withnode" => JsonSerializer.Deserialize(json, SampleJson.Default.WithNode)!.Show(),
                        "holder" => JsonSerializer.Deserialize(json, SampleJson.Default.Holder)!.Show(),
                        "hidden" => JsonSerializer.Deserialize(json, SampleJson.Default.Hidden)!.Show(),
                        "node" => Canon.Node(JsonSerializer.Deserialize(json, SampleJson.Default.JsonNode)!),
                        _ => Canon.Element(JsonSerializer.Deserialize(json, SampleJson.Default.JsonElement)),
                    };
                }
                catch (JsonException)
                {
                    return "!";
                }
                catch (ArgumentException)
                {
                    return "!";
                }
            }
        }
        """;

    /// <summary>The members each command's type has, as fragments the values are made of (one, or two in either order).</summary>
    private static readonly (string Command, string[] Fragments)[] Commands =
    [
        ("plain", [.. Common, "\"I\":{\"B\":1,\"B\":2}", "\"I\":{\"B\":1,\"b\":2}", "\"I\":{\"B\":3}", "\"i\":{\"B\":4}"]),
        ("withelement", [.. Common, .. Elements]),
        ("withnode", [.. Common, .. Elements, .. Nodes]),
        ("hidden", [.. Common, .. Elements, .. Nodes]),
        ("holder",
        [
            .. Common,
            "\"L\":[{\"N\":{\"b\":1,\"b\":2}}]", "\"L\":[{\"A\":1,\"A\":2,\"N\":1}]", "\"L\":[{\"E\":{\"b\":1,\"b\":2},\"N\":{\"c\":{\"d\":1}}}]",
            "\"D\":{\"k\":1,\"k\":2}", "\"D\":{\"k\":{\"b\":1,\"b\":2}}", "\"D\":{\"k\":{\"b\":1,\"B\":2},\"K\":1}",
            "\"O\":{\"b\":1,\"b\":2}", "\"O\":{\"b\":{\"c\":1,\"C\":2}}", "\"O\":{\"b\":1}",
        ]),
        ("node", [.. Common, .. Nodes]),
        ("element", [.. Common, .. Elements]),
    ];

    private static string[] Common => ["\"A\":1", "\"A\":\"x\"", "\"a\":2", "\"junk\":{\"b\":1,\"b\":2}", "\"junk\":{\"b\":1,\"B\":2}"];

    private static string[] Elements => ["\"E\":{\"b\":1,\"b\":2}", "\"E\":{\"b\":1,\"B\":2}", "\"e\":[{\"b\":1,\"\\u0062\":2}]", "\"E\":1"];

    private static string[] Nodes => ["\"N\":{\"b\":1}", "\"N\":{\"b\":1,\"b\":2}", "\"N\":{\"b\":1,\"B\":2}", "\"n\":[{\"c\":{\"b\":1,\"\\u0062\":2}}]", "\"N\":1"];

    [Theory]
    [InlineData("")]
    [InlineData("AllowDuplicateProperties = false")]
    [InlineData("PropertyNameCaseInsensitive = true")]
    [InlineData("PropertyNameCaseInsensitive = true, AllowDuplicateProperties = false")]
    public async Task Accepts_and_refuses_repeated_names_as_the_context_reads_them(string options)
    {
        using var commands = LoadedCommands.Compile(Source.Replace("OPTIONS", options, StringComparison.Ordinal));
        var read = commands.GetType("Diff.Reference").GetMethod("Read", BindingFlags.Public | BindingFlags.Static)!;
        var reference = (Func<string, string, string>)read.CreateDelegate(typeof(Func<string, string, string>));
        var refusesRepeats = options.Contains("AllowDuplicateProperties = false", StringComparison.Ordinal);
        var unexplained = new List<string>();
        var documented = 0;
        var alike = new Dictionary<(string, bool), int>();
        foreach (var (command, fragments) in Commands)
        {
            foreach (var value in Values(fragments))
            {
                // A command whose one parameter is a JsonElement takes the whole value: the reference reads it so.
                var wrapped = "{\"v\":" + value + "}";
                var stj = Legacy(reference(command, command == "element" ? wrapped : value));
                var response = await commands.SendAsync("{\"name\":\"" + command + "\",\"value\":" + wrapped + "}");
                var ours = Outcome(response);
                var stjAccepted = stj != "!";
                if (ours is null)
                {
                    unexplained.Add($"| {command} | {value} | {stj} | crash {response} |");
                }
                else if (stjAccepted != (ours != "!") || (stjAccepted && stj != ours))
                {
                    // Documented: a node behind a member without a getter given twice is checked in each value
                    // given, when the context takes repeated names (its setter is given each).
                    if (command == "hidden" && !refusesRepeats && stjAccepted && ours == "!" && NodeGivenTwiceWithARepeat(value))
                    {
                        documented++;
                    }
                    else
                    {
                        unexplained.Add($"| {command} | {value} | {stj} | {ours} |");
                    }
                }
                else
                {
                    alike[(command, stjAccepted)] = alike.GetValueOrDefault((command, stjAccepted)) + 1;
                }
            }
        }

        Assert.True(unexplained.Count == 0, $"{unexplained.Count} disagreement(s) (command | value | context | binder):\n" + string.Join("\n", unexplained.Take(60)));
        Assert.Equal(!refusesRepeats, documented > 0);
        // Every command binds values alike, and refuses some alike (a JsonElement taken whole refuses a value
        // only for a repeated name, and only under the option): a sample whose commands all failed would agree
        // with nothing, a reference refusing everything with few.
        Assert.All(Commands, c => Assert.True(alike.GetValueOrDefault((c.Command, true)) > 10, c.Command + " bound too few values alike"));
        Assert.All(Commands.Where(c => c.Command != "element" || refusesRepeats), c => Assert.True(alike.GetValueOrDefault((c.Command, false)) > 0, c.Command + " refused nothing alike"));
    }

    /// <summary>Whether the value gives the node member twice, a repeated name in a value before the last.</summary>
    private static bool NodeGivenTwiceWithARepeat(string value) =>
        value.StartsWith("{\"N\":{\"b\":1,\"b\":2},\"N\"", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("{\"n\":[{\"c\":{\"b\":1,\"\\u0062\":2}}],\"N\"", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("{\"N\":{\"b\":1,\"B\":2},\"N\"", StringComparison.OrdinalIgnoreCase);

    /// <summary>Each fragment alone and each ordered pair of fragments (the same one twice too), as an object's members.</summary>
    private static IEnumerable<string> Values(string[] fragments)
    {
        foreach (var first in fragments)
        {
            yield return "{" + first + "}";
            foreach (var second in fragments)
            {
                yield return "{" + first + "," + second + "}";
            }
        }
    }

    /// <summary>A message as the legacy parser answers it: its quotes and backslashes replaced.</summary>
    private static string Legacy(string message) => message.Replace('"', '\'').Replace('\\', '/');

    /// <summary>The command's answer as the reference gives it: its message, "!" for a binding error, null for anything else.</summary>
    private static string? Outcome(string response)
    {
        using var document = System.Text.Json.JsonDocument.Parse(response);
        var code = document.RootElement.GetProperty("returncode").GetString();
        var message = document.RootElement.GetProperty("message").GetString()!;
        return code == "0" ? message
            : (message.StartsWith("Command '", StringComparison.Ordinal) && !message.EndsWith("internal error", StringComparison.Ordinal)) || message.StartsWith("Property '", StringComparison.Ordinal) ? "!"
            : null;
    }
}

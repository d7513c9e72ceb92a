using System.Text;
using System.Text.Json;

namespace GuestAgent.Commands.Tests.FullPath;

/// <summary>One mutated request: what was changed (to name it in a failure) and the raw request text.</summary>
internal sealed record RequestMutant(string What, string Request)
{
    public override string ToString() => What;
}

/// <summary>
/// Structured mutants of one valid request, from a fixed seed: the same list on every run. Written
/// as raw JSON text rather than through a serializer, since the interesting requests are the ones a
/// serializer will not write (lone surrogate escapes, duplicate members, numbers no double holds,
/// nesting deeper than a reader allows, text cut short).
/// </summary>
internal sealed class RequestMutants
{
    /// <summary>Values put in place of every node of the valid value: each JSON type, and the edges of each.</summary>
    private static readonly string[] Replacements =
    [
        "null", "0", "-0", "1", "1.5", "1e400", "-1e400", "9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "true", "false", "[]", "{}", "[1,\"a\"]", "{\"a\":1}", "\"\"", "\" \"",
        "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00x\"", "\"a\\u0001b\\u007f\"", "\"!!!!\"", "\"A===\"", "\"QQ\"",
        "\"" + new string('A', 65536) + "\"", "\"" + new string('9', 100_000) + "\"", "\"\\u00e9\\ud83d\\ude00\"",
        Nested(40), Nested(70), Nested(5000), "{\"a\":{\"b\":{\"c\":[[[[[[[[[[{}]]]]]]]]]]}}}",
    ];

    /// <summary>Bytes put into a base64 value's decoded bytes.</summary>
    private static readonly byte[][] DecodedInserts =
        [[0], [0xFF], [0x80], [0xC3], "/"u8.ToArray(), "."u8.ToArray(), ","u8.ToArray(), "\n"u8.ToArray(), "/../"u8.ToArray(), "/./"u8.ToArray(), "//"u8.ToArray()];

    private readonly string _command;
    private readonly string _valueText;
    private readonly JsonElement _value;
    private readonly Random _random;
    private readonly List<RequestMutant> _mutants = [];
    private readonly bool _valuesOnly;

    private RequestMutants(string command, string valueText, int seed, bool valuesOnly = false)
    {
        _command = command;
        _valueText = valueText;
        _valuesOnly = valuesOnly;
        using var document = JsonDocument.Parse(valueText);
        _value = document.RootElement.Clone();
        _random = new Random(seed);
    }

    /// <summary>The mutants of <c>{"name": command, "value": valueText}</c>.</summary>
    /// <param name="command">The command's name.</param>
    /// <param name="valueText">A valid value, as JSON.</param>
    /// <param name="seed">Fixes the random edits.</param>
    /// <param name="textEdits">How many random edits of each string in the value.</param>
    /// <param name="base64Paths">The paths (<c>$</c>, <c>$.b64_path</c>) of strings that are base64: their decoded bytes are edited too.</param>
    public static IReadOnlyList<RequestMutant> Of(string command, string valueText, int seed, int textEdits, params string[] base64Paths)
    {
        var mutants = new RequestMutants(command, valueText, seed);
        mutants.AddRequestShapes();
        foreach (var (path, node) in Nodes(mutants._value, "$"))
        {
            mutants.AddReplacements(path, node);
            if (node.ValueKind == JsonValueKind.Object)
            {
                mutants.AddMemberEdits(path, node);
            }

            if (node.ValueKind == JsonValueKind.String)
            {
                for (var edit = 0; edit < textEdits; edit++)
                {
                    mutants.AddTextEdit(path, node.GetString()!);
                }

                if (base64Paths.Contains(path))
                {
                    for (var edit = 0; edit < textEdits; edit++)
                    {
                        mutants.AddDecodedEdit(path, Convert.FromBase64String(node.GetString()!));
                    }
                }
            }
        }

        return mutants._mutants;
    }

    /// <summary>
    /// Mutants of a JSON value alone (a <c>vm-data/networking</c> entry), named <paramref name="name"/>:
    /// each <see cref="RequestMutant.Request"/> is the mutated value's text, and it is cut short too.
    /// </summary>
    public static IReadOnlyList<RequestMutant> ValuesOf(string name, string valueText, int seed, int textEdits)
    {
        var mutants = new RequestMutants(name, valueText, seed, valuesOnly: true);
        for (var cut = 0; cut < 4; cut++)
        {
            var at = mutants._random.Next(0, valueText.Length);
            mutants.Add($"cut at {at}", valueText[..at]);
        }

        foreach (var (path, node) in Nodes(mutants._value, "$"))
        {
            mutants.AddReplacements(path, node);
            if (node.ValueKind == JsonValueKind.Object)
            {
                mutants.AddMemberEdits(path, node);
            }

            if (node.ValueKind == JsonValueKind.String)
            {
                for (var edit = 0; edit < textEdits; edit++)
                {
                    mutants.AddTextEdit(path, node.GetString()!);
                }
            }
        }

        return mutants._mutants;
    }

    /// <summary>The request itself: its value missing, doubled or cut short, members around it, not an object at all.</summary>
    private void AddRequestShapes()
    {
        var valid = Request(_valueText);
        Add("the valid request", valid);
        Add("no value member", $"{{\"name\":\"{_command}\"}}");
        Add("members in the other order", $"{{\"value\":{_valueText},\"name\":\"{_command}\"}}");
        Add("an extra member", $"{{\"name\":\"{_command}\",\"value\":{_valueText},\"extra\":[1,{{}}]}}");
        Add("the value twice, null last", $"{{\"name\":\"{_command}\",\"value\":{_valueText},\"value\":null}}");
        Add("the value twice, null first", $"{{\"name\":\"{_command}\",\"value\":null,\"value\":{_valueText}}}");
        Add("the name with an escape", $"{{\"name\":\"\\u{(int)_command[0]:x4}{_command[1..]}\",\"value\":{_valueText}}}");
        Add("the members' names with escapes", $"{{\"n\\u0061me\":\"{_command}\",\"v\\u0061lue\":{_valueText}}}");
        Add("the name in capitals", $"{{\"name\":\"{_command.ToUpperInvariant()}\",\"value\":{_valueText}}}");
        Add("white space around everything", $" \r\n{{ \"name\" :\t\"{_command}\" ,\n\"value\" : {_valueText} }}\n ");
        Add("the value written as a JSON string holding its JSON", Request(Quote(_valueText)));
        Add("the value in an array", Request($"[{_valueText}]"));
        Add("the request as a JSON string", Quote(valid));
        Add("the request in an array", $"[{valid}]");
        Add("a trailing second value", valid + " {}");
        Add("trailing garbage", valid + "x");
        Add("a byte order mark first", "\uFEFF" + valid);
        foreach (var other in (string[])["", "null", "1", "\"version\"", "{}", "[]", "{\"name\":null,\"value\":\"\"}", "{\"name\":5}"])
        {
            Add($"the request {other}", other);
        }

        Add("cut at its last byte", valid[..^1]);
        for (var cut = 0; cut < 4; cut++)
        {
            var at = _random.Next(1, valid.Length);
            Add($"cut at {at}", valid[..at]);
        }
    }

    private void AddReplacements(string path, JsonElement node)
    {
        foreach (var replacement in Replacements)
        {
            Add($"{path} := {Short(replacement)}", Request(Rewrite(path, _ => replacement)));
        }

        Add($"{path} := its JSON as a string", Request(Rewrite(path, element => Quote(element.GetRawText()))));
        Add($"{path} in an array", Request(Rewrite(path, element => $"[{element.GetRawText()}]")));
        if (node.ValueKind == JsonValueKind.Number)
        {
            Add($"{path} as a string", Request(Rewrite(path, element => Quote(element.GetRawText()))));
        }
    }

    /// <summary>Each member removed, duplicated with a wrong value, renamed in another case; one member added.</summary>
    private void AddMemberEdits(string path, JsonElement node)
    {
        var members = node.EnumerateObject().Select(member => (Name: Quote(member.Name), Value: member.Value.GetRawText())).ToList();
        for (var index = 0; index < members.Count; index++)
        {
            var at = index;
            var name = members[at].Name;
            Add($"{path} without {name}", Request(Rewrite(path, _ => Object(members.Where((_, i) => i != at)))));
            Add($"{path} with {name} twice, null last", Request(Rewrite(path, _ => Object([.. members, (name, "null")]))));
            Add($"{path} with {name} twice, a number first", Request(Rewrite(path, _ => Object([(name, "7"), .. members]))));
            Add($"{path} with {name} in capitals", Request(Rewrite(path, _ => Object(members.Select((m, i) => i == at ? (m.Name.ToUpperInvariant(), m.Value) : m)))));
        }

        Add($"{path} with an extra member", Request(Rewrite(path, _ => Object([.. members, ("\"extra\"", "{\"x\":[null]}")]))));
        Add($"{path} with an empty name", Request(Rewrite(path, _ => Object([.. members, ("\"\"", "1")]))));
        Add($"{path} with a lone surrogate name", Request(Rewrite(path, _ => Object([("\"\\ud800\"", "1"), .. members]))));
    }

    /// <summary>One random edit of a string's text, written with escapes where the edit needs them.</summary>
    private void AddTextEdit(string path, string text)
    {
        var at = _random.Next(text.Length + 1);
        var (what, raw) = _random.Next(14) switch
        {
            0 => Insert(at, $"\\u{_random.Next(1, 0x20):x4}", text),
            1 => Insert(at, "\\u007f", text),
            2 => Insert(at, "\\u0000", text),
            3 => Insert(at, _random.Next(2) == 0 ? "\\ud800" : "\\udfff", text),
            4 => Insert(at, _random.Next(2) == 0 ? "\\u00e9" : "\\ud83d\\ude00", text),
            5 => ($"cut to {at}", Escape(text[..at])),
            6 when text.Length > 0 => ($"without character {Math.Min(at, text.Length - 1)}", Escape(text.Remove(Math.Min(at, text.Length - 1), 1))),
            7 when text.Length > 0 => Replace(Math.Min(at, text.Length - 1), "!=-_*.,/+: ~"[_random.Next(12)], text),
            8 => Insert(at, "=", text),
            9 => Insert(text.Length, _random.Next(2) == 0 ? "\\n" : "\\r\\n", text),
            10 => Insert(0, " \\t", text),
            11 => ("doubled", Escape(text + text)),
            12 => ("upper case", Escape(text.ToUpperInvariant())),
            _ => Insert(at, ",", text),
        };
        Add($"{path}: {what}", Request(Rewrite(path, _ => "\"" + raw + "\"")));
    }

    /// <summary>One random edit of a base64 string's decoded bytes, encoded again (so only the bytes are wrong).</summary>
    private void AddDecodedEdit(string path, byte[] bytes)
    {
        var at = _random.Next(bytes.Length + 1);
        byte[] edited;
        string what;
        switch (_random.Next(4))
        {
            case 0:
                var insert = DecodedInserts[_random.Next(DecodedInserts.Length)];
                edited = [.. bytes[..at], .. insert, .. bytes[at..]];
                what = $"decoded: {Convert.ToHexString(insert)} inserted at {at}";
                break;
            case 1:
                edited = bytes[..at];
                what = $"decoded: cut to {at}";
                break;
            case 2 when bytes.Length > 0:
                at = Math.Min(at, bytes.Length - 1);
                edited = [.. bytes[..at], .. bytes[(at + 1)..]];
                what = $"decoded: without byte {at}";
                break;
            default:
                edited = [.. bytes];
                if (edited.Length > 0)
                {
                    at = Math.Min(at, edited.Length - 1);
                    edited[at] ^= (byte)(1 << _random.Next(8));
                }

                what = $"decoded: a bit of byte {at} flipped";
                break;
        }

        Add($"{path} {what}", Request(Rewrite(path, _ => Quote(Convert.ToBase64String(edited)))));
    }

    private static (string What, string Raw) Insert(int at, string escaped, string text) =>
        ($"{escaped} at {at}", Escape(text[..at]) + escaped + Escape(text[at..]));

    private static (string What, string Raw) Replace(int at, char with, string text) =>
        ($"character {at} replaced by '{with}'", Escape(text[..at]) + Escape(with.ToString()) + Escape(text[(at + 1)..]));

    private void Add(string what, string request) => _mutants.Add(new RequestMutant($"{_command}: {what}", request));

    private string Request(string value) => _valuesOnly ? value : $"{{\"name\":\"{_command}\",\"value\":{value}}}";

    /// <summary>The valid value with the node at <paramref name="target"/> written by <paramref name="replace"/>.</summary>
    private string Rewrite(string target, Func<JsonElement, string> replace) => Write(_value, "$", target, replace);

    private static string Write(JsonElement element, string path, string target, Func<JsonElement, string> replace) =>
        path == target ? replace(element) : element.ValueKind switch
        {
            JsonValueKind.Object => Object(element.EnumerateObject().Select(member =>
                (Quote(member.Name), Write(member.Value, $"{path}.{member.Name}", target, replace)))),
            JsonValueKind.Array => "[" + string.Join(',', element.EnumerateArray().Select((item, index) =>
                Write(item, $"{path}[{index}]", target, replace))) + "]",
            _ => element.GetRawText(),
        };

    /// <summary>Every node of a value with its path, the value itself first.</summary>
    private static IEnumerable<(string Path, JsonElement Node)> Nodes(JsonElement element, string path)
    {
        yield return (path, element);
        var children = element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().Select(member => ($"{path}.{member.Name}", member.Value)),
            JsonValueKind.Array => element.EnumerateArray().Select((item, index) => ($"{path}[{index}]", item)),
            _ => [],
        };
        foreach (var (childPath, child) in children)
        {
            foreach (var node in Nodes(child, childPath))
            {
                yield return node;
            }
        }
    }

    private static string Object(IEnumerable<(string Name, string Value)> members) =>
        "{" + string.Join(',', members.Select(member => member.Name + ":" + member.Value)) + "}";

    private static string Quote(string text) => "\"" + Escape(text) + "\"";

    private static string Escape(string text) => JsonEncodedText.Encode(text).ToString();

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private static string Short(string text) => text.Length <= 24 ? text : $"{text[..12]}…({text.Length} characters)";
}

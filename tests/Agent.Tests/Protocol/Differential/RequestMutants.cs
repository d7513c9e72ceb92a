using System.Globalization;
using System.Text;
using static GuestAgent.Testing.JsonTextMutation;

namespace GuestAgent.Tests.Protocol.Differential;

/// <summary>
/// Requests as Nova's dom0 plugin writes them (<c>json.dumps</c>, or compact), and seeded mutants of
/// them: members rebuilt (keys escaped, repeated, missing, a name of every JSON type, values deep or
/// odd), then bytes flipped, cut, repeated or given a snippet from a list of the texts on which JSON
/// readers disagree (white space beyond JSON's four, a BOM, NaN and Infinity, numbers beyond every
/// machine type, escapes of lone surrogates, bytes that are not UTF-8, a NUL). The same seed gives
/// the same requests, so a failure names a case that can be run again.
/// </summary>
internal static class RequestMutants
{
    /// <summary>The names and values of the commands Nova sends (spec §2.3).</summary>
    public static readonly (string Name, string Value)[] NovaRequests =
    [
        ("version", "\"agent\""),
        ("keyinit", "\"72934389420761065950890858028106\""),
        ("password", "\"U2FsdGVkX1+3q2ZlY3JldHBhc3N3b3JkZGF0YQ==\""),
        ("resetnetwork", "\"\""),
        ("injectfile", "\"L3RtcC9mb28sYmFy\""),
        ("file_inject", """{"b64_path": "L3RtcC9mb28=", "b64_file": "YmFy"}"""),
        ("agentupdate", "\"https://example.com/agent.tgz,0f343b0931126a20f133d67c2b018a3b\""),
        ("agentupdate", """{"url": "https://example.com/agent.tgz", "md5sum": "0f343b0931126a20f133d67c2b018a3b"}"""),
        ("features", "\"\""),
    ];

    /// <summary>Texts that JSON readers are known to treat differently, or that sit on an edge of the grammar.</summary>
    private static readonly string[] Snippets =
    [
        " ", "\t", "\n", "\r", "\v", "\f", "\u00a0", "\u2028", "\ufeff", "\u0000", "\u007f", "\u0085",
        "NaN", "Infinity", "-Infinity", "nan", "inf", "null", "true", "false", "None",
        "1e400", "-1e400", "-0", "0.1e-99999", "123456789012345678901234567890", "18446744073709551616",
        "01", "1.", ".5", "+1", "0x10", "1e", "--1",
        "\\u0061", "\\ud800", "\\udc00", "\\ud800\\udc00", "\\ud83d\\ude00", "\\u00e9", "\\u0000", "\\/", "\\\"",
        "\\x41", "\\u12", "\\U0041", "\\0", "\\a", "\\", "\"", "'", ",", ":", "{", "}", "[", "]", "{}", "[]",
        "é", "\u20ac", "😀", "/*c*/", "//",
    ];

    /// <summary>Raw bytes no UTF-8 text holds, or only as a BOM.</summary>
    private static readonly byte[][] RawBytes =
    [
        [0xFF], [0xC3], [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xEF, 0xBB, 0xBF], [0xC2, 0xA0], [0x00],
    ];

    private static readonly string[] NameKeys = ["\"name\"", "\"n\\u0061me\"", "\"\\u006e\\u0061\\u006d\\u0065\"", "\"Name\"", "\"name \"", "\"nam\\u0065\""];

    /// <summary>Keys of members the request has besides its name and value: escapes that encode no text among them.</summary>
    private static readonly string[] OddKeys = ["\"\\ud800\"", "\"n\\udc00ame\"", "\"value\\ud800\"", "\"\"", "\"name\\u0000\"", "\"\\u00e9\"", "\"nam\u00e9\""];

    private static readonly string[] ValueKeys = ["\"value\"", "\"v\\u0061lue\"", "\"VALUE\""];

    private static readonly string[] OddValues =
    [
        "17", "-0", "1e400", "null", "true", "[]", "{}", "NaN", "-Infinity", "\"\\ud800\"", "\"caf\\u00e9\"", "\"café\"",
        "[1,[2,{\"a\":null}]]", "{\"a\":1,\"a\":2}", "{\"name\":\"inner\"}", "\"" + new string('A', 3000) + "\"",
        "1" + new string('0', 5000), "0." + new string('9', 400),
    ];

    /// <summary><paramref name="count"/> requests from <paramref name="seed"/>: the Nova requests themselves first, then mutants.</summary>
    public static List<byte[]> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var requests = new List<byte[]>(count);
        foreach (var (name, value) in NovaRequests)
        {
            requests.Add(Encoding.UTF8.GetBytes(Serialize([("\"name\"", Quote(name)), ("\"value\"", value)], spaced: true)));
            requests.Add(Encoding.UTF8.GetBytes(Serialize([("\"value\"", value), ("\"name\"", Quote(name))], spaced: false)));
        }

        while (requests.Count < count)
        {
            var bytes = Encoding.UTF8.GetBytes(Structured(random));
            // Half the mutants keep valid JSON's structure (the members were changed, not the grammar),
            // so the comparison of names and values gets as many cases as the comparison of refusals.
            var flips = random.Next(2) == 0 ? 0 : random.Next(1, 4);
            for (var flip = 0; flip < flips; flip++)
            {
                bytes = Mutate(random, bytes, Snippets, RawBytes);
            }

            requests.Add(bytes);
        }

        return requests;
    }

    /// <summary>A request rebuilt member by member.</summary>
    private static string Structured(Random random)
    {
        var (name, value) = NovaRequests[random.Next(NovaRequests.Length)];
        var members = new List<(string Key, string Value)> { (Pick(random, NameKeys, 0.2), NameText(random, name)), (Pick(random, ValueKeys, 0.15), ValueText(random, value)) };
        if (random.Next(4) == 0)
        {
            members.Reverse();
        }

        switch (random.Next(10))
        {
            case 0:
                members.RemoveAt(random.Next(members.Count));
                break;
            case 1:
                members.Insert(random.Next(members.Count + 1), ("\"name\"", NameText(random, NovaRequests[random.Next(NovaRequests.Length)].Name)));
                break;
            case 2:
                members.Insert(random.Next(members.Count + 1), ("\"value\"", ValueText(random, NovaRequests[random.Next(NovaRequests.Length)].Value)));
                break;
            case 3:
                members.Insert(random.Next(members.Count + 1), ("\"id\"", "\"" + random.Next().ToString("x8", CultureInfo.InvariantCulture) + "\""));
                break;
            case 4:
                members.Insert(random.Next(members.Count + 1), (Pick(random, OddKeys, 0), "1"));
                break;
        }

        var text = Serialize(members, spaced: random.Next(2) == 0);
        return random.Next(12) switch
        {
            0 => "[" + text + "]",
            1 => Snippets[random.Next(Snippets.Length)] + text,
            2 => text + Snippets[random.Next(Snippets.Length)],
            _ => text,
        };
    }

    private static string NameText(Random random, string name) => random.Next(12) switch
    {
        0 => Pick(random, ["17", "null", "true", "[\"" + name + "\"]", "{}", "NaN", "1e400", "-0"], 0),
        1 => Quote(Escape(random, name)),
        2 => Quote(name.Insert(random.Next(name.Length + 1), Snippets[random.Next(Snippets.Length)])),
        3 => Quote(name.ToUpperInvariant()),
        4 => Quote(name + Pick(random, ["\\ud800", "\\udc00", "\\udc00\\ud800", "\\ud800\\u0061"], 0)),
        _ => Quote(name),
    };

    private static string ValueText(Random random, string value) => random.Next(8) switch
    {
        0 => OddValues[random.Next(OddValues.Length)],
        1 => Nested(random.Next(2) == 0 ? random.Next(58, 70) : random.Next(990, 1010), value, random.Next(2) == 0),
        2 => value.Insert(1, Snippets[random.Next(Snippets.Length)]),
        _ => value,
    };

    /// <summary>The value nested so that the request reaches <paramref name="depth"/> levels, the request object counted.</summary>
    private static string Nested(int depth, string value, bool objects) => objects
        ? string.Concat(Enumerable.Repeat("{\"a\":", depth - 2)) + value + new string('}', depth - 2)
        : new string('[', depth - 2) + value + new string(']', depth - 2);

    /// <summary>Some of the name's characters written as <c>\uXXXX</c>.</summary>
    private static string Escape(Random random, string text) =>
        string.Concat(text.Select(c => random.Next(3) == 0 ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString()));

    private static string Pick(Random random, string[] choices, double othersChance) =>
        random.NextDouble() < othersChance || othersChance == 0 ? choices[random.Next(choices.Length)] : choices[0];
}

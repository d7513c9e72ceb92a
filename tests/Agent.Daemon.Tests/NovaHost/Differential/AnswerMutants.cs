using System.Text;
using static GuestAgent.Testing.JsonTextMutation;

namespace GuestAgent.Daemon.Tests.NovaHost.Differential;

/// <summary>
/// Answers as an agent writes them to <c>data/guest/&lt;id&gt;</c>, and seeded mutants of them: members
/// rebuilt (returncode and message missing, repeated, of another JSON type, or given escapes, UTF-8
/// outside ASCII, control bytes, NaN, numbers beyond every machine type, deep nesting), then bytes
/// inserted, replaced, cut or repeated from a list of the bytes on which the readers could part (what
/// <c>xenstore-read</c> escapes, what <c>strip()</c> and JSON treat as white space, what is not
/// UTF-8). The same seed gives the same answers, so a failure names a case that can be run again.
/// </summary>
internal static class AnswerMutants
{
    /// <summary>Answers the agent writes (spec §2.4 and §3): compact and in Python 2's <c>json.dumps</c> order.</summary>
    public static readonly (string ReturnCode, string Message)[] AgentAnswers =
    [
        ("0", "1.0.0.0"),
        ("D0", "72934389420761065950890858028106"),
        ("0", ""),
        ("0", "success"),
        ("500", "Request is malformed"),
        ("500", "Request is missing 'name' key"),
        ("404", "No such agent command 'reboot'"),
        ("500", "Couldn't restart network: 256"),
        ("0", "1.0\\r\\n"),
    ];

    /// <summary>Texts placed inside strings, between tokens or around the answer.</summary>
    private static readonly string[] Snippets =
    [
        " ", "  ", "\t", "\n", "\r", "\r\n", "\v", "\f", "\u00a0", "\u0085", "\u2028", "\ufeff", "\u001b[2J", "\u001b", "\u0000", "\u0007", "\u007f",
        "\\\"", "\\\\", "\\u00e9", "\\n", "\\t", "\\r", "\\r\\n", "\\/", "\\b", "\\u0000", "\\ud800", "\\x41", "\\0", "\\",
        "é", "\u20ac", "😀", "\"", "'", ",", ":", "{", "}", "[", "]", "{}", "[]", "NaN", "Infinity", "-Infinity",
        "null", "true", "0", "-0", "1e999", "123456789012345678901234567890", "x", "garbage", "\\x1b", "\\001",
    ];

    /// <summary>Raw bytes no UTF-8 text holds (or only as a BOM or a C1 control).</summary>
    private static readonly byte[][] RawBytes =
    [
        [0xFF], [0xC3], [0x80], [0x9B], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF], [0xC2, 0xA0], [0xC2, 0x85], [0x00], [0x08], [0x0B], [0x1F],
    ];

    /// <summary>Values put where <c>returncode</c> or <c>message</c> go, or beside them.</summary>
    private static readonly string[] OddValues =
    [
        "0", "-0", "0.0", "500", "1e999", "-1e999", "123456789012345678901234567890", "NaN", "Infinity", "-Infinity", "null", "true", "false",
        "[]", "{}", "[\"0\"]", "{\"returncode\":\"0\"}", "\"\"", "\" 0\"", "\"0 \"", "\"D0\"", "\"d0\"", "\"0\\u0000\"",
    ];

    /// <summary><paramref name="count"/> answers from <paramref name="seed"/>: the agent's own first, then mutants.</summary>
    public static List<byte[]> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var answers = new List<byte[]>(count);
        foreach (var (code, message) in AgentAnswers)
        {
            answers.Add(Encoding.UTF8.GetBytes(Serialize([("\"message\"", Quote(message)), ("\"returncode\"", Quote(code))], spaced: true)));
            answers.Add(Encoding.UTF8.GetBytes(Serialize([("\"returncode\"", Quote(code)), ("\"message\"", Quote(message))], spaced: false)));
        }

        while (answers.Count < count)
        {
            var bytes = Encoding.UTF8.GetBytes(Structured(random));
            // Half keep the structure (members changed, grammar intact), so the comparison of return
            // codes and messages gets as many cases as the comparison of refusals.
            var flips = random.Next(2) == 0 ? 0 : random.Next(1, 4);
            for (var flip = 0; flip < flips; flip++)
            {
                bytes = Mutate(random, bytes, Snippets, RawBytes);
            }

            answers.Add(bytes);
        }

        return answers;
    }

    /// <summary>An answer rebuilt member by member.</summary>
    private static string Structured(Random random)
    {
        var (code, message) = AgentAnswers[random.Next(AgentAnswers.Length)];
        var members = new List<(string Key, string Value)> { ("\"returncode\"", CodeText(random, code)), ("\"message\"", MessageText(random, message)) };
        if (random.Next(3) == 0)
        {
            members.Reverse();
        }

        switch (random.Next(10))
        {
            case 0:
                members.RemoveAt(random.Next(members.Count));
                break;
            case 1:
                // Python keeps the last of a repeated key.
                var (otherCode, otherMessage) = AgentAnswers[random.Next(AgentAnswers.Length)];
                members.Insert(random.Next(members.Count + 1), random.Next(2) == 0 ? ("\"returncode\"", Quote(otherCode)) : ("\"message\"", Quote(otherMessage)));
                break;
            case 2:
                members.Insert(random.Next(members.Count + 1), (Quote(random.Next(2) == 0 ? "extra" : "Returncode"), OddValues[random.Next(OddValues.Length)]));
                break;
            case 3:
                members.Insert(random.Next(members.Count + 1), ("\"data\"", Nested(random)));
                break;
            case 4:
                members.Insert(random.Next(members.Count + 1), ("\"returncode\\u0000\"", "\"0\""));
                break;
        }

        var text = Serialize(members, spaced: random.Next(2) == 0);
        return random.Next(14) switch
        {
            0 => "[" + text + "]",
            1 => Quote(text),
            2 => OddValues[random.Next(OddValues.Length)],
            3 or 4 => Snippets[random.Next(Snippets.Length)] + text,
            5 or 6 => text + Snippets[random.Next(Snippets.Length)],
            _ => text,
        };
    }

    private static string CodeText(Random random, string code) => random.Next(8) switch
    {
        0 => OddValues[random.Next(OddValues.Length)],
        1 => Quote(code.Insert(random.Next(code.Length + 1), Snippets[random.Next(Snippets.Length)])),
        _ => Quote(code),
    };

    private static string MessageText(Random random, string message) => random.Next(6) switch
    {
        0 => OddValues[random.Next(OddValues.Length)],
        1 or 2 => Quote(message.Insert(random.Next(message.Length + 1), Snippets[random.Next(Snippets.Length)])),
        3 => Quote(message + "\\r\\n"),
        _ => Quote(message),
    };

    /// <summary>
    /// A value nested around the readers' limits: System.Text.Json's default 64 levels, the daemon's 900
    /// (PythonJsonLoads.MaxDepth) and Python's recursion limit, about 1000 levels, which the daemon does
    /// not pretend to know to the level; the answer's own object adds one.
    /// </summary>
    private static string Nested(Random random)
    {
        var depth = random.Next(5) switch
        {
            0 => random.Next(2, 20),
            1 => random.Next(60, 70),
            2 => random.Next(100, 899),
            3 => random.Next(895, 905),
            _ => random.Next(990, 1100),
        };

        // Objects only below 100 levels: a thousand would not fit in one XenStore value (4096 bytes).
        return depth < 100 && random.Next(2) == 0
            ? string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)
            : new string('[', depth) + new string(']', depth);
    }
}

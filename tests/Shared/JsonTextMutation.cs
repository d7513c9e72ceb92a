using System.Text;

namespace GuestAgent.Testing;

/// <summary>
/// The byte-level edits and the object text shared by the differential fuzzes of JSON the agent reads
/// (requests) and the Nova side reads (answers): seeded by the caller's <see cref="Random"/>, so a
/// case is reproduced from its seed.
/// </summary>
internal static class JsonTextMutation
{
    /// <summary>An object of the given members, written as <c>json.dumps</c> does (<c>", "</c>, <c>": "</c>) or compact.</summary>
    public static string Serialize(List<(string Key, string Value)> members, bool spaced) =>
        "{" + string.Join(spaced ? ", " : ",", members.Select(m => m.Key + (spaced ? ": " : ":") + m.Value)) + "}";

    /// <summary>
    /// One edit at a random place: a snippet (one of <paramref name="rawBytes"/> a third of the time,
    /// else of <paramref name="snippets"/>) inserted or put over a byte, a byte removed or repeated, or
    /// the text cut there.
    /// </summary>
    public static byte[] Mutate(Random random, byte[] bytes, string[] snippets, byte[][] rawBytes)
    {
        var at = random.Next(bytes.Length + 1);
        byte[] insert = random.Next(3) == 0 ? rawBytes[random.Next(rawBytes.Length)] : Encoding.UTF8.GetBytes(snippets[random.Next(snippets.Length)]);
        return random.Next(6) switch
        {
            1 when at < bytes.Length => [.. bytes[..at], .. insert, .. bytes[(at + 1)..]],
            2 when at < bytes.Length => [.. bytes[..at], .. bytes[(at + 1)..]],
            3 => bytes[..at],
            4 when at < bytes.Length => [.. bytes[..(at + 1)], .. bytes[at..]],
            _ => [.. bytes[..at], .. insert, .. bytes[at..]],
        };
    }

    /// <summary><paramref name="text"/> between quotes, as it is (no escaping: the callers choose their escapes).</summary>
    public static string Quote(string text) => "\"" + text + "\"";
}

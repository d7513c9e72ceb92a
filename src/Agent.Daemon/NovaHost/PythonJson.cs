using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GuestAgent.Daemon.NovaHost;

/// <summary>
/// JSON text as Python's <c>json.dumps</c> writes it with its defaults, which is what Nova's dom0
/// plugin puts into XenStore: <c>", "</c> and <c>": "</c> between items, every character outside
/// printable ASCII escaped as <c>\uXXXX</c> in lower-case hex (<c>ensure_ascii</c>), and
/// <c>' + &lt; &gt; &amp;</c> left as they are (System.Text.Json's default encoder escapes them).
/// Byte for byte for what Nova sends (strings, objects and lists of them, integers, literals); two
/// things a hand-written value could hold are kept as written instead of as Python would re-write
/// them: non-integer numbers (Python prints its float, <c>1E3</c> as <c>1000.0</c>) and a key given
/// twice (Python keeps the last).
/// </summary>
internal static class PythonJson
{
    /// <summary>A JSON value re-written in <c>json.dumps</c> form; numbers keep their text.</summary>
    public static string Dumps(JsonElement value)
    {
        var text = new StringBuilder();
        Write(value, text);
        return text.ToString();
    }

    /// <summary>A string as a <c>json.dumps</c> string literal, quotes included.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        AppendQuoted(value, text);
        return text.ToString();
    }

    private static void Write(JsonElement value, StringBuilder text)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var firstMember = true;
                foreach (var member in value.EnumerateObject())
                {
                    text.Append(firstMember ? "" : ", ");
                    firstMember = false;
                    AppendQuoted(member.Name, text);
                    text.Append(": ");
                    Write(member.Value, text);
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var firstItem = true;
                foreach (var item in value.EnumerateArray())
                {
                    text.Append(firstItem ? "" : ", ");
                    firstItem = false;
                    Write(item, text);
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                AppendQuoted(value.GetString()!, text);
                break;
            default:
                // Numbers, true, false and null: Python writes integers and these literals alike.
                text.Append(value.GetRawText());
                break;
        }
    }

    private static void AppendQuoted(string value, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                '\b' => text.Append("\\b"),
                '\f' => text.Append("\\f"),
                >= ' ' and <= '~' => text.Append(c),
                // One escape per UTF-16 unit, as Python does for characters beyond the BMP too.
                _ => text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
            };
        }

        text.Append('"');
    }
}

using System.Text;
using System.Text.Json;

namespace GuestAgent.Daemon.NovaHost;

/// <summary>
/// JSON text read as Python's <c>json.loads</c> reads it, which is how Nova reads an agent's answer
/// (the dom0 plugin's <c>jsonify</c>, then <c>_call_agent</c>). Where it reads more than JSON, so
/// does this: the literals <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> as numbers, and nesting
/// far past System.Text.Json's default 64 levels. A key given twice needs nothing: like Python's
/// dict, <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> finds the last.
/// </summary>
internal static class PythonJsonLoads
{
    /// <summary>
    /// The deepest nesting read, the outermost object or array counted. Python reads on until it runs
    /// out of recursion (1000 frames by default, its caller's included): at 996 levels when a script
    /// calls it directly, a few levels sooner in Nova's plugin, and elsewhere in other versions. Every
    /// Python reads 900; past that this refuses, rather than guess where a given Nova gives up.
    /// </summary>
    public const int MaxDepth = 900;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };

    /// <summary>
    /// The document <c>json.loads</c> reads from <paramref name="text"/>, or null where it raises
    /// <c>ValueError</c> (or the text nests deeper than <see cref="MaxDepth"/>). NaN, Infinity and
    /// -Infinity are read as <c>null</c>, <c>1</c> and <c>-1</c>: what matters of them to an answer's
    /// reader is that none is a string. The caller disposes the document.
    /// </summary>
    public static JsonDocument? TryParse(string text)
    {
        try
        {
            return JsonDocument.Parse(WithoutConstants(text), Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// <paramref name="text"/> with each constant outside strings replaced by a JSON value set off by
    /// spaces: where Python's scanner would not read the constant (<c>1NaN</c>, <c>-NaN</c>,
    /// <c>Infinity1</c>), the spaces keep the replacement from joining its neighbours into JSON.
    /// </summary>
    private static string WithoutConstants(string text)
    {
        StringBuilder? replaced = null;
        var copied = 0;
        var inside = false;
        for (var index = 0; index < text.Length; index++)
        {
            var c = text[index];
            if (inside)
            {
                // A backslash's escaped character is skipped, so an escaped quote ends no string.
                index += c == '\\' ? 1 : 0;
                inside = c != '"';
                continue;
            }

            inside = c == '"';
            var (literal, value) = c switch
            {
                '-' when Follows(text, index, "-Infinity") => ("-Infinity", " -1 "),
                'I' when Follows(text, index, "Infinity") => ("Infinity", " 1 "),
                'N' when Follows(text, index, "NaN") => ("NaN", " null "),
                _ => ((string?)null, ""),
            };
            if (literal is null)
            {
                continue;
            }

            replaced ??= new StringBuilder(text.Length + 8);
            replaced.Append(text, copied, index - copied).Append(value);
            index += literal.Length - 1;
            copied = index + 1;
        }

        return replaced is null ? text : replaced.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool Follows(string text, int index, string literal) =>
        text.AsSpan(index).StartsWith(literal, StringComparison.Ordinal);
}

using System.Reflection;
using System.Text;

namespace GuestAgent.Generators.Emitting;

/// <summary>Small helpers for writing C# text; no Roslyn types.</summary>
internal static class CSharp
{
    public const string Commands = "global::GuestAgent.Commands";
    public const string Result = Commands + ".CommandResult";
    public const string ValueTaskOfResult = "global::System.Threading.Tasks.ValueTask<" + Result + ">";
    public const string Json = "global::System.Text.Json";
    public const string JsonMetadata = "global::System.Text.Json.Serialization.Metadata";

    /// <summary>
    /// The reader local's declaration. Generated code spells every local's type: <c>var</c> would
    /// bind to a user type named <c>var</c> (legal, if odd) in the global or GuestAgent namespace.
    /// Once is enough: the <c>new</c> is target-typed. The reader is over the whole value, a final
    /// block, which <see cref="FirstRead"/> relies on.
    /// </summary>
    public const string DeclareReader = "global::System.Text.Json.Utf8JsonReader reader = new(value.Span);";

    /// <summary>
    /// The reader's first read, its result unused: the reader is over the whole value (a final
    /// block), so <c>Read()</c> finds a token or throws <c>JsonException</c> (an empty or white-space
    /// value, which the binding's catch answers as not valid JSON); it never returns false here.
    /// </summary>
    public const string FirstRead = "reader.Read(); // over the whole value: a token, or a JsonException when there is none";

    /// <summary>
    /// The read past the bound value, its result unused: <c>TryDispatch</c> is given one JSON value,
    /// and a reader that allows one value only (the default) throws <c>JsonException</c> when anything
    /// but white space follows it (<c>1 2</c>), which the binding's catch answers as not valid JSON,
    /// rather than binding the first value of a caller's too-wide slice; else it returns false.
    /// Written only where the value is read, so a command that binds nothing pays nothing for it.
    /// </summary>
    public const string LastRead = "reader.Read(); // past the value: a JsonException when anything but white space follows it";

    /// <summary>The generator version written into <c>[GeneratedCode]</c>.</summary>
    public static readonly string Version = typeof(CSharp).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    public static string GeneratedCode => $"[global::System.CodeDom.Compiler.GeneratedCode(\"{GeneratedNames.Tool}\", \"{Version}\")]";

    public const string NeverBrowsable =
        "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";

    /// <summary>A C# string literal, or <c>null</c>.</summary>
    public static string Literal(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var builder = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ when MustEscape(value, i) => "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    /// <summary>
    /// Characters written as escapes: control characters (a literal may hold most of them, but
    /// they would be invisible in the file), the other C# line breaks (U+0085, U+2028, U+2029:
    /// "newline in constant"), and a surrogate without its pair, which would not survive the
    /// generated file's UTF-8 encoding.
    /// </summary>
    private static bool MustEscape(string value, int index)
    {
        var c = value[index];
        if (c < ' ' || c is '\u007f' or '\u0085' or '\u2028' or '\u2029')
        {
            return true;
        }

        if (char.IsHighSurrogate(c))
        {
            return index + 1 >= value.Length || !char.IsLowSurrogate(value[index + 1]);
        }

        return char.IsLowSurrogate(c) && (index == 0 || !char.IsHighSurrogate(value[index - 1]));
    }

    /// <summary>A UTF-8 string literal (<c>"…"u8</c>).</summary>
    public static string Utf8(string value) => Literal(value) + "u8";

    /// <summary>A type name without <c>global::</c>, for descriptors and messages.</summary>
    public static string Plain(string fullName) => fullName.Replace("global::", string.Empty);
}

using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GuestAgent.Generators.Parsing;

/// <summary>Builds compact JSON text for the schemas the generator embeds in descriptors.</summary>
internal static class JsonText
{
    public static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>An object from already-rendered member values, in the given order.</summary>
    public static string Object(IEnumerable<KeyValuePair<string, string>> members)
    {
        var builder = new StringBuilder("{");
        var first = true;
        foreach (var member in members)
        {
            if (!first)
            {
                builder.Append(',');
            }

            first = false;
            builder.Append(String(member.Key)).Append(':').Append(member.Value);
        }

        return builder.Append('}').ToString();
    }

    public static string Array(IEnumerable<string> renderedItems) => "[" + string.Join(",", renderedItems) + "]";

    public static KeyValuePair<string, string> Member(string name, string renderedValue) => new(name, renderedValue);

    /// <summary>Adds members at the end of a rendered object (for <c>default</c> and the like).</summary>
    public static string With(string renderedObject, params KeyValuePair<string, string>[] members)
    {
        var extra = Object(members);
        return renderedObject == "{}" ? extra : renderedObject.Substring(0, renderedObject.Length - 1) + "," + extra.Substring(1);
    }

    /// <summary>Adds members at the start of a rendered object (for <c>$schema</c>).</summary>
    public static string Prepend(string renderedObject, params KeyValuePair<string, string>[] members)
    {
        var extra = Object(members);
        return renderedObject == "{}" ? extra : extra.Substring(0, extra.Length - 1) + "," + renderedObject.Substring(1);
    }
}

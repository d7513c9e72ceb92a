namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Just enough of YAML's flow style (<c>{key: value, list: [a, b]}</c>) to find the network-wide
/// <c>renderer</c> of a file written as <c>network: {version: 2, renderer: NetworkManager}</c>:
/// netplan honours it like the block form (checked on 0.106), and it decides who gets the DNS
/// servers. Definitions in flow style are not read here: one of an interface <c>resetnetwork</c>
/// configures is refused (<see cref="NetplanOtherFiles"/>), and others do not matter to the renderer.
/// </summary>
internal static class NetplanFlowStyle
{
    /// <summary>The scalar <c>renderer</c> key of the flow mapping <paramref name="flow"/> (the value of <c>network:</c>, comments taken out); <c>null</c> when it has none or is no flow mapping this reader understands.</summary>
    public static string? NetworkRenderer(string flow)
    {
        var position = 0;
        return Value(flow, ref position) is Dictionary<string, object?> network
            && Rest(flow, position)
            && network.GetValueOrDefault("renderer") is string renderer
            ? renderer
            : null;
    }

    private static bool Rest(string text, int position) => text[position..].Trim().Length == 0;

    /// <summary>A mapping (a dictionary, the last of a repeated key winning), a sequence (a list), a scalar (a string), or <c>null</c> for text that is none of these.</summary>
    private static object? Value(string text, ref int position)
    {
        SkipSpace(text, ref position);
        if (position >= text.Length)
        {
            return null;
        }

        return text[position] switch
        {
            '{' => Mapping(text, ref position),
            '[' => Sequence(text, ref position),
            _ => Scalar(text, ref position),
        };
    }

    private static Dictionary<string, object?>? Mapping(string text, ref int position)
    {
        var mapping = new Dictionary<string, object?>(StringComparer.Ordinal);
        position++;
        while (true)
        {
            SkipSpace(text, ref position);
            if (position < text.Length && text[position] == '}')
            {
                position++;
                return mapping;
            }

            if (Scalar(text, ref position) is not { } key)
            {
                return null;
            }

            SkipSpace(text, ref position);
            if (position >= text.Length || text[position] != ':')
            {
                return null;
            }

            position++;
            var value = Value(text, ref position);
            if (value is null)
            {
                return null;
            }

            mapping[key] = value;
            if (!Separator(text, ref position, '}'))
            {
                return null;
            }
        }
    }

    private static List<object>? Sequence(string text, ref int position)
    {
        var sequence = new List<object>();
        position++;
        while (true)
        {
            SkipSpace(text, ref position);
            if (position < text.Length && text[position] == ']')
            {
                position++;
                return sequence;
            }

            if (Value(text, ref position) is not { } item)
            {
                return null;
            }

            sequence.Add(item);
            if (!Separator(text, ref position, ']'))
            {
                return null;
            }
        }
    }

    /// <summary>After an entry: a comma (consumed), or the closing bracket (left for the caller).</summary>
    private static bool Separator(string text, ref int position, char close)
    {
        SkipSpace(text, ref position);
        if (position < text.Length && text[position] == ',')
        {
            position++;
            return true;
        }

        return position < text.Length && text[position] == close;
    }

    private static string? Scalar(string text, ref int position)
    {
        if (position >= text.Length)
        {
            return null;
        }

        var quote = text[position];
        if (quote is '"' or '\'')
        {
            var value = new System.Text.StringBuilder();
            for (position++; position < text.Length; position++)
            {
                var c = text[position];
                if (c == quote && quote == '\'' && position + 1 < text.Length && text[position + 1] == '\'')
                {
                    value.Append('\'');
                    position++;
                }
                else if (c == quote)
                {
                    position++;
                    return value.ToString();
                }
                else if (c == '\\' && quote == '"' && position + 1 < text.Length)
                {
                    value.Append(text[++position]);
                }
                else
                {
                    value.Append(c);
                }
            }

            return null;
        }

        // A plain scalar ends at a flow indicator, or at a colon followed by a space or one.
        var start = position;
        while (position < text.Length
            && text[position] is not (',' or '{' or '}' or '[' or ']')
            && !(text[position] == ':' && (position + 1 == text.Length || text[position + 1] is ' ' or '\n' or ',' or '}' or ']')))
        {
            position++;
        }

        var plain = text[start..position].Trim();
        return plain.Length > 0 ? plain : null;
    }

    private static void SkipSpace(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }
}

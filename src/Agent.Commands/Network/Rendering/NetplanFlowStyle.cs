namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Just enough of YAML's flow style (<c>{key: value, list: [a, b]}</c>) to find the network-wide
/// <c>renderer</c> of a file written as <c>network: {version: 2, renderer: NetworkManager}</c>
/// (netplan honours it like the block form, checked on 0.106, and it decides who gets the DNS
/// servers), and to read the flow nodes of a definition for <see cref="NetplanIdentity"/>: a whole
/// definition (<c>lan: {match: {name: eth0}, set-name: eth1}</c>), a <c>match:</c>, an <c>interfaces:</c> list.
/// A key written twice keeps each value in order (<see cref="Repeated"/>), as netplan reads them one after
/// the other. An explicit key (<c>{? match : …}</c>) is not read as its key: <see cref="NetplanIdentity"/> leaves a
/// definition holding one unread (<see cref="NetplanYamlLines.HasExplicitKey"/>). Scalars are read as libyaml reads them: a quoted one decoded by <see cref="YamlQuotedScalar"/>
/// (<c>"Network\x4danager"</c> is NetworkManager to netplan), a tag or anchor before a value passed over,
/// comments skipped; an alias (<c>*name</c>) is not followed, and makes the mapping unreadable.
/// </summary>
internal static class NetplanFlowStyle
{
    /// <summary>The scalar <c>renderer</c> key of the flow mapping <paramref name="flow"/> (the value of <c>network:</c>, with its comments); <c>null</c> when it has none or is no flow mapping this reader understands.</summary>
    public static string? NetworkRenderer(string flow)
    {
        var position = 0;
        return Value(flow, ref position) is Dictionary<string, object?> network
            && Rest(flow, position)
            && (network.GetValueOrDefault("renderer") is Repeated repeated ? repeated.Values[^1] : network.GetValueOrDefault("renderer")) is string renderer
            ? renderer
            : null;
    }

    /// <summary>
    /// The flow node <paramref name="flow"/> (a value after its key's colon, with its comments): a mapping (a dictionary, a repeated
    /// key's values as <see cref="Repeated"/>), a sequence (a list) or a scalar (a string); <c>null</c> for text this reader does not understand.
    /// </summary>
    public static object? Read(string flow)
    {
        var position = 0;
        return Value(flow, ref position) is { } value && Rest(flow, position) ? value : null;
    }

    /// <summary>
    /// The values of a key a mapping repeats, in order: libyaml keeps them all and netplan reads them one after another (checked on
    /// 0.106: a later scalar replaces an earlier one, two <c>match:</c> mappings merge, two <c>interfaces:</c> lists add up).
    /// </summary>
    public sealed record Repeated(IReadOnlyList<object> Values);

    private static bool Rest(string text, int position)
    {
        SkipSpace(text, ref position);
        return position == text.Length;
    }

    /// <summary>A mapping (a dictionary, a repeated key's values as <see cref="Repeated"/>), a sequence (a list), a scalar (a string), or <c>null</c> for text that is none of these.</summary>
    private static object? Value(string text, ref int position)
    {
        SkipSpace(text, ref position);

        // A tag (!!str) or anchor (&name) before the value does not change it.
        while (position < text.Length && text[position] is '!' or '&')
        {
            while (position < text.Length && !char.IsWhiteSpace(text[position]) && text[position] is not (',' or '{' or '}' or '[' or ']'))
            {
                position++;
            }

            SkipSpace(text, ref position);
        }

        if (position >= text.Length || text[position] == '*')
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

            mapping[key] = mapping.TryGetValue(key, out var earlier) ? new Repeated([.. earlier is Repeated r ? r.Values : [earlier!], value]) : value;
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

        var start = position;
        var quote = text[position];
        if (quote is '"' or '\'')
        {
            // To its closing quote (not one escaped as \" or doubled as ''), then decoded as libyaml does.
            for (position++; position < text.Length; position++)
            {
                var c = text[position];
                if ((c == '\\' && quote == '"') || (c == quote && quote == '\'' && position + 1 < text.Length && text[position + 1] == '\''))
                {
                    position++;
                }
                else if (c == quote)
                {
                    position++;
                    return YamlQuotedScalar.Decode(text[start..position]);
                }
            }

            return null;
        }

        // A plain scalar ends at a flow indicator, at a colon followed by a space or one, or at a comment.
        while (position < text.Length
            && text[position] is not (',' or '{' or '}' or '[' or ']')
            && !(text[position] == '#' && position > start && char.IsWhiteSpace(text[position - 1]))
            && !(text[position] == ':' && (position + 1 == text.Length || char.IsWhiteSpace(text[position + 1]) || text[position + 1] is ',' or '}' or ']')))
        {
            position++;
        }

        // Over several lines, folded as libyaml folds it ({name: eth0 then x} is "eth0 x").
        var plain = NetplanAliases.Fold(text[start..position]);
        return plain.Length > 0 ? plain : null;
    }

    /// <summary>Past white space and comments (a <c>#</c> at the start or after white space, to the end of its line).</summary>
    private static void SkipSpace(string text, ref int position)
    {
        while (position < text.Length)
        {
            if (char.IsWhiteSpace(text[position]))
            {
                position++;
            }
            else if (text[position] == '#' && (position == 0 || char.IsWhiteSpace(text[position - 1])))
            {
                var end = text.IndexOf('\n', position);
                position = end < 0 ? text.Length : end;
            }
            else
            {
                return;
            }
        }
    }
}

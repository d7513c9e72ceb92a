using System.Collections.Frozen;
using static GuestAgent.Commands.Network.Rendering.Common.ShellNameReach;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// What a shell word is, as bash reads it before running anything: a reserved word, an assignment
/// (and to which name), a name; and whether a text names a variable at all, which is how the readers
/// decide that a command they do not follow may change it.
/// </summary>
internal static class ShellWords
{
    private static readonly FrozenSet<string> Keywords = FrozenSet.Create(
        StringComparer.Ordinal,
        "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "select",
        "function", "in", "{", "}", "!", "[[", "]]", "time", "coproc");

    /// <summary>
    /// Whether a word assigns: <c>null</c> when it is not an assignment, <c>true</c> when it
    /// assigns <paramref name="key"/>, <c>false</c> when another variable. An assignment before a
    /// command's name is written unquoted up to its <c>=</c>; an argument of <c>export</c> may be
    /// quoted (<paramref name="exported"/>), as export reads the word after quote removal.
    /// </summary>
    internal static bool? Assignment(ShellToken word, string key, bool exported = false) =>
        AssignedName(word, exported) is { } name ? name == key : null;

    /// <summary>The variable a word assigns (see <see cref="Assignment"/>), or <c>null</c> when it is no assignment.</summary>
    internal static string? AssignedName(ShellToken word, bool exported)
    {
        var equals = word.Text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || (!exported && !NameUnquoted(word, equals)) || (!word.IsKnown && word.UnknownFrom <= equals))
        {
            return null;
        }

        var name = word.Text[..(word.Text[equals - 1] == '+' ? equals - 1 : equals)];
        return IsName(name) ? name : null;
    }

    /// <summary>Whether a command's name, written plainly, is a keyword (<c>if</c>, <c>{</c>, <c>function</c>…): a construct the readers do not follow.</summary>
    internal static bool IsKeyword(string name) => Keywords.Contains(name);

    /// <summary>Whether an assignment's name and <c>=</c> are written unquoted, as bash needs to read the word as one.</summary>
    internal static bool NameUnquoted(ShellToken word, int equals) => Enumerable.Range(0, equals + 1).All(word.IsUnquoted);

    /// <summary>Whether the word holds one of <paramref name="characters"/> written unquoted and unescaped.</summary>
    internal static bool HasUnquoted(ShellToken word, string characters) =>
        Enumerable.Range(0, word.Text.Length).Any(i => word.IsUnquoted(i) && characters.Contains(word.Text[i], StringComparison.Ordinal));

    /// <summary>Whether <paramref name="text"/> holds <paramref name="key"/> as a whole name, also where quoting splits it (<see cref="WithoutQuoting"/>).</summary>
    internal static bool Names(string text, string key) => Occurs(WithoutQuoting(ShellHereDocuments.WithoutBodies(text)), key, StartsName);

    /// <summary>
    /// Whether commands (<paramref name="text"/>, from a command's start) may read or change
    /// <paramref name="key"/>: they name it (<see cref="Names"/>), or may set a variable by a name only
    /// running them tells or run code the text does not hold (<see cref="ShellNameReach.ReachesByName"/>).
    /// </summary>
    internal static bool MayReach(string text, string key) => ReachesByName(text) || Names(text, key);

    /// <summary>
    /// Whether <paramref name="text"/> may expand <paramref name="key"/>'s value: <c>$KEY</c>,
    /// <c>${KEY}</c>, <c>${KEY:-x}</c>, <c>${#KEY}</c>, <c>${!KEY}</c> (also quoted, escaped or split by
    /// quoting: only more keys count), or any form that reads a variable by a name only running the
    /// file tells or observes every variable (<see cref="ShellNameReach.ReachesByName"/> with <c>observing</c>:
    /// <c>eval</c>, <c>${!ref}</c>, arithmetic, a sourced file, <c>[ -v KEY ]</c>, <c>set</c>).
    /// </summary>
    internal static bool Expands(string? text, string key) =>
        text is not null && (ReachesByName(text, observing: true) || Occurs(WithoutQuoting(ShellHereDocuments.WithoutBodies(text)), key, Expanded));

    /// <summary>
    /// Whether <paramref name="name"/> occurs in a text with its quoting taken out, not followed by a
    /// name's character, where <paramref name="stands"/> accepts what comes before it (given the
    /// text and where the name starts in it).
    /// </summary>
    private static bool Occurs(string unquoted, string name, Func<string, int, bool> stands)
    {
        for (var at = unquoted.IndexOf(name, StringComparison.Ordinal); at >= 0; at = unquoted.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            var end = at + name.Length;
            if ((end == unquoted.Length || !IsNameChar(unquoted[end])) && stands(unquoted, at))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsName(string text, int at) => at == 0 || !IsNameChar(text[at - 1]);

    /// <summary>Whether the name at <paramref name="at"/> is expanded: <c>$</c> before it, or <c>${</c>, <c>${#</c>, <c>${!</c>.</summary>
    private static bool Expanded(string text, int at)
    {
        var start = at > 0 && text[at - 1] is '#' or '!' ? at - 1 : at;
        start = start > 0 && text[start - 1] == '{' ? start - 1 : start;
        return start > 0 && text[start - 1] == '$';
    }

    /// <summary>
    /// A text with its backslash-newlines, backslashes and quote characters taken out, so that a name
    /// quoting splits is whole again: <c>export K\EY=1</c>, <c>"K"EY=1</c> as export's argument, or
    /// <c>K\⏎EY=1</c> assign KEY. Names it joins that bash keeps apart only make more values unknown.
    /// </summary>
    internal static string WithoutQuoting(string text) =>
        text.Replace("\\\n", "", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal)
            .Replace("'", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="name"/> is a shell variable name (letters, digits and <c>_</c>, not starting with a digit).</summary>
    internal static bool IsName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(IsNameChar);

    internal static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}

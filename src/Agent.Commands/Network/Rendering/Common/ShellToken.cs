namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>What a <see cref="ShellToken"/> is.</summary>
internal enum ShellTokenKind
{
    /// <summary>A word, its quotes removed.</summary>
    Word,

    /// <summary>A newline or <c>;</c>: the command before it runs on its own.</summary>
    Separator,

    /// <summary><c>&amp;&amp;</c>, <c>||</c>, <c>|</c> or <c>|&amp;</c>: the command runs in a list or a pipeline with the next.</summary>
    Connector,

    /// <summary><c>&amp;</c>: the command runs in the background, in a copy of the shell.</summary>
    Background,

    /// <summary>A parenthesis, a redirection or <c>;;</c>: a construct the reader does not follow.</summary>
    Opaque,

    /// <summary>The end of the text.</summary>
    End,

    /// <summary>A quote, command substitution or brace expansion left open: the shell stops with a syntax error.</summary>
    Unterminated,
}

/// <summary>A token of a shell file.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Start">Where it starts in the text.</param>
/// <param name="End">Where it ends in the text.</param>
/// <param name="Text">A word's text after quote removal (with nothing for an expansion).</param>
/// <param name="Source">
/// For each character of <paramref name="Text"/> written unquoted and unescaped, its place in the
/// text less the word's backslash-newlines before it (bash removes them before it reads the word);
/// -1 for a quoted or escaped one. Two unquoted characters follow each other in the shell's reading,
/// with no quotes between, when these differ by one (what decides a tilde expansion).
/// </param>
/// <param name="UnknownFrom">
/// Where in <paramref name="Text"/> the word stops being known, or -1: the place of its first
/// expansion (<c>$…</c>, a backtick, which add nothing to the text) or of a <c>$'…'</c> escape
/// whose result is not a character we can know.
/// </param>
internal sealed record ShellToken(ShellTokenKind Kind, int Start, int End, string Text, IReadOnlyList<int> Source, int UnknownFrom)
{
    /// <summary>The word's whole value is its text.</summary>
    public bool IsKnown => UnknownFrom < 0;

    /// <summary>The word is written without quotes, escapes or expansions (as a command's name must be to be a keyword).</summary>
    public bool IsPlain => IsKnown && Source.All(s => s >= 0);

    /// <summary>Whether the character at <paramref name="i"/> of the text was written unquoted and unescaped.</summary>
    public bool IsUnquoted(int i) => Source[i] >= 0;
}

namespace GuestAgent.Testing;

/// <summary>Text put into the <c>sh</c> scripts tests hand the real tools.</summary>
internal static class ShellWords
{
    /// <summary>
    /// <paramref name="text"/> as one <c>sh</c> word, whatever it holds: a temporary directory's path
    /// holds whatever <c>TMPDIR</c> does, a space included.
    /// </summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

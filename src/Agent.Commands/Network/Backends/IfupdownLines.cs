namespace GuestAgent.Commands.Network.Backends;

/// <summary>
/// The lines Debian's ifupdown reads in an interfaces file: a line whose first character past its leading white space is
/// <c>#</c> is a comment, skipped whole; any other that ends in a backslash goes on in the next (interfaces(5)), the
/// backslash dropped and the next line taken as it is, even one starting with <c>#</c>, blank or itself ending in one; a
/// space after the backslash ends the line there. The real <c>ifquery</c> reads the same (IfupdownSourcedStanzasTests).
/// </summary>
internal static class IfupdownLines
{
    /// <summary>The file's lines as ifupdown reads them, joined where continued, without comments or the white space around them.</summary>
    public static IEnumerable<string> Read(string text)
    {
        var physical = text.Split('\n');
        for (var i = 0; i < physical.Length; i++)
        {
            var line = physical[i].AsSpan().TrimStart(WhiteSpace).ToString();
            if (line.StartsWith('#'))
            {
                continue;
            }

            // At the end of the file a backslash is dropped all the same: ifupdown's read of the next line finds nothing.
            while (line.EndsWith('\\'))
            {
                line = line[..^1] + (i + 1 < physical.Length ? physical[++i] : "");
            }

            yield return line.AsSpan().TrimEnd(WhiteSpace).ToString();
        }
    }

    /// <summary>The white space C's <c>isspace</c> knows, which ifupdown trims from a line's ends.</summary>
    private const string WhiteSpace = " \t\n\v\f\r";
}

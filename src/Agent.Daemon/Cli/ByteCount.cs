using System.Globalization;

namespace GuestAgent.Daemon.Cli;

/// <summary>
/// A number of bytes as an option gives it: digits, optionally followed by <c>K</c>, <c>M</c> or
/// <c>G</c> (either case; powers of 1024, as <c>16M</c> is how the default queue cap is spoken of).
/// </summary>
internal static class ByteCount
{
    /// <summary>How the accepted forms are described in error messages.</summary>
    public const string Forms = "K, M and G are powers of 1024";

    /// <summary>Reads <paramref name="text"/>; <c>false</c> for anything else or a count past <see cref="long.MaxValue"/>.</summary>
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var multiplier = 1L;
        var digits = text;
        if (text.Length > 1)
        {
            var unit = char.ToUpperInvariant(text[^1]) switch
            {
                'K' => 1L << 10,
                'M' => 1L << 20,
                'G' => 1L << 30,
                _ => 0,
            };
            if (unit != 0)
            {
                multiplier = unit;
                digits = text[..^1];
            }
        }

        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > long.MaxValue / multiplier)
        {
            return false;
        }

        bytes = count * multiplier;
        return true;
    }
}

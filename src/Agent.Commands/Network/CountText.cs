using System.Globalization;

namespace GuestAgent.Commands.Network;

/// <summary>A count and its noun for a log line, in the form that agrees with the number ("1 file", "4 files").</summary>
internal static class CountText
{
    /// <summary><paramref name="count"/> followed by <paramref name="one"/> when it is 1, <paramref name="many"/> otherwise (0 included).</summary>
    public static string Of(int count, string one, string many) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);
}

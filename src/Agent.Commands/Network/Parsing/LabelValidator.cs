namespace GuestAgent.Commands.Network.Parsing;

/// <summary>
/// Nova's network label only ever lands in comments (<c># Label public</c>), but a line break would
/// end the comment and let the rest become configuration, so labels are restricted to printable
/// ASCII without quotes, backslashes or shell metacharacters.
/// </summary>
public static class LabelValidator
{
    /// <summary>The longest label accepted.</summary>
    public const int MaxLength = 128;

    /// <summary>Whether <paramref name="label"/> may be written into a comment.</summary>
    public static bool IsValid(string label) =>
        label.Length <= MaxLength && label.All(c => c is >= ' ' and <= '~' && !"\"'\\`$;&|<>(){}".Contains(c, StringComparison.Ordinal));
}

namespace GuestAgent.Commands.Network.Parsing;

/// <summary>
/// Nova's network label (a Neutron network name, free text) only ever lands in comments
/// (<c># Label public</c>) and netctl's quoted <c>Description</c>. A line break would end the
/// comment and let the rest become configuration, and a quote would end the string, so labels are
/// reduced to printable ASCII without quotes, backslashes or shell metacharacters. A label is
/// cosmetic: it is cleaned (and the cleaning reported), never a reason to refuse the network.
/// </summary>
internal static class LabelValidator
{
    /// <summary>The longest label kept.</summary>
    public const int MaxLength = 64;

    /// <summary>Whether <paramref name="label"/> may be written as it is.</summary>
    public static bool IsValid(string label) => label.Length <= MaxLength && label.All(IsAllowed);

    /// <summary>The label with every character that is not allowed replaced by <c>_</c>, cut to <see cref="MaxLength"/>.</summary>
    public static string Clean(string label) =>
        new(label.Take(MaxLength).Select(c => IsAllowed(c) ? c : '_').ToArray());

    private static bool IsAllowed(char c) => c is >= ' ' and <= '~' && !"\"'\\`$;&|<>(){}#".Contains(c, StringComparison.Ordinal);
}

namespace GuestAgent.Commands.Network.Detection;

/// <summary>The identification fields of <c>/etc/os-release</c> (os-release(5)).</summary>
/// <param name="Id">The lowercase distribution id, for example <c>ubuntu</c>; empty when unknown.</param>
/// <param name="IdLike">The ids of related distributions, closest first.</param>
/// <param name="VersionId">The version, for example <c>24.04</c>; empty when unknown.</param>
internal sealed record OsRelease(string Id, IReadOnlyList<string> IdLike, string VersionId)
{
    /// <summary>An unknown system.</summary>
    public static OsRelease Unknown { get; } = new("", [], "");

    /// <summary>Parses the text of an os-release file; unknown keys, comments and bad lines are ignored.</summary>
    public static OsRelease Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('#') || equals <= 0)
            {
                continue;
            }

            values[line[..equals]] = Unquote(line[(equals + 1)..]);
        }

        return new OsRelease(
            values.GetValueOrDefault("ID", "").ToLowerInvariant(),
            values.GetValueOrDefault("ID_LIKE", "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries),
            values.GetValueOrDefault("VERSION_ID", ""));
    }

    /// <summary>Whether the id or one of the <c>ID_LIKE</c> ids is one of <paramref name="ids"/>.</summary>
    public bool IsLike(params IEnumerable<string> ids) => ids.Contains(Id, StringComparer.Ordinal) || IdLike.Any(l => ids.Contains(l, StringComparer.Ordinal));

    /// <summary>The major version number, or <c>null</c>.</summary>
    public int? MajorVersion =>
        int.TryParse(VersionId.Split('.')[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var major) ? major : null;

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
        {
            value = value[1..^1];
        }

        return value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
    }
}

namespace GuestAgent.Commands.Network.Parsing;

/// <summary>
/// Checks host-supplied hostnames before they reach a file or a command line: labels of letters,
/// digits and <c>-</c> (not at either end) joined by dots. A hostname the system takes is at most
/// <see cref="MaxLength"/> characters (the original agent's limit; Linux's HOST_NAME_MAX is 64,
/// a DNS label 63). A longer name from the host is not an error but is shortened
/// (<see cref="ToSystemHostname"/>): Nova names a rescued instance <c>RESCUE-&lt;hostname&gt;</c>, up
/// to 70 characters, and refusing it would leave the rescue system without a network.
/// </summary>
internal static class HostnameValidator
{
    /// <summary>The longest hostname set on the system.</summary>
    public const int MaxLength = 63;

    /// <summary>
    /// Returns <c>null</c> when <paramref name="hostname"/> is a hostname the system takes as it is
    /// (valid, and at most <see cref="MaxLength"/> characters), else the reason.
    /// </summary>
    public static string? Validate(string hostname)
    {
        if (ValidateName(hostname) is { } reason)
        {
            return reason;
        }

        return hostname.Length > MaxLength ? $"the hostname is longer than {MaxLength} characters" : null;
    }

    /// <summary>
    /// Returns <c>null</c> when <paramref name="name"/> is made of valid labels, whatever its length,
    /// else the reason: what the host may send, to be passed through <see cref="ToSystemHostname"/>.
    /// </summary>
    public static string? ValidateName(string name)
    {
        if (name.Length == 0)
        {
            return "the hostname is empty";
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length == 0)
            {
                return "the hostname has an empty label";
            }

            if (!label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return "the hostname may contain only letters, digits, '-' and '.'";
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                return "a hostname label may not begin or end with '-'";
            }
        }

        return null;
    }

    /// <summary>
    /// The hostname to set for a valid <paramref name="name"/> (<see cref="ValidateName"/>): the name
    /// itself when it fits in <see cref="MaxLength"/> characters, else its first label (the host's
    /// own name; the domain is what does not fit) cut to <see cref="MaxLength"/> characters without a
    /// trailing <c>-</c>, so the result is again a valid hostname.
    /// </summary>
    public static string ToSystemHostname(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var label = dot < 0 ? name : name[..dot];
        // A label starts with a letter or digit, so trimming '-' never empties it.
        return label.Length <= MaxLength ? label : label[..MaxLength].TrimEnd('-');
    }

    /// <summary>Whether <paramref name="hostname"/> is valid.</summary>
    public static bool IsValid(string hostname) => Validate(hostname) is null;
}

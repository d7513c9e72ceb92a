namespace GuestAgent.Commands.Network.Parsing;

/// <summary>
/// Checks that a host-supplied hostname is a valid DNS name before it reaches a file or a command
/// line: labels of letters, digits and <c>-</c> (not at either end) joined by dots, at most 63
/// characters in all (the kernel's limit for the live hostname).
/// </summary>
public static class HostnameValidator
{
    /// <summary>The longest hostname accepted.</summary>
    public const int MaxLength = 63;

    /// <summary>Returns <c>null</c> when <paramref name="hostname"/> is valid, else the reason.</summary>
    public static string? Validate(string hostname)
    {
        if (hostname.Length == 0)
        {
            return "the hostname is empty";
        }

        if (hostname.Length > MaxLength)
        {
            return $"the hostname is longer than {MaxLength} characters";
        }

        foreach (var label in hostname.Split('.'))
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

    /// <summary>Whether <paramref name="hostname"/> is valid.</summary>
    public static bool IsValid(string hostname) => Validate(hostname) is null;
}

namespace GuestAgent.XenStore.Wire;

/// <summary>Path rules: characters, separators, lengths, relative paths and special <c>@</c> paths.</summary>
public static class XenStorePath
{
    /// <summary>The special path watched for domain introductions.</summary>
    public const string IntroduceDomain = "@introduceDomain";

    /// <summary>The special path watched for domain releases.</summary>
    public const string ReleaseDomain = "@releaseDomain";

    /// <summary>A domain's home, <c>/local/domain/&lt;domid&gt;</c>.</summary>
    public static string DomainHome(uint domainId) => "/local/domain/" + domainId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether the path is special (starts with <c>@</c>).</summary>
    public static bool IsSpecial(string path) => path.StartsWith('@');

    /// <summary>Whether the path is relative (neither <c>/</c> nor <c>@</c> first).</summary>
    public static bool IsRelative(string path) => path.Length > 0 && path[0] is not '/' and not '@';

    /// <summary>Resolves a relative path against a home; absolute and special paths are returned as they are.</summary>
    public static string Resolve(string path, string home) => IsRelative(path) ? home + "/" + path : path;

    /// <summary>
    /// Whether an absolute, resolved path is valid: allowed characters <c>A-Z a-z 0-9 - / _ @</c>, no
    /// <c>//</c>, no trailing <c>/</c> (except <c>/</c> itself), and at most
    /// <see cref="XenStoreLimits.RelativePathMax"/> bytes below a domain's home, or in all when the path
    /// is not below one (C xenstored 4.17's rule; it keeps every path under
    /// <see cref="XenStoreLimits.AbsolutePathMax"/>, which 4.17 does not check itself).
    /// </summary>
    public static bool IsValidAbsolute(string path)
    {
        if (path.Length == 0 || path[0] != '/')
        {
            return false;
        }

        if (path.Length == 1)
        {
            return true;
        }

        if (path[^1] == '/' || path.Contains("//", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in path)
        {
            if (!IsAllowed(c))
            {
                return false;
            }
        }

        return RelativeLength(path) <= XenStoreLimits.RelativePathMax;
    }

    /// <summary>Whether a special path is valid (<c>@</c>, allowed characters, at most 2048 bytes).</summary>
    public static bool IsValidSpecial(string path)
    {
        if (path.Length < 2 || path[0] != '@' || path.Length > XenStoreLimits.RelativePathMax || path[^1] == '/' || path.Contains("//", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in path)
        {
            if (!IsAllowed(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The parent of an absolute path (<c>/</c> for top-level nodes), or null for <c>/</c>.</summary>
    public static string? Parent(string path)
    {
        if (path == "/")
        {
            return null;
        }

        var slash = path.LastIndexOf('/');
        return slash == 0 ? "/" : path[..slash];
    }

    /// <summary>The last component of an absolute path.</summary>
    public static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>Joins a parent path and a child name.</summary>
    public static string Child(string parent, string name) => parent == "/" ? "/" + name : parent + "/" + name;

    private static bool IsAllowed(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '/' or '_' or '@';

    // xenstored 4.17 limits the part below /local/domain/<domid>/, or the whole path when its
    // sscanf("/local/domain/%5u/%n") finds no home there: at most five characters of an optional
    // sign and digits (the sign counts in the width), then a slash. So "/local/domain/abc/…" and
    // "/local/domain/123456/…" are limited as a whole, as is a path with no slash after the prefix.
    private static int RelativeLength(string path)
    {
        const string prefix = "/local/domain/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return path.Length;
        }

        var position = prefix.Length;
        var width = 0;
        if (position < path.Length && path[position] is '-' or '+')
        {
            position++;
            width++;
        }

        var digits = 0;
        while (position < path.Length && width < 5 && char.IsAsciiDigit(path[position]))
        {
            position++;
            width++;
            digits++;
        }

        return digits > 0 && position < path.Length && path[position] == '/' ? path.Length - position - 1 : path.Length;
    }
}

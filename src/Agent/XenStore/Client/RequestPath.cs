using System.Globalization;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Client;

/// <summary>
/// Refuses, before anything is sent, a path every XenStore server refuses with a bare EINVAL
/// (xenstore-protocol.md §5): an empty one, one ending with <c>/</c> (but <c>/</c> itself), one holding
/// <c>//</c> or a character outside <c>A-Z a-z 0-9 - / _ @</c>, and a special <c>@</c> path outside
/// WATCH and SET_PERMS. The caller then learns which rule the path broke, where EINVAL says only
/// that one did. Relative paths follow the same rules (the server puts the home and a <c>/</c> before
/// them). A special path a watch names is the server's to judge (C xenstored 4.17 checks only its
/// length), and so is every length: C xenstored's limit is an option, counted below a domain's home,
/// and oxenstored has its own, so a client cannot know it.
/// </summary>
internal static class RequestPath
{
    /// <summary>Throws <see cref="ArgumentException"/> when the server would refuse <paramref name="path"/>.</summary>
    /// <param name="path">The path as the caller gave it.</param>
    /// <param name="type">The request: only WATCH and SET_PERMS take a special path.</param>
    public static void Check(string path, XenStoreMessageType type)
    {
        if (Problem(path, type is XenStoreMessageType.Watch or XenStoreMessageType.SetPermissions) is { } problem)
        {
            // The path itself is not quoted: it may be host-chosen text (see XenStorePayload).
            throw new ArgumentException($"Not a XenStore path: {problem}, which the server would refuse (EINVAL).", nameof(path));
        }
    }

    private static string? Problem(string path, bool specialAllowed)
    {
        if (path.Length == 0)
        {
            return "it is empty";
        }

        if (XenStorePath.IsSpecial(path))
        {
            return specialAllowed ? null : "a special path ('@...') names no node; only watches and permissions take one";
        }

        if (path.Length > 1 && path[^1] == '/')
        {
            return "it ends with '/'";
        }

        if (path.Contains("//", StringComparison.Ordinal))
        {
            return "it holds '//'";
        }

        for (var i = 0; i < path.Length; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(path[i]) || path[i] is '-' or '/' or '_' or '@'))
            {
                return string.Create(CultureInfo.InvariantCulture, $"it holds U+{(int)path[i]:X4} at index {i}, and a path may hold only A-Z a-z 0-9 - / _ @");
            }
        }

        return null;
    }
}

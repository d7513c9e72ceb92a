using System.Text;

namespace GuestAgent.Commands.Files;

/// <summary>Validation of a host-supplied injection path, before anything touches the disk.</summary>
internal static class InjectedPath
{
    /// <summary>The most components (directories on the way and the file) an injected path may have.</summary>
    public const int MaxComponents = 128;

    /// <summary>The path as text, normalised (without empty or <c>.</c> components), when it is UTF-8, absolute, names a file without <c>..</c> and is inside the allow-list.</summary>
    /// <exception cref="CommandException">The path is refused; the message says why.</exception>
    public static string Validate(ReadOnlySpan<byte> pathBytes, InjectFileOptions options)
    {
        string path;
        try
        {
            path = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(pathBytes);
        }
        catch (DecoderFallbackException)
        {
            throw new CommandException(InjectFileMessages.NotUtf8);
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new CommandException(InjectFileMessages.Nul);
        }

        if (!path.StartsWith('/'))
        {
            throw new CommandException(InjectFileMessages.NotAbsolute);
        }

        // Nova passes a personality file's path as its user typed it, and the original agent wrote
        // "//etc//x" and "/etc/./x" (the kernel resolves them): empty and "." components name the
        // directory they are in, whatever links there are, so they are dropped. A ".." depends on the
        // links on the way (and would walk out of an allowed directory), and a last component that
        // is empty or "." (a trailing "/") names a directory, never a file: those are refused.
        var segments = path[1..].Split('/');
        if (segments[^1] is "" or "." || segments.Contains(".."))
        {
            throw new CommandException(InjectFileMessages.NotNormalised);
        }

        path = "/" + string.Join('/', segments.Where(segment => segment is not ("" or ".")));

        // The write walks the path one component at a time and holds a descriptor for each (so no
        // link can be swapped in behind it: PinnedDirectory); a path a thousand components deep
        // would run out of descriptors (1,024 under systemd) half-way, after making and removing as
        // many directories. No real layout comes near this; refused before the disk is touched.
        if (path.Count('/') > MaxComponents)
        {
            throw new CommandException(InjectFileMessages.TooDeep);
        }

        if (!options.AllowedDirectories.Any(directory => IsUnder(path, directory)))
        {
            throw new CommandException(InjectFileMessages.NotAllowed);
        }

        return path;
    }

    private static bool IsUnder(string path, string directory)
    {
        var trimmed = directory.TrimEnd('/');
        return trimmed.Length == 0 || path.StartsWith(trimmed + "/", StringComparison.Ordinal);
    }
}

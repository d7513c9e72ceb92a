using System.Text;

namespace GuestAgent.Commands.Files;

/// <summary>Validation of a host-supplied injection path, before anything touches the disk.</summary>
internal static class InjectedPath
{
    /// <summary>The most components (directories on the way and the file) an injected path may have.</summary>
    public const int MaxComponents = 128;

    /// <summary>The path as text when it is UTF-8, absolute, normalised and inside the allow-list.</summary>
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

        if (path.Length == 1 || path[1..].Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new CommandException(InjectFileMessages.NotNormalised);
        }

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

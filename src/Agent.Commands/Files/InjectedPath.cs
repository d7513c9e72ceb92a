using System.Text;

namespace GuestAgent.Commands.Files;

/// <summary>Validation of a host-supplied injection path, before anything touches the disk.</summary>
internal static class InjectedPath
{
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

using System.Collections.Immutable;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Kms;

/// <summary>Whether the system belongs to the original agent's <c>redhat</c> family, the only one <c>kmsactivate</c> supports.</summary>
internal static class RedHatFamily
{
    private static readonly ImmutableArray<string> Ids = ["rhel", "redhat", "centos", "fedora", "ol", "oracle", "rocky", "almalinux", "scientific"];

    /// <summary>Reads <c>/etc/os-release</c> (then <c>/usr/lib/os-release</c>); <c>/etc/redhat-release</c> alone also counts.</summary>
    public static bool Detect(IFileSystem fileSystem)
    {
        foreach (var path in (string[])["/etc/os-release", "/usr/lib/os-release"])
        {
            if (ReadIfPresent(fileSystem, path) is { } text)
            {
                return OsRelease.Parse(text).IsLike(Ids);
            }
        }

        return fileSystem.FileExists("/etc/redhat-release");
    }

    /// <summary>
    /// The file's text, or <c>null</c> when opening it finds nothing: os-release(5) falls back to
    /// <c>/usr/lib/os-release</c> when <c>/etc/os-release</c> does not exist, and a link whose target is
    /// gone opens as "no such file" (systemd falls back then too), though File.Exists calls it a file.
    /// Any other failure to read it is a <see cref="CommandException"/> naming the file and the reason.
    /// </summary>
    private static string? ReadIfPresent(IFileSystem fileSystem, string path)
    {
        if (!fileSystem.FileExists(path))
        {
            return null;
        }

        try
        {
            return fileSystem.ReadAllText(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // There, but unreadable (an LSM's EACCES, a link loop): systemd does not fall back then
            // either, and guessing the family from another file could register a system that is not
            // Red Hat's. An answer with the reason, not a failure of the agent.
            throw new CommandException(KmsActivateMessages.ReadFailed(path, IoFailureReason.Of(exception)), exception);
        }
    }
}

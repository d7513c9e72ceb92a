using System.Security.Cryptography;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Update;

/// <summary>Private staging directories for updates: fresh, 0700, removed afterwards.</summary>
internal static class StagingFiles
{
    public const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates a fresh staging directory (0700) and returns its host path.</summary>
    public static string CreateDirectory(IFileSystem fileSystem, string parent)
    {
        fileSystem.CreateDirectory(parent, PrivateDirectory);
        var agentPath = $"{parent.TrimEnd('/')}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        var hostPath = fileSystem.Resolve(agentPath);
        // CreateDirectory succeeds on an existing directory; a fresh random name plus the check keeps it ours.
        if (fileSystem.GetStatus(agentPath) is not null)
        {
            throw new IOException("The staging directory already exists");
        }

        fileSystem.CreateDirectory(agentPath, PrivateDirectory);
        return hostPath;
    }

    /// <summary>Options that create a new file exclusively (no link following), mode 0600.</summary>
    public static FileStreamOptions CreateOptions()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException();
        }

        return new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, UnixCreateMode = PrivateFile };
    }

    /// <summary>Removes a staging directory and everything in it (links are removed, not followed).</summary>
    public static void Remove(string hostPath)
    {
        try
        {
            if (Directory.Exists(hostPath))
            {
                Directory.Delete(hostPath, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

using GuestAgent.Commands.Network.Detection;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Kms;

/// <summary>Whether the system belongs to the original agent's <c>redhat</c> family, the only one <c>kmsactivate</c> supports.</summary>
internal static class RedHatFamily
{
    private static readonly string[] Ids = ["rhel", "redhat", "centos", "fedora", "ol", "oracle", "rocky", "almalinux", "scientific"];

    /// <summary>Reads <c>/etc/os-release</c> (then <c>/usr/lib/os-release</c>); <c>/etc/redhat-release</c> alone also counts.</summary>
    public static bool Detect(IFileSystem fileSystem)
    {
        foreach (var path in (string[])["/etc/os-release", "/usr/lib/os-release"])
        {
            if (fileSystem.FileExists(path))
            {
                return OsRelease.Parse(fileSystem.ReadAllText(path)).IsLike(Ids);
            }
        }

        return fileSystem.FileExists("/etc/redhat-release");
    }
}

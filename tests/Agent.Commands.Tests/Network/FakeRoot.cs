using System.Security.Cryptography;
using System.Text;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// A temporary root that looks like a given distribution to <c>resetnetwork</c>: an os-release,
/// the marker files of its network tools, fake interfaces in <c>sys/class/net</c>, and any
/// existing configuration files.
/// </summary>
internal sealed class FakeRoot : IDisposable
{
    private readonly TemporaryDirectory _directory = new("guestagent-net-");

    public string Path => _directory.Path;

    public static FakeRoot For(string distribution)
    {
        var root = new FakeRoot();
        var (osRelease, tools) = Distributions[distribution];
        root.Write("/etc/os-release", osRelease);
        foreach (var tool in tools)
        {
            root.Write(tool, "");
        }

        root.Write("/etc/hosts", "127.0.0.1\tlocalhost\n");
        return root;
    }

    public static IReadOnlyDictionary<string, (string OsRelease, string[] Tools)> Distributions { get; } =
        new Dictionary<string, (string, string[])>
        {
            ["ubuntu"] = ("NAME=\"Ubuntu\"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"24.04\"\n", ["/usr/sbin/netplan", "/usr/lib/systemd/systemd-networkd", "/usr/bin/hostnamectl", "/usr/bin/systemctl"]),
            ["debian"] = ("NAME=\"Debian GNU/Linux\"\nID=debian\nVERSION_ID=\"12\"\n", ["/usr/sbin/ifup", "/etc/network/interfaces"]),
            ["fedora"] = ("NAME=\"Fedora Linux\"\nID=fedora\nVERSION_ID=40\n", ["/usr/sbin/NetworkManager", "/usr/bin/nmcli", "/usr/bin/hostnamectl", "/usr/bin/systemctl"]),
            ["centos"] = ("NAME=\"CentOS Linux\"\nID=\"centos\"\nID_LIKE=\"rhel fedora\"\nVERSION_ID=\"7\"\n", ["/etc/rc.d/init.d/network", "/etc/sysconfig/network-scripts/ifcfg-lo", "/usr/bin/systemctl", "/usr/bin/hostnamectl"]),
            ["opensuse"] = ("NAME=\"openSUSE Leap\"\nID=\"opensuse-leap\"\nID_LIKE=\"suse opensuse\"\nVERSION_ID=\"15.5\"\n", ["/usr/sbin/wicked", "/usr/bin/systemctl", "/usr/bin/hostnamectl"]),
            ["arch"] = ("NAME=\"Arch Linux\"\nID=arch\n", ["/usr/bin/netctl", "/usr/bin/hostnamectl"]),
            ["gentoo"] = ("NAME=Gentoo\nID=gentoo\n", ["/etc/init.d/net.lo", "/sbin/rc"]),
        };

    public AgentSystem CreateSystem(params string[] failingPrograms) => AgentSystem.ForRoot(Path, failingPrograms: failingPrograms);

    public string Host(string agentPath) => System.IO.Path.Combine(Path, agentPath.TrimStart('/'));

    /// <summary>Writes a file (its directory too): a new one 0644, as root's are (not the tests' umask 000).</summary>
    public void Write(string agentPath, string contents)
    {
        var path = Host(agentPath);
        FixtureDirectories.Create(System.IO.Path.GetDirectoryName(path)!);
        using var writer = new StreamWriter(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = NewFileMode });
        writer.Write(contents);
    }

    /// <summary>Makes a symbolic link (its directory too), the target stored as given.</summary>
    public void Link(string agentPath, string target)
    {
        var path = Host(agentPath);
        FixtureDirectories.Create(System.IO.Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
    }

    public string? LinkTarget(string agentPath) => new FileInfo(Host(agentPath)).LinkTarget;

    public void AddInterface(string name, string mac)
    {
        Write($"/sys/class/net/{name}/address", mac + "\n");
        Write($"/sys/class/net/{name}/type", "1\n");
    }

    public string? Read(string agentPath) => File.Exists(Host(agentPath)) ? File.ReadAllText(Host(agentPath)) : null;

    public UnixFileMode Mode(string agentPath) => File.GetUnixFileMode(Host(agentPath));

    public string[] Actions() =>
        (Read(RecordingProcessRunner.ActionsLogPath) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The agent's state directory, where the record of a <c>resetnetwork</c> in progress lives.</summary>
    public const string StateDirectory = "/var/lib/guest-agent";

    private const UnixFileMode NewFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The record of the <c>resetnetwork</c> in progress (none once it has ended).</summary>
    public const string TransactionRecord = StateDirectory + "/resetnetwork/transaction.json";

    /// <summary>
    /// A digest of every entry under the root (except the given subtrees): paths, kinds, modes, link
    /// targets and contents (a link's own mode means nothing on Linux, and a dangling one has none to follow). "Nothing changed" excepts <see cref="StateDirectory"/>: every
    /// <c>resetnetwork</c> takes its lock there first, before it reads anything.
    /// </summary>
    public string Hash(params string[] exceptAgentPaths)
    {
        var text = new StringBuilder();
        foreach (var entry in Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = "/" + System.IO.Path.GetRelativePath(Path, entry);
            // An excepted subtree, and the directories above it (made along with it).
            if (exceptAgentPaths.Any(e => relative == e || relative.StartsWith(e + "/", StringComparison.Ordinal) || e.StartsWith(relative + "/", StringComparison.Ordinal)))
            {
                continue;
            }

            var info = new FileInfo(entry);
            text.Append(relative).Append(' ').Append(info.Attributes.HasFlag(FileAttributes.Directory) ? "dir" : "file")
                .Append(' ').Append(info.LinkTarget is null ? (int)File.GetUnixFileMode(entry) : 0).Append(' ').Append(info.LinkTarget ?? "");
            if (info.LinkTarget is null && !info.Attributes.HasFlag(FileAttributes.Directory))
            {
                text.Append(' ').Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry))));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public void Dispose() => _directory.Dispose();
}

using System.Text;
using GuestAgent.Commands.Files;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Files;

/// <summary>
/// A key login checked by the real OpenSSH server, the program an injected <c>authorized_keys</c>
/// is for: <c>sshd</c> (its defaults: <c>StrictModes yes</c>, root by key only) runs as root in a
/// network and mount namespace of its own (<c>unshare -mn</c>, loopback only), where the test's
/// <c>/etc/passwd</c>, <c>/etc/shadow</c> and <c>/etc/group</c> are bound over the system's: root's
/// home and alice's (uid 4321) lie under the test's root. Then <c>ssh</c> logs in with a key and runs
/// <c>id -un</c>. alice's group has another member, so group-writable files fail as upstream OpenSSH fails them. What sshd does with the file (its owner, its mode, every directory up to the home,
/// read with the user's uid) decides, not what the agent believes it does. Needs real root (sshd
/// changes to the user's uid, which a user namespace of <c>unshare -r</c> does not map).
/// </summary>
internal static class SshLogin
{
    /// <summary>alice's uid and gid, as <c>InjectFileOwnerTests</c> gives her files.</summary>
    public const int AliceId = 4321;

    public static readonly UnixFileMode Mode0600 = (UnixFileMode)Convert.ToInt32("600", 8);
    public static readonly UnixFileMode Mode0700 = (UnixFileMode)Convert.ToInt32("700", 8);
    public static readonly UnixFileMode Mode0755 = (UnixFileMode)Convert.ToInt32("755", 8);

    /// <summary>A guest's root (0755), as <c>StrictModes</c> wants the way to a home, with root's home (0700) and <c>/home</c> (0755), both root's. Needs real root.</summary>
    public static CommandRoot Root()
    {
        Owners.SkipUnlessRoot();
        var root = new CommandRoot();
        var fs = root.System.FileSystem;
        File.SetUnixFileMode(root.HostPath("/"), Mode0755);
        Owners.OwnedDirectory(fs, "/root", Mode0700, FileOwner.Root);
        Owners.OwnedDirectory(fs, "/home", Mode0755, FileOwner.Root);
        return root;
    }

    /// <summary><c>injectfile</c> of <paramref name="contents"/> at <paramref name="path"/>: answered success, the file private (0600).</summary>
    public static void Inject(CommandRoot root, string path, string contents)
    {
        var request = Convert.ToBase64String(Encoding.UTF8.GetBytes(path + "," + contents));
        Assert.Equal("0", InjectFileCommands.InjectFile(request, root.Context("injectfile")).ReturnCode);
        Assert.Equal(Mode0600, root.System.FileSystem.GetStatus(path)!.Value.Mode);
    }

    /// <summary>
    /// Asserts that sshd lets <paramref name="user"/> in with <paramref name="key"/> (or, when
    /// <paramref name="loggedIn"/> is false, turns them away), with ssh's and sshd's transcript when not.
    /// </summary>
    public static async Task AssertLoginAsync(CommandRoot root, string user, string key, bool loggedIn = true, AddedUser? added = null)
    {
        var login = await TryAsync(user, key, root.HostPath("/root"), root.HostPath("/home/alice"), added);
        Assert.True(login.LoggedIn == loggedIn, login.Transcript);
    }

    /// <summary>
    /// Logs in as <paramref name="user"/> (<c>root</c>, <c>alice</c>, or the user a real <c>useradd</c>
    /// made, <paramref name="added"/>, whose lines join the system's files) with the private key at
    /// <paramref name="privateKey"/>, whose homes are <paramref name="rootHome"/> and
    /// <paramref name="aliceHome"/> (host paths). Skips locally, fails in CI, where a tool or root is missing.
    /// </summary>
    public static async Task<SshOutcome> TryAsync(string user, string privateKey, string rootHome, string aliceHome, AddedUser? added)
    {
        var sshd = ExternalTool.Require("sshd", "openssh-server");
        var ssh = ExternalTool.Require("ssh", "openssh-client");
        var unshare = ExternalTool.Require("unshare", "util-linux");
        Owners.SkipUnlessRoot();

        using var directory = new TemporaryDirectory();
        var files = SystemFiles(directory.Path, rootHome, aliceHome, added);
        var hostKey = await NewKeyAsync(directory.Path, "host");
        var config = Path.Combine(directory.Path, "sshd_config");
        File.WriteAllText(config, $"""
            ListenAddress 127.0.0.1:22
            HostKey {hostKey}
            PidFile none
            UsePAM no
            AuthorizedKeysFile .ssh/authorized_keys
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            LogLevel VERBOSE

            """);
        var log = Path.Combine(directory.Path, "sshd.log");

        // sshd is started by its full path (it re-executes itself) and waited for until it listens;
        // it is stopped when the script ends, whatever happened. Its privilege-separation directory must be root's and
        // 0755: where no sshd ever ran (policy-rc.d keeps CI's from starting) /run/sshd is missing, and made under the
        // tests' umask 000 it was 0777, which sshd refuses; a tmpfs of the namespace's own gives it whatever the host has.
        const string Script = """
            mount --bind "$1" /etc/passwd && mount --bind "$2" /etc/shadow && mount --bind "$3" /etc/group || exit 90
            ip link set lo up || exit 91
            mkdir -p -m 0755 /run/sshd && mount -t tmpfs -o mode=0755 tmpfs /run/sshd || exit 92
            "$4" -D -e -f "$5" > "$6" 2>&1 &
            daemon=$!
            trap 'kill $daemon' EXIT
            for _ in $(seq 100); do grep -q 'Server listening' "$6" && break; sleep 0.1; done
            "$7" -F /dev/null -i "$8" -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no \
                -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=20 "$9"@127.0.0.1 'id -un'
            echo "ssh=$?"
            """;
        var result = await ExternalTool.RunAsync(unshare, ["-mn", "/bin/sh", "-c", Script, "sh", files.Passwd, files.Shadow, files.Group, sshd, config, log, ssh, privateKey, user], timeout: TimeSpan.FromMinutes(2));
        var sshdLog = File.Exists(log) ? File.ReadAllText(log) : "(no sshd log)";
        var transcript = $"exit {result.ExitCode}\n{result.StandardOutput}\n{result.StandardError}\nsshd:\n{sshdLog}";
        Assert.True(result.ExitCode == 0, transcript);
        var lines = result.StandardOutput.Split('\n');
        Assert.Contains(lines, line => line.StartsWith("ssh=", StringComparison.Ordinal));
        return new SshOutcome(lines.Contains("ssh=0", StringComparer.Ordinal) && lines.Contains(user, StringComparer.Ordinal), transcript);
    }

    /// <summary>A new ed25519 key pair without a passphrase; returns the private key's path (the public one is beside it, <c>.pub</c>).</summary>
    public static async Task<string> NewKeyAsync(string directory, string name)
    {
        var keygen = ExternalTool.Require("ssh-keygen", "openssh-client");
        var path = Path.Combine(directory, name);
        var result = await ExternalTool.RunAsync(keygen, ["-q", "-t", "ed25519", "-N", "", "-C", name + "@test", "-f", path]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return path;
    }

    /// <summary>
    /// The system's user files with root's home moved to <paramref name="rootHome"/>, root's shadow
    /// entry not locked (<c>*</c>: no password, keys allowed; sshd refuses any login to an account
    /// whose hash starts with <c>!</c>), and alice added; the rest (sshd's own user) as they are.
    /// </summary>
    private static (string Passwd, string Shadow, string Group) SystemFiles(string directory, string rootHome, string aliceHome, AddedUser? added)
    {
        var passwd = Path.Combine(directory, "passwd");
        var shadow = Path.Combine(directory, "shadow");
        var group = Path.Combine(directory, "group");
        var others = File.ReadAllLines("/etc/passwd").Where(line => !line.StartsWith("root:", StringComparison.Ordinal));
        File.WriteAllLines(passwd, [$"root:x:0:0:root:{rootHome}:/bin/sh", .. others, $"alice:x:{AliceId}:{AliceId}:Alice:{aliceHome}:/bin/sh", .. Lines(added?.Passwd)]);
        var otherShadows = File.ReadAllLines("/etc/shadow").Where(line => !line.StartsWith("root:", StringComparison.Ordinal));
        File.WriteAllLines(shadow, ["root:*:20000:0:99999:7:::", .. otherShadows, "alice:*:20000:0:99999:7:::", .. Lines(added?.Shadow)]);
        // Another member in alice's group: Debian's sshd lets a user's private group write her files
        // (its user-group-modes patch), upstream OpenSSH (Red Hat's, SUSE's) never does; so strict here.
        File.WriteAllLines(group, [.. File.ReadAllLines("/etc/group"), $"alice:x:{AliceId}:nobody", .. Lines(added?.Group)]);
        File.SetUnixFileMode(shadow, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (passwd, shadow, group);
    }

    private static string[] Lines(string? line) => line is null ? [] : [line];
}

/// <summary>An account's lines in <c>/etc/passwd</c>, <c>/etc/shadow</c> and <c>/etc/group</c>, its home given as a host path.</summary>
internal sealed record AddedUser(string Passwd, string Shadow, string Group);

/// <summary>What the login came to.</summary>
/// <param name="LoggedIn"><c>ssh</c> exited 0 and the session ran as the user.</param>
/// <param name="Transcript">ssh's output and sshd's log, for a failing assertion's message.</param>
internal sealed record SshOutcome(bool LoggedIn, string Transcript);

using System.Globalization;
using System.Text;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Files;

/// <summary>
/// The user whose home directory (in <c>/etc/passwd</c>) holds an injected path: the owner of what
/// the injection makes there when no directory on the way is a user's already. sshd reads
/// <c>~/.ssh/authorized_keys</c> with the user's uid, so a key the agent made root's 0600 in a home
/// <c>useradd</c> never made (Debian's <c>useradd</c> makes none without <c>-m</c>) or one root
/// made with <c>mkdir</c> would be answered "0" and never let the user in.
/// </summary>
internal static class HomeOwner
{
    /// <summary>The lowest uid taken as a person's: login.defs' <c>UID_MIN</c> on Debian, Ubuntu, RHEL and SUSE.</summary>
    public const uint FirstUserId = 1000;

    /// <summary>The highest: their <c>UID_MAX</c>. Above it are <c>nobody</c> (65534) and systemd's dynamic users, whose homes are system directories.</summary>
    public const uint LastUserId = 60000;

    /// <summary>
    /// The uid and primary gid of the account whose home holds <paramref name="path"/> (the deepest
    /// such home), or <c>null</c>: no such account with a uid in
    /// <see cref="FirstUserId"/>..<see cref="LastUserId"/> (system accounts have homes such as
    /// <c>/usr/sbin</c> or <c>/var/www</c>, whose new files must stay root's), two accounts
    /// (two names) sharing that home (a later line for a name already seen is not an account), no readable <c>/etc/passwd</c>, or no directory holding the home (what
    /// the write makes above a home, <c>/home</c> itself, must not be the user's). The path and each home
    /// are compared with their links followed (<see cref="RealPath"/>), as the write and sshd reach them.
    /// </summary>
    public static FileOwner? Of(IFileSystem fileSystem, string path)
    {
        string passwd;
        try
        {
            if (fileSystem.ReadRegularFile("/etc/passwd") is not { } file)
            {
                return null;
            }

            passwd = Encoding.UTF8.GetString(file.Contents);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Not knowing the homes leaves the owner as it was before this rule: root's.
            return null;
        }

        // Fedora Silverblue and CoreOS route /home through a link root made (/home -> var/home), and the
        // writer follows it: the host's "/home/core/..." is the "/var/home/core" sshd reads through, and
        // a home written either way is the directory the kernel reaches. So both sides are compared as
        // the kernel resolves them.
        if (Real(fileSystem, path) is not { } realPath)
        {
            return null;
        }

        string? bestHome = null;
        FileOwner? best = null;
        var ambiguous = false;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in passwd.Split('\n'))
        {
            if (!FirstForItsName(line, names) || Entry(line) is not var (written, owner) || Real(fileSystem, written) is not { } home ||
                !realPath.StartsWith(home + "/", StringComparison.Ordinal))
            {
                continue;
            }

            if (bestHome is null || home.Length > bestHome.Length)
            {
                (bestHome, best, ambiguous) = (home, owner, false);
            }
            else if (home.Length == bestHome.Length && owner != best)
            {
                ambiguous = true;
            }
        }

        return bestHome is null || ambiguous || fileSystem.GetStatus(Parent(bestHome)) is not { Kind: FileKind.Directory }
            ? null
            : best;
    }

    /// <summary>
    /// False for a line whose name an earlier account line has: glibc's <c>getpwnam</c>, and so sshd,
    /// takes the first line for a name and never a later one (whose uid only owns files), so a
    /// second <c>bob</c> sharing his home is not a second owner for it. An account line for glibc is
    /// one with a name, a password field and numeric uid and gid (the rest may be missing); a line
    /// glibc skips (<c>bob:x:abc:…</c>) hides nothing.
    /// </summary>
    private static bool FirstForItsName(string line, HashSet<string> names)
    {
        var fields = line.Split(':', 5);
        return fields.Length < 4 ||
               !uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out _) ||
               !uint.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out _) ||
               names.Add(fields[0]);
    }

    /// <summary>
    /// A line's home (absolute, without <c>..</c>, not <c>/</c>; normalised: no empty or <c>.</c>
    /// component, no trailing slash) and owner, for a person's uid only. A line of six fields (no
    /// shell) is an account to glibc, whose empty shell sshd takes as <c>/bin/sh</c> and logs in;
    /// one of five has no home for glibc; one of eight or more has the rest as its shell
    /// (<c>/bin/sh:extra</c>), which sshd refuses as not existing, so no owner serves a login there.
    /// </summary>
    private static (string Home, FileOwner Owner)? Entry(string line)
    {
        var fields = line.Split(':');
        if (fields.Length is not (6 or 7) ||
            !uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ||
            !uint.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid) ||
            uid is < FirstUserId or > LastUserId)
        {
            return null;
        }

        // useradd and usermod keep a home as given: "/home//bob/" and "/home/./bob" are /home/bob to
        // the kernel and to sshd, so they are to the injected path (normalised) too. A "..", which
        // would depend on the links on the way, leaves it not a home.
        var segments = fields[5].Split('/').Where(segment => segment is not ("" or ".")).ToArray();
        return fields[5].StartsWith('/') && segments.Length > 0 && !segments.Contains("..")
            ? ("/" + string.Join('/', segments), new FileOwner(uid, gid))
            : null;
    }

    /// <summary>
    /// <paramref name="path"/> with every link on it followed as the kernel follows it, or <c>null</c> when
    /// a link could not be read or the links loop (an owner not known leaves what is made root's).
    /// </summary>
    private static string? Real(IFileSystem fileSystem, string path)
    {
        try
        {
            return RealPath.Resolve(path, fileSystem.ReadLink) is { Complete: true } real ? real.Path : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Parent(string home)
    {
        var slash = home.LastIndexOf('/');
        return slash == 0 ? "/" : home[..slash];
    }
}

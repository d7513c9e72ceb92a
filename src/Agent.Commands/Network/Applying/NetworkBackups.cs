using GuestAgent.Platform;

namespace GuestAgent.Commands.Network.Applying;

/// <summary>
/// Where <c>resetnetwork</c> keeps a file's one backup copy and moves a stale file aside:
/// <c>name.bak</c>, but <c>name.bak~</c> (<see cref="SiblingNames.InertBackupSuffix"/>) in
/// <c>/etc/NetworkManager/system-connections</c>. NetworkManager's keyfile plugin reads every name
/// there but those ending in <c>~</c>, a <c>mkstemp</c> suffix, <c>.pem</c> or <c>.der</c> (unlike
/// its <c>/run</c> and <c>/usr/lib</c> directories, which take only <c>*.nmconnection</c>): a keyfile
/// moved to <c>.bak</c> stays a connection that autoconnects at every boot, and a replaced keyfile's
/// <c>.bak</c> is a second file for the same UUID, which NetworkManager takes in place of the new one
/// whenever its time of change is later. The name depends on the path alone, so the rollback and the
/// recovery after a crash find the backup the change made.
/// </summary>
internal static class NetworkBackups
{
    /// <summary>The directory whose reader takes <c>.bak</c> files as configuration.</summary>
    private const string KeyfileDirectory = "/etc/NetworkManager/system-connections/";

    /// <summary>The backup suffix for the file at <paramref name="path"/> (an agent path).</summary>
    public static string SuffixFor(string path) =>
        path.StartsWith(KeyfileDirectory, StringComparison.Ordinal) && path.IndexOf('/', KeyfileDirectory.Length) < 0
            ? SiblingNames.InertBackupSuffix
            : SiblingNames.BackupSuffix;

    /// <summary>The path of the backup of the file at <paramref name="path"/>, or of that file moved aside.</summary>
    public static string PathOf(string path) => SiblingNames.BackupPath(path, SuffixFor(path));
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Update;

/// <summary>
/// The record an install leaves for the update rollback (<see cref="AgentUpdateOptions.PendingUpdatePath"/>):
/// which binary was installed where, and which backup to put back, each with its SHA-256. The service
/// manager's rollback (the packaged unit's <c>update-rollback</c>, a shell script: it must work when the
/// new build does not) reads it when the new agent stops before it serves; the new agent deletes it
/// once it serves (<see cref="BuiltInCommands.ConfirmServing"/>). Written before the new binary is renamed
/// into place, so no moment has the new binary installed without it.
/// </summary>
internal static class PendingUpdateRecord
{
    /// <summary>The suffix the rollback's <c>arm</c> step gives the record as the update's first start begins.</summary>
    public const string StartedSuffix = ".started";

    /// <summary>Writes the record (root's, 0600) for <paramref name="installPath"/> and its backup.</summary>
    /// <exception cref="IOException">The record could not be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The record could not be written.</exception>
    public static void Write(AgentSystem system, string recordPath, string installPath, string newSha256, string previousSha256)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"""
            # agentupdate: the update rollback puts backup back at install if the agent there stops before it serves (docs/daemon.md).
            install={installPath}
            new={newSha256}
            backup={SiblingNames.BackupPath(installPath)}
            previous={previousSha256}

            """);
        system.Writer.Write(recordPath, Encoding.UTF8.GetBytes(text), new AtomicWriteOptions
        {
            NewFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            ExactMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
    }

    /// <summary>Deletes the record and its armed form; what cannot be deleted is left (the rollback removes a record that no longer names the installed binary).</summary>
    /// <returns>Whether there was a record.</returns>
    public static bool Remove(AgentSystem system, string recordPath)
    {
        var removed = false;
        foreach (var path in new[] { recordPath, recordPath + StartedSuffix })
        {
            try
            {
                removed |= system.FileSystem.DeleteFile(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Left for the rollback, which checks the installed binary's hash before it acts.
            }
        }

        return removed;
    }

    /// <summary>The lower-case hexadecimal SHA-256 of what <paramref name="stream"/> holds from its start; leaves it at its start.</summary>
    public static string Sha256(Stream stream)
    {
        stream.Position = 0;
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        stream.Position = 0;
        return hash;
    }
}

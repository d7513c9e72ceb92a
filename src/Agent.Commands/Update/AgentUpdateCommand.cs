using System.Text.Json;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Update;

/// <summary>The <c>agentupdate</c> command: download, verify, unpack safely, install, restart.</summary>
public static partial class AgentUpdateCommand
{
    /// <summary>
    /// Updates the agent from <c>"url,md5"</c> or <c>{"url","md5sum"}</c> (a 64-digit sha256 also
    /// works). Nothing is installed unless the download, the checksum and every archive entry pass
    /// their checks; a failed update leaves the installed agent as it was.
    /// </summary>
    [Command("agentupdate", RequestSchema = """
        {
          "description": "Where to download the update (an absolute https URL; http only when AgentUpdateOptions.AllowHttp is set) and the archive's checksum: 32 hex digits are MD5, 64 are SHA-256, in either case.",
          "oneOf": [
            {
              "description": "'<url>,<checksum>', split at the last comma; spaces, tabs, CRs and LFs around either part are ignored.",
              "type": "string",
              "allOf": [
                { "pattern": "^[ \\t\\r\\n]*[Hh][Tt][Tt][Pp][Ss]?:" },
                { "pattern": ",[ \\t\\r\\n]*([0-9A-Fa-f]{32}|[0-9A-Fa-f]{64})[ \\t\\r\\n]*$" }
              ]
            },
            {
              "description": "The checksum is the first of md5sum, sha256 and sha256sum given as a string (the others are not read); its length, not its name, says which digest it is.",
              "type": "object",
              "properties": {
                "url": { "type": "string", "pattern": "^[ \\t\\r\\n]*[Hh][Tt][Tt][Pp][Ss]?:" }
              },
              "required": [ "url" ],
              "if": { "properties": { "md5sum": { "type": "string" } }, "required": [ "md5sum" ] },
              "then": { "properties": { "md5sum": { "$ref": "#/$defs/checksum" } } },
              "else": {
                "if": { "properties": { "sha256": { "type": "string" } }, "required": [ "sha256" ] },
                "then": { "properties": { "sha256": { "$ref": "#/$defs/checksum" } } },
                "else": { "properties": { "sha256sum": { "$ref": "#/$defs/checksum" } }, "required": [ "sha256sum" ] }
              }
            }
          ],
          "$defs": {
            "checksum": {
              "description": "No line break: a pattern's $ also matches before a final one in some engines.",
              "type": "string",
              "pattern": "^([0-9A-Fa-f]{32}|[0-9A-Fa-f]{64})$",
              "not": { "pattern": "\\n" }
            }
          }
        }
        """)]
    public static async Task<CommandResult> AgentUpdate(JsonElement value, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The checksums, the staging name and https are OpenSSL's on Linux.
        context.RequireOpenSsl();
        var options = context.Services.Get<AgentUpdateOptions>() ?? AgentUpdateOptions.Default;
        var logger = context.Logger("GuestAgent.Commands.AgentUpdate");
        var request = AgentUpdateRequest.Parse(value, options, logger);
        var system = context.RequireSystem(typeof(AgentUpdateCommand));

        using var updateLock = LockStaging(system.FileSystem, options.StagingDirectory, out var stagingRoot);
        var staging = CreateStaging(system.FileSystem, stagingRoot);
        try
        {
            var download = await UpdateDownloader.DownloadAsync(
                request.Url, system.FileSystem.HostPath(staging + "/download", followFinalLink: false), options, context.Services.Get<HttpClient>(), logger, context.CancellationToken).ConfigureAwait(false);
            if (request.Verify(download.Md5, download.Sha256) is { } mismatch)
            {
                throw new CommandException(mismatch);
            }

            var extracted = system.FileSystem.HostPath(staging + "/tree", followFinalLink: false);
            var files = SafeTarExtractor.Extract(download.HostPath, extracted, options.MaxExtractedBytes, context.CancellationToken);
            var binary = FindBinary(files, options.BinaryName) ??
                throw new CommandException(AgentUpdateMessages.NoBinary(options.BinaryName));

            var installed = await AgentInstaller.InstallAsync(system, options, Path.Combine(extracted, binary), context.CancellationToken).ConfigureAwait(false);
            // The one command that replaces the agent itself leaves a line an audit can find.
            var checksum = request.Kind == ChecksumKind.Md5 ? "MD5" : "SHA-256";
            if (installed.AlreadyInstalled)
            {
                LogAlreadyInstalled(
                    logger, UpdateDownloader.Origin(request.Url), download.Length, checksum, installed.Bytes, installed.InstallPath,
                    installed.BackupPath is { } kept ? $"the backup at {kept} is kept" : "there is no backup", installed.RestartCommand);
                return CommandResult.Ok();
            }

            LogInstalled(
                logger, UpdateDownloader.Origin(request.Url), download.Length, checksum, installed.Bytes,
                installed.InstallPath, installed.BackupPath is { } backup ? $"the previous binary is kept at {backup}" : "there was no previous binary", installed.RestartCommand);
            if (installed.Unconfirmed)
            {
                LogUnconfirmed(logger, installed.InstallPath);
            }

            return CommandResult.Ok();
        }
        finally
        {
            StagingFiles.Remove(system.FileSystem, staging);
        }
    }

    /// <summary>
    /// Takes the staging root's lock, so this is the only update, then clears what updates that never
    /// finished left there (an agent killed mid-download leaves its partial download behind).
    /// </summary>
    /// <param name="fileSystem">The agent's file system.</param>
    /// <param name="root">The configured staging root.</param>
    /// <param name="realRoot">The staging root with its links followed within the agent's root (<see cref="StagingFiles.RealRoot"/>), which every later step uses.</param>
    private static FileLock LockStaging(IFileSystem fileSystem, string root, out string realRoot)
    {
        FileLock? held = null;
        try
        {
            held = StagingFiles.TryLock(fileSystem, root) ?? throw new CommandException(AgentUpdateMessages.InProgress);
            realRoot = StagingFiles.RealRoot(fileSystem, root);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            held?.Dispose();
            throw new CommandException(AgentUpdateMessages.StagingFailed(IoFailureReason.Of(exception)), exception);
        }

        try
        {
            StagingFiles.RemoveLeftovers(fileSystem, realRoot);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Not this update's concern: it may still fit, and the next one tries the rest again.
        }

        return held;
    }

    private static string CreateStaging(IFileSystem fileSystem, string root)
    {
        try
        {
            return StagingFiles.CreateDirectory(fileSystem, root);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandException(AgentUpdateMessages.StagingFailed(IoFailureReason.Of(exception)), exception);
        }
    }

    /// <summary>The binary at the archive's root, else one directory down (the release tarball's layout).</summary>
    private static string? FindBinary(IReadOnlyList<string> files, string name) =>
        files.FirstOrDefault(f => f == name) ??
        files.Where(f => f.Split('/') is [_, var last] && last == name).Order(StringComparer.Ordinal).FirstOrDefault();

    [LoggerMessage(Level = LogLevel.Information, Message = "agentupdate: the update from {Origin} ({ArchiveBytes}-byte archive, {ChecksumKind} checksum verified; its binary {BinaryBytes} bytes) was already installed at {InstallPath} (an update run again after a restart, or the same build sent twice): nothing was written and {Backup}; restart requested with '{RestartCommand}'")]
    private static partial void LogAlreadyInstalled(ILogger logger, string origin, long archiveBytes, string checksumKind, long binaryBytes, string installPath, string backup, string restartCommand);

    [LoggerMessage(Level = LogLevel.Warning, Message = "agentupdate: the new binary is at {InstallPath}, but its directory could not be synced to disk: a power cut before the system writes it back could bring the previous binary back")]
    private static partial void LogUnconfirmed(ILogger logger, string installPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "agentupdate: installed the update from {Origin} ({ArchiveBytes}-byte archive, {ChecksumKind} checksum verified; its binary {BinaryBytes} bytes) at {InstallPath}; {Backup}; restart requested with '{RestartCommand}'")]
    private static partial void LogInstalled(ILogger logger, string origin, long archiveBytes, string checksumKind, long binaryBytes, string installPath, string backup, string restartCommand);
}

namespace GuestAgent.Testing;

/// <summary>
/// The real logrotate reading a configuration that includes one drop-in directory, the way
/// <c>/etc/logrotate.conf</c> includes <c>/etc/logrotate.d</c>. An included directory is read whole:
/// every regular file whose name does not end in a taboo extension (a hidden one whatever its end). Two files
/// there naming the same log make logrotate report a duplicate entry and skip the second file,
/// so a copy of a drop-in left beside it silently drops that application's rotation.
/// </summary>
internal static class Logrotate
{
    /// <summary>
    /// Today's default taboo extensions (logrotate 3.21) without <c>.bak</c>, which only 3.17.0
    /// (2020) added: how the older logrotate of RHEL 7 and 8, Ubuntu 20.04 and Debian 10 treats a
    /// <c>.bak</c> copy (it reads it).
    /// </summary>
    public const string TabooExtensionsBefore3_17 =
        ",v .cfsaved .disabled .dpkg-bak .dpkg-del .dpkg-dist .dpkg-new .dpkg-old .dpkg-tmp .rhn-cfg-tmp-* " +
        ".rpmnew .rpmorig .rpmsave .swp .ucf-dist .ucf-new .ucf-old ~";

    /// <summary>logrotate's words for a second stanza naming a log that an earlier file already named.</summary>
    public const string DuplicateEntry = "duplicate log entry";

    /// <summary>
    /// A drop-in stanza for <paramref name="logPath"/>, quoted as logrotate allows (a temporary directory's path
    /// may hold a space); <paramref name="rotate"/> tells versions apart.
    /// </summary>
    public static string Stanza(string logPath, int rotate) =>
        $"\"{logPath}\" {{\n    weekly\n    rotate {rotate}\n    missingok\n}}\n";

    /// <summary>
    /// Writes <paramref name="configPath"/> to include <paramref name="dropInDirectory"/> (after
    /// replacing the taboo extensions with <paramref name="tabooExtensions"/> when given, as an older
    /// logrotate's defaults) and runs <c>logrotate -d</c> on it, which parses every file and rotates
    /// nothing; a private state file keeps the system's out of it.
    /// </summary>
    public static async Task<ToolResult> CheckAsync(string configPath, string dropInDirectory, string? tabooExtensions = null)
    {
        var logrotate = ExternalTool.Require("logrotate", "logrotate");
        var taboo = tabooExtensions is null ? "" : $"tabooext {tabooExtensions}\n";
        // logrotate refuses a configuration file that group or others can write. Its include takes no
        // quoted path, so the directory is named relative to the configuration's, where logrotate runs.
        var configDirectory = Path.GetDirectoryName(configPath)!;
        File.WriteAllText(configPath, $"{taboo}include {Path.GetRelativePath(configDirectory, dropInDirectory)}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(configPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var state = configPath + ".state";
        return await ExternalTool.RunAsync(logrotate, ["-d", "-s", state, configPath], workingDirectory: configDirectory);
    }
}

using System.Globalization;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Logging;
using GuestAgent.Platform;

namespace GuestAgent.Daemon.Configuration;

/// <summary>
/// Builds the effective <see cref="AgentSettings"/> of <c>run</c>: the command line wins over the
/// configuration file, which wins over the defaults. Every value is validated here, so a bad one
/// stops the agent at start-up with one clear line instead of failing on the first request.
/// </summary>
internal static class SettingsResolver
{
    private const int MinimumRetentionSeconds = 60;

    private const int MaximumRetentionSeconds = 7 * 24 * 3600;

    /// <summary>Reads the configuration file named by the invocation (or the default one) and resolves.</summary>
    /// <param name="invocation">The command line's options.</param>
    /// <param name="verb">The verb whose options these are, named in errors about them (<c>check-config</c> resolves as <c>run</c> does).</param>
    /// <param name="environment">The environment <c>XENSTORED_PATH</c> is read from (the process's when <c>null</c>).</param>
    public static AgentSettings Resolve(RunInvocation invocation, string verb = "run", Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var path = invocation.ConfigFile ?? AgentSettings.DefaultConfigFile;
        var file = ConfigurationReader.Read(path, explicitlyGiven: invocation.ConfigFile is not null);
        var settings = Resolve(invocation, file, path, verb, environment);
        if (file is not null)
        {
            settings = settings with { ConfigurationFileAccess = PathAccess.Read(path) };
        }

        return GuestAgent.Platform.Native.LibC.Stat(settings.StateDirectoryOnDisk) is { } state
            ? settings with { StateDirectoryAccess = state.IsDirectory ? PathAccess.Read(settings.StateDirectoryOnDisk) : null, StateDirectoryIsNotADirectory = !state.IsDirectory }
            : settings;
    }

    /// <summary>
    /// Resolves an already-read configuration file (<c>null</c>: there was none, the defaults apply);
    /// <paramref name="source"/> names it in errors. With no XenStore path on the command line or in
    /// the file, <c>XENSTORED_PATH</c> in <paramref name="environment"/> (the process's when
    /// <c>null</c>) is the endpoint, and is held to the same length rule.
    /// </summary>
    public static AgentSettings Resolve(RunInvocation invocation, ConfigurationFile? file, string source, string verb = "run", Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var read = file is not null;
        file ??= new ConfigurationFile();
        var defaults = new AgentSettings();

        var logLevel = invocation.LogLevel ?? defaults.LogLevel;
        if (invocation.LogLevel is null && file.LogLevel is { } levelName)
        {
            logLevel = LogLevelNames.TryParse(levelName, out var parsed)
                ? parsed
                : throw Bad(source, "logLevel", $"must be one of: {LogLevelNames.Accepted}", levelName);
        }

        var root = invocation.Root is { } cliRoot
            ? Root(cliRoot, $"{verb}: option '--root'")
            : file.Root is { } fileRoot ? Root(fileRoot, $"{source}: 'root'") : defaults.Root;

        var domainPath = invocation.DomainPath ?? (file.XenStore?.DomainPath is { } fileDomain
            ? DomainPath(fileDomain, source)
            : defaults.DomainPath);

        var xenstorePath = invocation.XenStorePath ?? (file.XenStore?.Path is { } fileXenStore
            ? XenStorePath(fileXenStore, source)
            : defaults.XenStorePath);
        if (xenstorePath is null)
        {
            // Checked here, used by run from the environment once it has made it absolute (ProcessHardening).
            UnixSocketPathLength.EnvironmentEndpoint(verb, environment);
        }

        return defaults with
        {
            ConfigurationFile = source,
            ConfigurationFileRead = read,
            LogLevel = logLevel,
            Root = root,
            DomainPath = domainPath,
            XenStorePath = xenstorePath,
            StateDirectory = file.StateDirectory is { } state ? AbsolutePath(state, source, "stateDirectory") : defaults.StateDirectory,
            PollInterval = Seconds(file.XenStore?.PollIntervalSeconds, 0.01, 3600, source, "xenstore.pollIntervalSeconds") ?? defaults.PollInterval,
            ResponseRetention = Retention(file.XenStore?.ResponseRetentionSeconds, source) ?? defaults.ResponseRetention,
            ShutdownTimeout = Seconds(file.ShutdownTimeoutSeconds, 0, 3600, source, "shutdownTimeoutSeconds") ?? defaults.ShutdownTimeout,
            EnabledCommands = file.Commands?.Enabled is { } enabled ? CommandNames(enabled, source) : defaults.EnabledCommands,
            InjectFileDirectories = file.InjectFile?.AllowedDirectories is { } directories
                ? directories.Select(d => AbsolutePath(d, source, "injectFile.allowedDirectories")).ToArray()
                : defaults.InjectFileDirectories,
            InjectFileInheritUserDirectoryOwner = file.InjectFile?.InheritUserDirectoryOwner ?? defaults.InjectFileInheritUserDirectoryOwner,
            AgentUpdateAllowHttp = file.AgentUpdate?.AllowHttp ?? defaults.AgentUpdateAllowHttp,
            AgentUpdateMaxSizeBytes = file.AgentUpdate?.MaxSizeBytes is { } size
                ? size > 0 ? size : throw Bad(source, "agentUpdate.maxSizeBytes", "must be greater than 0", size.ToString(CultureInfo.InvariantCulture))
                : defaults.AgentUpdateMaxSizeBytes,
            AgentUpdateTimeout = Seconds(file.AgentUpdate?.TimeoutSeconds, 1, 3600, source, "agentUpdate.timeoutSeconds") ?? defaults.AgentUpdateTimeout,
            NetworkBackend = file.Network?.Backend is { } backend
                ? NetworkBackendNames.TryParse(backend, out var parsedBackend)
                    ? parsedBackend
                    : throw Bad(source, "network.backend", $"must be one of: {NetworkNames.Backends}", backend)
                : defaults.NetworkBackend,
            ResolvConf = file.Network?.ResolvConf is { } resolvConf
                ? NetworkNames.TryParseResolvConf(resolvConf, out var parsedResolvConf)
                    ? parsedResolvConf
                    : throw Bad(source, "network.resolvConf", "must be one of: auto, always, never", resolvConf)
                : defaults.ResolvConf,
            SetHostname = file.Network?.SetHostname ?? defaults.SetHostname,
            NetworkDeadline = Seconds(file.Network?.DeadlineSeconds, 1, 3600, source, "network.deadlineSeconds") ?? defaults.NetworkDeadline,
            NetworkRollbackShare = file.Network?.RollbackShare is { } share
                ? share is >= 0.1 and <= 0.9 ? share : throw Bad(source, "network.rollbackShare", "must be between 0.1 and 0.9", share.ToString(CultureInfo.InvariantCulture))
                : defaults.NetworkRollbackShare,
        };
    }

    private static string Root(string path, string what)
    {
        if (!Path.IsPathFullyQualified(path))
        {
            throw new UsageException($"{what} must be an absolute directory, not '{path}'");
        }

        return Directory.Exists(path)
            ? Path.GetFullPath(path)
            : throw new UsageException($"{what} names a directory that does not exist: '{path}'");
    }

    private static string DomainPath(string path, string source) =>
        XenStoreDomainPath.TryNormalize(path, out var normalized)
            ? normalized
            : throw Bad(source, "xenstore.domainPath", "must be " + XenStoreDomainPath.Expected, path);

    // Without the value: quoting an empty one ("not ''") says nothing the rule does not.
    private static string NonEmpty(string value, string source, string key) =>
        value.Length > 0 ? value : throw Bad(source, key, "must not be empty");

    // The option's rule, so the file cannot name a socket connecting to which can only fail; a
    // relative path is relative to the working directory run was started in, as the option's is
    // (not to the file's directory), and made absolute now, before run moves to /.
    private static string XenStorePath(string path, string source)
    {
        var used = UnixSocketPathLength.XenStorePath(NonEmpty(path, source, "xenstore.path"), what: $"{source}: 'xenstore.path' names {path}");
        return UnixSocketPathLength.Problem(path, used) is { } problem
            ? throw new UsageException($"{source}: 'xenstore.path' {problem}")
            : used;
    }

    // The SDK's rule, so a directory the file accepts is one InjectFileOptions accepts too.
    private static string AbsolutePath(string path, string source, string key) =>
        AgentPaths.TryNormalizeConfiguredDirectory(path, out var normalized, out var problem)
            ? normalized
            : throw Bad(source, key, problem, path);

    private static TimeSpan? Seconds(double? seconds, double minimum, double maximum, string source, string key)
    {
        if (seconds is not { } value)
        {
            return null;
        }

        return value >= minimum && value <= maximum
            ? TimeSpan.FromSeconds(value)
            : throw Bad(source, key, $"must be between {minimum.ToString(CultureInfo.InvariantCulture)} and {maximum.ToString(CultureInfo.InvariantCulture)} seconds", value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// 0 keeps every response. Otherwise at least <see cref="MinimumRetentionSeconds"/>: Nova waits
    /// up to 60 s for one answer (<c>resetnetwork</c>), and a response removed before it was read
    /// is a lost answer. At most a week, which also catches milliseconds written as seconds.
    /// </summary>
    private static TimeSpan? Retention(double? seconds, string source)
    {
        const string Key = "xenstore.responseRetentionSeconds";
        if (seconds is not { } value)
        {
            return null;
        }

        return value == 0
            ? TimeSpan.Zero
            : value >= MinimumRetentionSeconds && value <= MaximumRetentionSeconds
                ? TimeSpan.FromSeconds(value)
                : throw Bad(source, Key, $"must be 0 (keep every response) or between {MinimumRetentionSeconds} and {MaximumRetentionSeconds} seconds", value.ToString(CultureInfo.InvariantCulture));
    }

    private static string[] CommandNames(string[] names, string source)
    {
        foreach (var name in names)
        {
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                throw Bad(source, "commands.enabled", "must hold command names (letters, digits, '_', '.', '-')", name);
            }
        }

        return names.Distinct(StringComparer.Ordinal).ToArray();
    }

    private static UsageException Bad(string source, string key, string rule, string value) =>
        Bad(source, key, $"{rule}, not '{value}'");

    private static UsageException Bad(string source, string key, string rule) =>
        new($"{source}: '{key}' {rule}");
}

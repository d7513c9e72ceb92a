using System.Globalization;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Daemon.Logging;
using GuestAgent.XenStore.Server;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Cli;

/// <summary>
/// The options and positional arguments after a verb. Every option is read and checked here,
/// whichever verb takes it, so <c>--xenstore</c>, <c>--domid</c> or <c>--timeout</c> mean the same
/// and fail with the same text everywhere; a verb only says which options it takes.
/// </summary>
internal sealed class VerbOptions
{
    /// <summary>Xen's first reserved domain id (DOMID_FIRST_RESERVED); real domains are below it.</summary>
    private const int FirstReservedDomainId = 0x7FF0;

    private readonly List<string> _positional = [];

    private VerbOptions()
    {
    }

    public string? ConfigFile { get; private set; }

    public string? XenStorePath { get; private set; }

    public string? DomainPath { get; private set; }

    public string? Root { get; private set; }

    public LogLevel? LogLevel { get; private set; }

    public string? SocketPath { get; private set; }

    public int? GuestDomainId { get; private set; }

    public string? GuestSocketPath { get; private set; }

    public int? DomainId { get; private set; }

    /// <summary><c>xenstored</c>'s limits; the options not given are <c>null</c>.</summary>
    public XenstoredLimits Limits { get; private set; }

    /// <summary>How long <c>call</c> and <c>set-password</c> wait; Nova's <c>agent_timeout</c> unless given.</summary>
    public TimeSpan Timeout { get; private set; } = CommandLineParser.DefaultCallTimeout;

    /// <summary>The options given.</summary>
    public VerbOption Given { get; private set; }

    /// <summary>The positional arguments, in order.</summary>
    public IReadOnlyList<string> Positional => _positional;

    /// <summary>
    /// Reads the rest of the command line, in order: the first mistake is the error, unless
    /// <c>--help</c> comes before it. Every option takes one value, so a repeated one is a mistake
    /// (which of two <c>--root</c>s was meant cannot be guessed).
    /// </summary>
    /// <param name="reader">The arguments after the verb.</param>
    /// <param name="accepted">The options the verb takes; any other is an unknown option.</param>
    /// <param name="positionals">How many positional arguments the verb takes.</param>
    /// <param name="extraHint">Added to the error for one positional argument too many.</param>
    /// <returns>The options, or <c>null</c> when help was asked for.</returns>
    public static VerbOptions? Read(OptionReader reader, VerbOption accepted, int positionals = 0, string extraHint = "")
    {
        var options = new VerbOptions();
        var given = VerbOption.None;
        while (reader.Next(out var option, out var text))
        {
            if (option is null)
            {
                if (options._positional.Count == positionals)
                {
                    throw reader.Error($"unexpected argument '{text}'{extraHint}");
                }

                options._positional.Add(text!);
                continue;
            }

            if (option is "--help" or "-h")
            {
                return text is null ? null : throw reader.Error($"option '{option}' takes no value");
            }

            var known = Named(option);
            if (known == VerbOption.None || !accepted.HasFlag(known))
            {
                throw reader.Unknown(option);
            }

            if (given.HasFlag(known))
            {
                throw reader.Error($"option '{option}' is given twice; it takes one value");
            }

            given |= known;
            options.Set(reader, known, option, reader.Value(option, text));
        }

        options.Given = given;
        return options;
    }

    private static VerbOption Named(string option) => option switch
    {
        "--config" => VerbOption.Config,
        "--xenstore" => VerbOption.XenStore,
        "--domain-path" => VerbOption.DomainPath,
        "--root" => VerbOption.Root,
        "--log-level" => VerbOption.LogLevel,
        "--socket" => VerbOption.Socket,
        "--guest-domid" => VerbOption.GuestDomainId,
        "--domid" => VerbOption.DomainId,
        "--timeout" => VerbOption.Timeout,
        "--guest-socket" => VerbOption.GuestSocket,
        "--max-queued-bytes" => VerbOption.MaxQueuedBytes,
        "--guest-max-nodes" => VerbOption.GuestMaxNodes,
        "--guest-max-node-size" => VerbOption.GuestMaxNodeSize,
        "--guest-max-watches" => VerbOption.GuestMaxWatches,
        "--guest-max-transactions" => VerbOption.GuestMaxTransactions,
        "--guest-max-permissions" => VerbOption.GuestMaxPermissions,
        "--guest-max-transaction-nodes" => VerbOption.GuestMaxTransactionNodes,
        _ => VerbOption.None,
    };

    private void Set(OptionReader reader, VerbOption known, string option, string value)
    {
        switch (known)
        {
            case VerbOption.Config:
                ConfigFile = ConfigFilePath(reader, option, value);
                break;
            case VerbOption.XenStore:
                XenStorePath = XenStoreSocketPath(reader, option, value);
                break;
            case VerbOption.DomainPath:
                DomainPath = ParseDomainPath(reader, value);
                break;
            case VerbOption.Root:
                Root = value;
                break;
            case VerbOption.LogLevel:
                LogLevel = LogLevelNames.TryParse(value, out var level)
                    ? level
                    : throw reader.Error($"unknown log level '{value}' (expected one of: {LogLevelNames.Accepted})");
                break;
            case VerbOption.Socket:
                SocketPath = UnixSocketPath(reader, option, value);
                break;
            case VerbOption.GuestDomainId:
                GuestDomainId = ParseDomainId(reader, option, value);
                break;
            case VerbOption.DomainId:
                DomainId = ParseDomainId(reader, option, value);
                break;
            case VerbOption.Timeout:
                Timeout = ParseTimeout(reader, option, value);
                break;
            case VerbOption.GuestSocket:
                GuestSocketPath = UnixSocketPath(reader, option, value);
                break;
            case VerbOption.MaxQueuedBytes:
                Limits = Limits with { MaxQueuedBytes = ParseBytes(reader, option, value, XenStoreServerOptions.MinQueuedBytesPerConnection, long.MaxValue) };
                break;
            case VerbOption.GuestMaxNodes:
                Limits = Limits with { GuestMaxNodes = ParseCount(reader, option, value) };
                break;
            case VerbOption.GuestMaxNodeSize:
                Limits = Limits with { GuestMaxNodeSize = (int)ParseBytes(reader, option, value, 0, int.MaxValue) };
                break;
            case VerbOption.GuestMaxWatches:
                Limits = Limits with { GuestMaxWatches = ParseCount(reader, option, value) };
                break;
            case VerbOption.GuestMaxTransactions:
                Limits = Limits with { GuestMaxTransactions = ParseCount(reader, option, value) };
                break;
            case VerbOption.GuestMaxPermissions:
                Limits = Limits with { GuestMaxPermissions = ParseCount(reader, option, value) };
                break;
            case VerbOption.GuestMaxTransactionNodes:
                Limits = Limits with { GuestMaxTransactionNodes = ParseCount(reader, option, value) };
                break;
        }
    }

    // --config: made absolute against the working directory the verb was started in, here, so that
    // every message names the file by one path, its full one, whether written before run moves to /
    // (a configuration error, check-config's warnings) or after (ProcessHardening). GetFullPath, not a
    // join: .NET's file APIs fold "link/.." as they open (the kernel would not), so the folded path is
    // the file read, and its checks (PathAccess) then look at that file too.
    private static string ConfigFilePath(OptionReader reader, string option, string value)
    {
        var path = NonEmptyPath(reader, option, value);
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : ArgumentEncoding.UnderWorkingDirectory(path, $"{reader.Verb}: option '{option}' names {path}"));
    }

    // An empty argument (an unset shell variable) names no file: left to run, it failed with .NET's
    // own "The value cannot be an empty string" (exit 1), and --xenstore '' as an empty XENSTORED_PATH.
    private static string NonEmptyPath(OptionReader reader, string option, string value) =>
        value.Length > 0 ? value : throw reader.Error($"option '{option}' needs a path, not an empty string");

    // sockaddr_un's sun_path (UnixSocketPathLength): refused here, with the option's name and exit 2,
    // rather than as a "cannot listen" or "cannot connect" once the verb runs (exit 1).
    private static string UnixSocketPath(OptionReader reader, string option, string value)
    {
        var path = NonEmptyPath(reader, option, value);
        return UnixSocketPathLength.Problem(path) is { } problem
            ? throw reader.Error($"option '{option}' {problem}")
            : path;
    }

    // The path the verb opens: a relative one made absolute now, while it still means what was typed
    // (run moves to / before connecting), and the length rule held against that.
    private static string XenStoreSocketPath(OptionReader reader, string option, string value)
    {
        var path = NonEmptyPath(reader, option, value);
        var used = UnixSocketPathLength.XenStorePath(path, what: $"{reader.Verb}: option '{option}' names {path}");
        return UnixSocketPathLength.Problem(path, used) is { } problem
            ? throw reader.Error($"option '{option}' {problem}")
            : used;
    }

    private static int ParseCount(OptionReader reader, string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw reader.Error($"option '{option}' needs a whole number from 0 to {int.MaxValue.ToString(CultureInfo.InvariantCulture)}, not '{text}'");

    private static long ParseBytes(OptionReader reader, string option, string text, long minimum, long maximum) =>
        ByteCount.TryParse(text, out var bytes) && bytes >= minimum && bytes <= maximum
            ? bytes
            : throw reader.Error($"option '{option}' needs a number of bytes from {minimum.ToString(CultureInfo.InvariantCulture)} to {maximum.ToString(CultureInfo.InvariantCulture)} ({ByteCount.Forms}), not '{text}'");

    private static int ParseDomainId(OptionReader reader, string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id < FirstReservedDomainId
            ? id
            : throw reader.Error($"option '{option}' needs a domain id from 0 to {FirstReservedDomainId - 1}, not '{text}'");

    // At least a millisecond: a shorter wait cannot be honoured (1e-10 s is a TimeSpan of 0, and a
    // connect cut off before it could finish was reported as a full listen queue), and the messages
    // then print the number as written (0.001, never 1E-05).
    private static TimeSpan ParseTimeout(OptionReader reader, string option, string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0.001 && seconds <= 86_400
            ? TimeSpan.FromSeconds(seconds)
            : throw reader.Error($"option '{option}' needs a number of seconds from 0.001 to 86400, not '{text}'");

    private static string ParseDomainPath(OptionReader reader, string text) =>
        XenStoreDomainPath.TryNormalize(text, out var normalized)
            ? normalized
            : throw reader.Error($"option '--domain-path' needs {XenStoreDomainPath.Expected}, not '{text}'");
}

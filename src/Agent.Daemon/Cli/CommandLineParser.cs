using System.Text.Json;

namespace GuestAgent.Daemon.Cli;

/// <summary>
/// Parses <c>guest-agent</c>'s command line (design.md §5) into an <see cref="Invocation"/>. Every
/// mistake is a <see cref="UsageException"/> with a one-line message naming the verb and the
/// offending argument.
/// </summary>
internal static class CommandLineParser
{
    /// <summary>Nova's <c>agent_timeout</c>: how long <c>call</c> and <c>set-password</c> wait by default.</summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(30);

    public static Invocation Parse(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count == 0)
        {
            return new MissingVerbInvocation();
        }

        var verb = arguments[0];
        return verb switch
        {
            "help" or "--help" or "-h" => ParseHelp(arguments),
            "--version" or "-V" or "version" => arguments.Count == 1
                ? new VersionInvocation()
                : throw new UsageException($"{verb}: unexpected argument '{arguments[1]}'"),
            "run" => ParseRun(new OptionReader(verb, arguments, 1)),
            "check-config" => ParseCheckConfig(new OptionReader(verb, arguments, 1)),
            "xenstored" => ParseXenstored(new OptionReader(verb, arguments, 1)),
            "call" => ParseCall(new OptionReader(verb, arguments, 1)),
            "set-password" => ParseSetPassword(new OptionReader(verb, arguments, 1)),
            "schema" => ParseBare(new OptionReader(verb, arguments, 1), VerbCatalog.Schema, new SchemaInvocation()),
            "demo" => ParseBare(new OptionReader(verb, arguments, 1), VerbCatalog.Demo, new DemoInvocation()),
            _ when verb.Split('=', 2) is [var flag and ("--help" or "-h" or "--version" or "-V"), _]
                => throw new UsageException($"option '{flag}' takes no value (try 'guest-agent --help')"),
            _ when verb.StartsWith('-') => throw new UsageException($"unknown option '{verb}' (try 'guest-agent --help')"),
            _ => throw new UsageException($"unknown verb '{verb}' (try 'guest-agent --help')"),
        };
    }

    /// <summary>
    /// <c>help</c> (or <c>--help</c>, <c>-h</c>) alone is the overview; <c>help VERB</c> is that verb's
    /// help, as <c>VERB --help</c>; <c>help help</c> is the overview, which is what help does, and so is
    /// <c>help version</c>: the overview's <c>--version</c> line is all there is to say about it, and
    /// calling a form the overview offers an "unknown verb" would be false. Anything more is a
    /// mistake, as it is after <c>--version</c>.
    /// </summary>
    private static HelpInvocation ParseHelp(IReadOnlyList<string> arguments) => arguments.Count switch
    {
        1 => new HelpInvocation(),
        2 when arguments[1] is "help" or "--help" or "-h" or "version" or "--version" or "-V" => new HelpInvocation(),
        2 => new HelpInvocation(VerbCatalog.Find(arguments[1]) ?? throw new UsageException($"{arguments[0]}: unknown verb '{arguments[1]}' (try 'guest-agent --help')")),
        _ => throw new UsageException($"{arguments[0]}: unexpected argument '{arguments[2]}'"),
    };

    private static Invocation ParseRun(OptionReader reader) =>
        VerbOptions.Read(reader, VerbCatalog.Run.Options) is { } options
            ? new RunInvocation(options.ConfigFile, options.XenStorePath, options.DomainPath, options.Root, options.LogLevel)
            : new HelpInvocation(VerbCatalog.Run);

    private static Invocation ParseCheckConfig(OptionReader reader) =>
        VerbOptions.Read(reader, VerbCatalog.CheckConfig.Options, positionals: 0, " (name the file with --config FILE)") is { } options
            ? new CheckConfigInvocation(new RunInvocation(options.ConfigFile, options.XenStorePath, options.DomainPath, options.Root, options.LogLevel))
            : new HelpInvocation(VerbCatalog.CheckConfig);

    private static Invocation ParseXenstored(OptionReader reader)
    {
        if (VerbOptions.Read(reader, VerbCatalog.Xenstored.Options) is not { } options)
        {
            return new HelpInvocation(VerbCatalog.Xenstored);
        }

        var socket = options.SocketPath ?? throw reader.Error("option '--socket PATH' is required");
        if (options.GuestSocketPath is not null && options.GuestDomainId is null)
        {
            throw reader.Error("option '--guest-socket PATH' needs '--guest-domid N' (the guest its connections act as)");
        }

        // Connections acting as domain 0 are dom0's, privileged: a guest socket for it would skip every
        // permission check and quota it exists for. (--guest-domid 0 alone is fine: it gives dom0's own
        // home data/host and data/guest, for an agent serving that home over --socket.)
        if (options.GuestSocketPath is not null && options.GuestDomainId == 0)
        {
            throw reader.Error("option '--guest-socket PATH' needs a guest's domain id, not '--guest-domid 0': its connections would act as dom0, privileged (no permission checks, no quotas), as those on --socket do");
        }

        // Only connections on the guest socket act as a guest: a quota without one would limit nobody.
        if (options.GuestSocketPath is null && OptionDescriptions.Each(options.Given & VerbCatalog.GuestQuotas).FirstOrDefault() is var quota and not VerbOption.None)
        {
            throw reader.Error($"option '{OptionDescriptions.Syntax(quota)}' limits the guest's connections: it needs '--guest-socket PATH' (connections on --socket act as dom0, which has no quotas)");
        }

        return new XenstoredInvocation(socket, options.GuestDomainId, options.GuestSocketPath, options.Limits);
    }

    private static Invocation ParseCall(OptionReader reader)
    {
        if (VerbOptions.Read(reader, VerbCatalog.Call.Options, positionals: 2, " (quote VALUE if it has spaces)") is not { } options)
        {
            return new HelpInvocation(VerbCatalog.Call);
        }

        var domid = options.DomainId ?? throw reader.Error("option '--domid N' is required");
        var command = options.Positional.Count > 0 ? options.Positional[0] : null;
        if (string.IsNullOrEmpty(command))
        {
            throw reader.Error("COMMAND is required, for example 'guest-agent call --domid 5 version'");
        }

        return new CallInvocation(options.XenStorePath, domid, options.Timeout, command, ValueJson(options.Positional.Count > 1 ? options.Positional[1] : null));
    }

    private static Invocation ParseSetPassword(OptionReader reader) =>
        VerbOptions.Read(reader, VerbCatalog.SetPassword.Options, positionals: 0, " (the password is read from stdin)") is { } options
            ? new SetPasswordInvocation(options.XenStorePath, options.DomainId ?? throw reader.Error("option '--domid N' is required"), options.Timeout)
            : new HelpInvocation(VerbCatalog.SetPassword);

    private static Invocation ParseBare(OptionReader reader, VerbDescription verb, Invocation invocation) =>
        VerbOptions.Read(reader, verb.Options) is null ? new HelpInvocation(verb) : invocation;

    /// <summary>
    /// The request value as JSON: a JSON object or array given as VALUE is sent as it is (the dict
    /// forms of <c>file_inject</c> and <c>agentupdate</c>); anything else is sent as a JSON string, as
    /// Nova sends every other value. No VALUE sends <c>""</c>, like Nova's <c>resetnetwork</c>.
    /// </summary>
    internal static string ValueJson(string? value)
    {
        if (value is null)
        {
            return "\"\"";
        }

        var trimmed = value.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                using var document = JsonDocument.Parse(value);
                return document.RootElement.GetRawText();
            }
            catch (JsonException)
            {
                // Not JSON after all: it is sent as a string, like any other text.
            }
        }

        return JsonSerializer.Serialize(value, CliJsonContext.Default.String);
    }
}

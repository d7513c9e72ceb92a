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
            return new HelpInvocation();
        }

        var verb = arguments[0];
        return verb switch
        {
            "--help" or "-h" or "help" => new HelpInvocation(),
            "--version" or "-V" or "version" => new VersionInvocation(),
            "run" => ParseRun(new OptionReader(verb, arguments, 1)),
            "xenstored" => ParseXenstored(new OptionReader(verb, arguments, 1)),
            "call" => ParseCall(new OptionReader(verb, arguments, 1)),
            "set-password" => ParseSetPassword(new OptionReader(verb, arguments, 1)),
            "schema" => ParseBare(new OptionReader(verb, arguments, 1), new SchemaInvocation()),
            "demo" => ParseBare(new OptionReader(verb, arguments, 1), new DemoInvocation()),
            _ when verb.StartsWith('-') => throw new UsageException($"unknown option '{verb}' (try 'guest-agent --help')"),
            _ => throw new UsageException($"unknown verb '{verb}' (try 'guest-agent --help')"),
        };
    }

    private static Invocation ParseRun(OptionReader reader) =>
        VerbOptions.Read(reader, VerbOption.Config | VerbOption.XenStore | VerbOption.DomainPath | VerbOption.Root | VerbOption.LogLevel) is { } options
            ? new RunInvocation(options.ConfigFile, options.XenStorePath, options.DomainPath, options.Root, options.LogLevel)
            : new HelpInvocation();

    private static Invocation ParseXenstored(OptionReader reader) =>
        VerbOptions.Read(reader, VerbOption.Socket | VerbOption.GuestDomainId) is { } options
            ? new XenstoredInvocation(options.SocketPath ?? throw reader.Error("option '--socket PATH' is required"), options.GuestDomainId)
            : new HelpInvocation();

    private static Invocation ParseCall(OptionReader reader)
    {
        if (VerbOptions.Read(reader, VerbOption.XenStore | VerbOption.DomainId | VerbOption.Timeout, positionals: 2, " (quote VALUE if it has spaces)") is not { } options)
        {
            return new HelpInvocation();
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
        VerbOptions.Read(reader, VerbOption.XenStore | VerbOption.DomainId | VerbOption.Timeout, positionals: 0, " (the password is read from stdin)") is { } options
            ? new SetPasswordInvocation(options.XenStorePath, options.DomainId ?? throw reader.Error("option '--domid N' is required"), options.Timeout)
            : new HelpInvocation();

    private static Invocation ParseBare(OptionReader reader, Invocation invocation) =>
        VerbOptions.Read(reader, VerbOption.None) is null ? new HelpInvocation() : invocation;

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

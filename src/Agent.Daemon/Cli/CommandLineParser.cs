using System.Globalization;
using System.Text.Json;
using GuestAgent.Daemon.Logging;
using Microsoft.Extensions.Logging;

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

    /// <summary>Xen's first reserved domain id (DOMID_FIRST_RESERVED); real domains are below it.</summary>
    private const int FirstReservedDomainId = 0x7FF0;

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

    private static Invocation ParseRun(OptionReader reader)
    {
        string? config = null, xenstore = null, domainPath = null, root = null;
        LogLevel? level = null;
        while (reader.Next(out var option, out var text))
        {
            switch (option)
            {
                case null:
                    throw reader.Error($"unexpected argument '{text}'");
                case "--help" or "-h":
                    return new HelpInvocation();
                case "--config":
                    config = reader.Value(option, text);
                    break;
                case "--xenstore":
                    xenstore = reader.Value(option, text);
                    break;
                case "--domain-path":
                    domainPath = DomainPath(reader, reader.Value(option, text));
                    break;
                case "--root":
                    root = reader.Value(option, text);
                    break;
                case "--log-level":
                    var name = reader.Value(option, text);
                    level = LogLevelNames.TryParse(name, out var parsed)
                        ? parsed
                        : throw reader.Error($"unknown log level '{name}' (expected one of: {LogLevelNames.Accepted})");
                    break;
                default:
                    throw reader.Unknown(option);
            }
        }

        return new RunInvocation(config, xenstore, domainPath, root, level);
    }

    private static Invocation ParseXenstored(OptionReader reader)
    {
        string? socket = null;
        int? guest = null;
        while (reader.Next(out var option, out var text))
        {
            switch (option)
            {
                case null:
                    throw reader.Error($"unexpected argument '{text}'");
                case "--help" or "-h":
                    return new HelpInvocation();
                case "--socket":
                    socket = reader.Value(option, text);
                    break;
                case "--guest-domid":
                    guest = DomainId(reader, option, reader.Value(option, text));
                    break;
                default:
                    throw reader.Unknown(option);
            }
        }

        return new XenstoredInvocation(socket ?? throw reader.Error("option '--socket PATH' is required"), guest);
    }

    private static Invocation ParseCall(OptionReader reader)
    {
        string? xenstore = null, command = null, value = null;
        int? domid = null;
        var timeout = DefaultCallTimeout;
        while (reader.Next(out var option, out var text))
        {
            switch (option)
            {
                case null when command is null:
                    command = text!;
                    break;
                case null when value is null:
                    value = text!;
                    break;
                case null:
                    throw reader.Error($"unexpected argument '{text}' (quote VALUE if it has spaces)");
                case "--help" or "-h":
                    return new HelpInvocation();
                case "--xenstore":
                    xenstore = reader.Value(option, text);
                    break;
                case "--domid":
                    domid = DomainId(reader, option, reader.Value(option, text));
                    break;
                case "--timeout":
                    timeout = Timeout(reader, option, reader.Value(option, text));
                    break;
                default:
                    throw reader.Unknown(option);
            }
        }

        if (domid is null)
        {
            throw reader.Error("option '--domid N' is required");
        }

        if (string.IsNullOrEmpty(command))
        {
            throw reader.Error("COMMAND is required, for example 'guest-agent call --domid 5 version'");
        }

        return new CallInvocation(xenstore, domid.Value, timeout, command, ValueJson(value));
    }

    private static Invocation ParseSetPassword(OptionReader reader)
    {
        string? xenstore = null;
        int? domid = null;
        var timeout = DefaultCallTimeout;
        while (reader.Next(out var option, out var text))
        {
            switch (option)
            {
                case null:
                    throw reader.Error($"unexpected argument '{text}' (the password is read from stdin)");
                case "--help" or "-h":
                    return new HelpInvocation();
                case "--xenstore":
                    xenstore = reader.Value(option, text);
                    break;
                case "--domid":
                    domid = DomainId(reader, option, reader.Value(option, text));
                    break;
                case "--timeout":
                    timeout = Timeout(reader, option, reader.Value(option, text));
                    break;
                default:
                    throw reader.Unknown(option);
            }
        }

        return new SetPasswordInvocation(xenstore, domid ?? throw reader.Error("option '--domid N' is required"), timeout);
    }

    private static Invocation ParseBare(OptionReader reader, Invocation invocation)
    {
        while (reader.Next(out var option, out var text))
        {
            if (option is "--help" or "-h")
            {
                return new HelpInvocation();
            }

            throw option is null ? reader.Error($"unexpected argument '{text}'") : reader.Unknown(option);
        }

        return invocation;
    }

    private static int DomainId(OptionReader reader, string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id < FirstReservedDomainId
            ? id
            : throw reader.Error($"option '{option}' needs a domain id from 0 to {FirstReservedDomainId - 1}, not '{text}'");

    private static TimeSpan Timeout(OptionReader reader, string option, string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 86_400
            ? TimeSpan.FromSeconds(seconds)
            : throw reader.Error($"option '{option}' needs a number of seconds greater than 0 (at most 86400), not '{text}'");

    private static string DomainPath(OptionReader reader, string text)
    {
        var trimmed = text.TrimEnd('/');
        return trimmed.StartsWith('/') && !trimmed.Contains("//", StringComparison.Ordinal)
            ? trimmed
            : throw reader.Error($"option '--domain-path' needs an absolute XenStore path such as /local/domain/5, not '{text}'");
    }

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

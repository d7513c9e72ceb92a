using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GuestAgent.Commands.Files;
using GuestAgent.Commands.Security;
using GuestAgent.Commands.Update;
using GuestAgent.Protocol;

namespace GuestAgent.Commands.Tests.FullPath;

/// <summary>
/// Decides, independently of the commands' own parsing, whether a fuzzed request is valid: from
/// docs/commands.md and the protocol spec, not by calling the code under test. And lists the
/// refusals each command documents, so that every other answer to a bad request is a finding.
/// </summary>
internal static partial class RequestOracle
{
    private const string JsonWhiteSpace = " \t\r\n";

    /// <summary>
    /// The request's value when the request itself is well formed (a JSON object whose last
    /// <c>name</c> is <paramref name="command"/>); a missing value is <c>""</c>, as the original's
    /// <c>request.get('value', '')</c>. <c>null</c> when the request is refused before any command.
    /// </summary>
    public static JsonElement? Value(string request, string command)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var members = root.EnumerateObject().ToList();
            var name = members.LastOrDefault(member => NameOf(member) == "name").Value;
            if (name.ValueKind != JsonValueKind.String || name.GetString() != command)
            {
                return null;
            }

            var value = members.LastOrDefault(member => NameOf(member) == "value").Value;
            return value.ValueKind == JsonValueKind.Undefined ? JsonDocument.Parse("\"\"").RootElement.Clone() : value.Clone();
        }
    }

    /// <summary>Whether <paramref name="value"/> is one <paramref name="command"/> must act on (the tree it acts on is <paramref name="root"/>).</summary>
    public static bool IsValid(string command, JsonElement value, string root) => command switch
    {
        // A command that takes its value whole refuses a string no .NET string holds anywhere in it
        // (docs/authoring-commands.md): it could not read it.
        "keyinit" or "file_inject" or "agentupdate" or "kmsactivate" when HoldsLoneSurrogate(value) => false,
        "version" or "features" or "resetnetwork" => true,
        "keyinit" => IsPeerKey(value),
        "password" => Text(value) is { } text && Base64(text) is { } bytes && bytes.AsSpan().SequenceEqual(Convert.FromBase64String(FuzzedAgent.PasswordCiphertext)),
        "injectfile" => Text(value) is { } text && Base64(text) is { } data && Array.IndexOf(data, (byte)',') is var comma and >= 0 && IsWritablePath(data[..comma], root),
        "file_inject" => value.ValueKind == JsonValueKind.Object &&
            Text(Member(value, "b64_path")) is { } path && Base64(path) is { } pathBytes &&
            Text(Member(value, "b64_file")) is { } file && Base64(file) is not null && IsWritablePath(pathBytes, root),
        "agentupdate" => IsUpdate(value),
        "kmsactivate" => IsActivation(value),
        _ => throw new ArgumentException(command, nameof(command)),
    };

    /// <summary>The refusals docs/commands.md names for the command, exactly, or the start of those that end in a reason.</summary>
    public static bool IsDocumentedRefusal(string command, string message) =>
        message is ProtocolMessages.Malformed or ProtocolMessages.TooDeep or ProtocolMessages.MissingName ||
        message.StartsWith("No such agent command '", StringComparison.Ordinal) ||
        message == BindingErrors.ExpectedString(command) || message == BindingErrors.InvalidText(command) ||
        message == BindingErrors.ExpectedObject(command) ||
        (Refusals.TryGetValue(command, out var texts) && texts.Any(text => text.EndsWith(": ", StringComparison.Ordinal) ? message.StartsWith(text, StringComparison.Ordinal) : message == text));

    private static readonly Dictionary<string, string[]> Refusals = new()
    {
        ["keyinit"] = [PasswordMessages.BadPeerKey, PasswordMessages.PeerKeyOutOfRange],
        ["password"] = [PasswordMessages.BadBase64, PasswordMessages.InvalidData, PasswordMessages.EmptyPassword, PasswordMessages.TooLong],
        ["injectfile"] = InjectFileRefusals(InjectFileMessages.NoComma),
        ["file_inject"] = InjectFileRefusals(InjectFileMessages.BadArguments),
        ["agentupdate"] =
        [
            "Invalid arguments", "Invalid arguments: expected '<url>,<md5 or sha256>'", "Missing URL or MD5 sum in dictionary arguments",
            "Invalid checksum: expected an md5 (32 hex digits) or sha256 (64 hex digits)", "Invalid URL",
            "Refusing a plain http URL: this agent accepts updates over https only", AgentUpdateMessages.NonAsciiHost,
        ],
        ["kmsactivate"] =
        [
            "Invalid kmsactivate arguments: expected {'activation_key': str, 'profile': str, 'domains': [host names]}",
            "Invalid kmsactivate arguments: every domain must be a host name", "Invalid kmsactivate arguments: no domains given",
        ],
    };

    private static string[] InjectFileRefusals(string shape) =>
    [
        shape, InjectFileMessages.BadBase64, InjectFileMessages.NotUtf8, InjectFileMessages.NotAbsolute, InjectFileMessages.Nul,
        InjectFileMessages.NotNormalised, InjectFileMessages.TooDeep, InjectFileMessages.NotADirectoryOnTheWay, InjectFileMessages.NotRegular,
        InjectFileMessages.WriteFailed + ": ",
    ];

    /// <summary>A string's text; <c>null</c> for anything else and for a string no .NET string holds (a lone surrogate escape).</summary>
    private static string? Text(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.String } text)
        {
            return null;
        }

        try
        {
            return text.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool HoldsLoneSurrogate(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Text(value) is null,
        JsonValueKind.Array => value.EnumerateArray().Any(HoldsLoneSurrogate),
        JsonValueKind.Object => value.EnumerateObject().Any(member => NameOf(member) is null || HoldsLoneSurrogate(member.Value)),
        _ => false,
    };

    /// <summary>The last member of that name (as the request's own <c>name</c> and <c>value</c> are read); a name no string holds matches none.</summary>
    private static JsonElement? Member(JsonElement value, string name) =>
        value.EnumerateObject().LastOrDefault(member => NameOf(member) == name) is { Value.ValueKind: not JsonValueKind.Undefined } member ? member.Value : null;

    private static string? NameOf(JsonProperty member)
    {
        try
        {
            return member.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Base64 as Nova writes it (the standard alphabet, padded; white space is skipped, as Python's decoder does).</summary>
    private static byte[]? Base64(string text)
    {
        var compact = string.Concat(text.Where(c => !JsonWhiteSpace.Contains(c, StringComparison.Ordinal)));
        return compact.Length % 4 == 0 && StandardBase64().IsMatch(compact) ? Convert.FromBase64String(compact) : null;
    }

    private static bool IsPeerKey(JsonElement value)
    {
        var digits = value.ValueKind switch
        {
            JsonValueKind.String => Text(value)?.Trim(JsonWhiteSpace.ToCharArray()),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return digits is { Length: >= 1 and <= 64 } && digits.All(char.IsAsciiDigit) &&
            BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) is var key && key >= 2 && key <= NovaDiffieHellman.Prime - 2;
    }

    /// <summary>An absolute UTF-8 path without NUL or '..', naming a file (its empty and '.' components dropped), through directories only, to a file or nothing.</summary>
    private static bool IsWritablePath(byte[] bytes, string root)
    {
        string path;
        try
        {
            path = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        // docs/commands.md: empty and '.' components are dropped (the kernel's reading); a '..', or a
        // last component that is empty or '.' (a directory), is refused.
        var given = path.Split('/');
        if (given[0] != "" || given.Length < 2 || given[^1] is "" or "." || given.Contains(".."))
        {
            return false;
        }

        string[] components = ["", .. given.Skip(1).Where(component => component is not ("" or "."))];
        if (components.Length > 129 ||
            components.Skip(1).Any(component => component.Contains('\0', StringComparison.Ordinal) || Encoding.UTF8.GetByteCount(component) > 255))
        {
            return false;
        }

        var host = root;
        for (var index = 1; index < components.Length; index++)
        {
            host = Path.Combine(host, components[index]);
            if (index < components.Length - 1 ? File.Exists(host) : Directory.Exists(host))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUpdate(JsonElement value)
    {
        string? url, checksum;
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = Text(value);
            var comma = text?.LastIndexOf(',') ?? -1;
            if (comma < 0)
            {
                return false;
            }

            (url, checksum) = (text![..comma].Trim(JsonWhiteSpace.ToCharArray()), text[(comma + 1)..].Trim(JsonWhiteSpace.ToCharArray()));
        }
        else if (value.ValueKind == JsonValueKind.Object)
        {
            url = Text(Member(value, "url"))?.Trim(JsonWhiteSpace.ToCharArray());
            checksum = Text(Member(value, "md5sum")) ?? Text(Member(value, "sha256")) ?? Text(Member(value, "sha256sum"));
        }
        else
        {
            return false;
        }

        return url is not null && checksum is not null && Checksum().IsMatch(checksum) && HttpsUrl().Match(url) is { Success: true } match &&
            (!match.Groups["port"].Success || int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture) <= 65535);
    }

    private static bool IsActivation(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || Text(Member(value, "activation_key")) is not { Length: > 0 } key ||
            Text(Member(value, "profile")) is not { } profile || key.Any(char.IsControl) || profile.Any(char.IsControl))
        {
            return false;
        }

        var domains = Member(value, "domains") is { } list
            ? list.ValueKind switch
            {
                JsonValueKind.String => [list],
                JsonValueKind.Array => list.EnumerateArray().ToArray(),
                _ => [],
            }
            : [];
        return domains.Length > 0 && domains.All(domain => Text(domain) is { } name && HostName().Match(name) is { Success: true } match &&
            (!match.Groups["port"].Success || int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture) <= 65535));
    }

    [GeneratedRegex("\\A[A-Za-z0-9+/]*={0,2}\\z")]
    private static partial Regex StandardBase64();

    [GeneratedRegex("\\A([0-9A-Fa-f]{32}|[0-9A-Fa-f]{64})\\z")]
    private static partial Regex Checksum();

    /// <summary>
    /// An https URL: a host name of ASCII letters, digits, dots and hyphens (an internationalised one in
    /// its IDNA form) and a port, then a path and query (an IRI's: letters beyond ASCII written as they
    /// are) without control characters, which no URL holds (RFC 3986 §2), nor format characters (bidi
    /// controls, joiners, the soft hyphen).
    /// </summary>
    [GeneratedRegex("\\A[Hh][Tt][Tt][Pp][Ss]://[A-Za-z0-9.-]+(:(?<port>[0-9]{1,5}))?([/?#][^\\x00-\\x1f\\x7f-\\x9f\\p{Cf}]*)?\\z")]
    private static partial Regex HttpsUrl();

    [GeneratedRegex("\\A(?=[^:]{1,253}(:|\\z))[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:(?<port>[0-9]{1,5}))?\\z")]
    private static partial Regex HostName();
}


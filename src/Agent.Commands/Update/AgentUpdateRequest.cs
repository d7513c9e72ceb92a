using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Update;

/// <summary>The checksum algorithms <c>agentupdate</c> accepts.</summary>
internal enum ChecksumKind
{
    Md5,
    Sha256,
}

/// <summary>What to download and the checksum it must have, as the host wrote it (hex digits in either case).</summary>
internal sealed record AgentUpdateRequest(Uri Url, ChecksumKind Kind, string Checksum)
{
    private const string JsonWhiteSpace = " \t\r\n";

    /// <summary>
    /// Whether <paramref name="url"/> holds a control character, which Uri percent-escapes (the update would
    /// fetch a URL the host never wrote), or a format character, which Uri drops from a host name
    /// (<c>exa&lt;U+202E&gt;mple.com</c> is fetched from <c>example.com</c>): the request's URL and a redirect's.
    /// </summary>
    internal static bool HoldsUnwritable(string url) => url.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format);

    /// <summary>
    /// Reads <c>"url,checksum"</c> or <c>{"url", "md5sum"}</c> / <c>{"url", "sha256"}</c>; a 32-digit
    /// checksum is MD5, a 64-digit one SHA-256. The URL must be absolute https (or http when allowed).
    /// </summary>
    /// <param name="value">The request's value.</param>
    /// <param name="options">Whether http is allowed, and how the operator allows it.</param>
    /// <param name="logger">Where a refused http URL is explained to the operator.</param>
    public static AgentUpdateRequest Parse(JsonElement value, AgentUpdateOptions options, ILogger logger)
    {
        string? url;
        string? checksum;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString()!;
                // The checksum never contains a comma, the URL might: split at the last one.
                var comma = text.LastIndexOf(',');
                if (comma < 0)
                {
                    throw new CommandException(AgentUpdateMessages.NoComma);
                }

                // JSON's white space only, as the stated schema says (Nova sends none).
                (url, checksum) = (text.AsSpan(0, comma).Trim(JsonWhiteSpace).ToString(), text.AsSpan(comma + 1).Trim(JsonWhiteSpace).ToString());
                break;
            case JsonValueKind.Object:
                url = StringProperty(value, "url");
                checksum = StringProperty(value, "md5sum") ?? StringProperty(value, "sha256") ?? StringProperty(value, "sha256sum");
                if (url is null || checksum is null)
                {
                    throw new CommandException(AgentUpdateMessages.MissingUrlOrChecksum);
                }

                break;
            default:
                throw new CommandException(AgentUpdateMessages.InvalidArguments);
        }

        var kind = checksum.Length switch
        {
            32 when IsHex(checksum) => ChecksumKind.Md5,
            64 when IsHex(checksum) => ChecksumKind.Sha256,
            _ => throw new CommandException(AgentUpdateMessages.InvalidChecksum),
        };

        // No URL holds a control character (RFC 3986 §2), but Uri percent-escapes one (a NUL, a line
        // break inside, DEL) and the update would fetch a URL the host never wrote: refused, after
        // JSON's white space around it is dropped in both forms, as the stated schema allows. So is a
        // format character (a bidi control, a joiner, the soft hyphen), which Uri drops from a host.
        url = url.AsSpan().Trim(JsonWhiteSpace).ToString();
        if (HoldsUnwritable(url) ||
            !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            throw new CommandException(AgentUpdateMessages.InvalidUrl);
        }

        // A path or query beyond ASCII (an IRI's) is fetched percent-encoded as UTF-8, as curl and wget
        // send it. A host name is not: the daemon runs without ICU (invariant globalization), where
        // .NET's IDNA conversion neither normalizes nor maps nor refuses what UTS #46 does (a\u0300
        // becomes xn--a-vbb, not curl's xn--0ca for 'à'), so it could contact another host than the
        // one meant. The IDNA form, which the host can write, is unambiguous.
        if (!Ascii.IsValid(uri.Host))
        {
            throw new CommandException(AgentUpdateMessages.NonAsciiHost);
        }

        if (uri.Scheme == "http" && !options.AllowHttp)
        {
            throw UpdateDownloader.RefuseHttp(uri, options, logger);
        }

        return new AgentUpdateRequest(uri, kind, checksum);
    }

    /// <summary><c>null</c> when the digest of the requested kind (lowercase hex) matches; the error text otherwise.</summary>
    public string? Verify(string actualMd5, string actualSha256)
    {
        var actual = Kind == ChecksumKind.Md5 ? actualMd5 : actualSha256;
        // Compared in either case (the original's exact comparison refused an uppercase md5), and
        // quoted as given when it differs, as the original's text quotes it.
        if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(actual), System.Text.Encoding.ASCII.GetBytes(Checksum.ToLowerInvariant())))
        {
            return null;
        }

        return Kind == ChecksumKind.Md5
            ? AgentUpdateMessages.Md5Mismatch(Checksum, actual)
            : AgentUpdateMessages.Sha256Mismatch(Checksum, actual);
    }

    private static string? StringProperty(JsonElement value, string name) =>
        value.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString() : null;

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);
}

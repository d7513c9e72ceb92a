using System.Net.Http.Headers;
using System.Text;

namespace GuestAgent.Commands.Update;

/// <summary>
/// The user and password an update's URL may carry (<c>https://user:token@builds/…</c>, a private
/// build server), sent as HTTP Basic authentication with the first request, as the original agent's
/// download (Python's <c>urllib.urlretrieve</c>) sent them. .NET's HttpClient drops a URL's user
/// info, so without this such a server answers 401. They are never sent on after a redirect (the
/// client removes the header), and never logged (<see cref="UpdateDownloader.Origin"/>).
/// </summary>
internal static class UrlCredentials
{
    /// <summary>The <c>Authorization</c> value for the URL's user info, percent-decoded to the octets RFC 3986 encodes; <c>null</c> when it has none.</summary>
    public static AuthenticationHeaderValue? BasicAuthorization(Uri url)
    {
        var userInfo = url.UserInfo;
        if (userInfo.Length == 0)
        {
            return null;
        }

        // A user without a password is sent with an empty one: Basic's form is always "user:password".
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var credentials = Octets(colon < 0 ? userInfo : userInfo[..colon]);
        credentials.Add((byte)':');
        credentials.AddRange(colon < 0 ? [] : Octets(userInfo[(colon + 1)..]));
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String([.. credentials]));
    }

    /// <summary>
    /// The octets a part of the user info stands for: each escape its octet (RFC 3986 §2.1), any other
    /// character its UTF-8. Not Uri.UnescapeDataString, which leaves an escape that is not UTF-8 as
    /// written: a Latin-1 password's "%E4" would be sent as those three characters, where curl and
    /// the original agent's urllib send the octet 0xE4.
    /// </summary>
    private static List<byte> Octets(string part)
    {
        var octets = new List<byte>(part.Length);
        var text = 0;
        for (var i = 0; i < part.Length; i++)
        {
            if (part[i] == '%' && i + 2 < part.Length && char.IsAsciiHexDigit(part[i + 1]) && char.IsAsciiHexDigit(part[i + 2]))
            {
                octets.AddRange(Encoding.UTF8.GetBytes(part[text..i]));
                octets.Add(Convert.FromHexString(part.AsSpan(i + 1, 2))[0]);
                i += 2;
                text = i + 1;
            }
        }

        octets.AddRange(Encoding.UTF8.GetBytes(part[text..]));
        return octets;
    }
}

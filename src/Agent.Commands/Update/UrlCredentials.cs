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
    /// <summary>The <c>Authorization</c> value for the URL's user info, percent-decoded as RFC 3986 writes it; <c>null</c> when it has none.</summary>
    public static AuthenticationHeaderValue? BasicAuthorization(Uri url)
    {
        var userInfo = url.UserInfo;
        if (userInfo.Length == 0)
        {
            return null;
        }

        // A user without a password is sent with an empty one: Basic's form is always "user:password".
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var user = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
        var password = colon < 0 ? "" : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
    }
}

using System.Net;
using System.Runtime.CompilerServices;

namespace GuestAgent.Commands.Update;

/// <summary>
/// Sends an update's GET and follows its redirects itself, checking each target before connecting
/// to it. .NET's client, left to follow them, goes wherever a <c>Location</c> points: to
/// <c>ftp://host/</c> it speaks HTTP to port 21, and on <c>file:///…</c> it throws a
/// <see cref="UriFormatException"/> that no caller expects. Here a target must be an absolute
/// <c>https</c> URL, or <c>http</c> where <see cref="AgentUpdateOptions.AllowHttp"/> allows it (refused
/// with the same answer as a plain <c>http</c> URL asked for, which .NET's client never gave: it
/// stops at a redirect from https to http and answers with the 302). The URL's credentials go with
/// the first request only, never on to where a redirect leads.
/// </summary>
internal static class RedirectFollower
{
    /// <summary>The most redirects followed: the limit the agent's client had when .NET followed them.</summary>
    public const int MaxRedirects = 5;

    /// <summary>
    /// The response of the last request: not a redirect, or one without a <c>Location</c> header (the
    /// caller answers its status). The caller disposes it.
    /// </summary>
    /// <exception cref="CommandException">A redirect leads to another scheme or to no valid URL, or there were more than <see cref="MaxRedirects"/>.</exception>
    /// <exception cref="UpdateDownloader.HttpRefusedException">A redirect leads to plain http, which the options do not allow.</exception>
    /// <param name="client">Sends the requests.</param>
    /// <param name="url">The update's URL.</param>
    /// <param name="options">Whether plain http may be followed.</param>
    /// <param name="lastRequested">Set to each URL as it is requested: where a failure happened, for the log.</param>
    /// <param name="cancellationToken">Stops the requests.</param>
    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, Uri url, AgentUpdateOptions options, StrongBox<Uri> lastRequested, CancellationToken cancellationToken)
    {
        var current = url;
        for (var redirects = 0; ; redirects++)
        {
            lastRequested.Value = current;
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.Authorization = redirects == 0 ? UrlCredentials.BasicAuthorization(url) : null;
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!IsRedirect(response.StatusCode) || !response.Headers.NonValidated.Contains("Location"))
            {
                return response;
            }

            // A Location .NET's header parser cannot read as a URI ("http:///x", a port past 65535) leaves
            // Headers.Location null: the server did redirect, so answering its status would blame it for failing.
            var location = response.Headers.Location;
            response.Dispose();
            if (redirects == MaxRedirects)
            {
                throw new CommandException(AgentUpdateMessages.TooManyRedirects(MaxRedirects));
            }

            // TryCreate: a relative "//" or "///x" names no host, and the constructor throws on it.
            // A host beyond ASCII, as in the request (AgentUpdateMessages.NonAsciiHost), is not contacted, nor
            // one Uri took a format character out of: the Location as sent is checked, as the request's URL is.
            if (location is null || AgentUpdateRequest.HoldsUnwritable(location.OriginalString) ||
                !Uri.TryCreate(current, location, out var target) || !System.Text.Ascii.IsValid(target.Host))
            {
                throw new CommandException(AgentUpdateMessages.RedirectedToInvalidUrl);
            }

            current = Check(target, options);
        }
    }

    /// <summary>The redirect's target when it may be followed.</summary>
    private static Uri Check(Uri target, AgentUpdateOptions options)
    {
        if (target.Scheme is not ("https" or "http") || target.Host.Length == 0)
        {
            throw new CommandException(AgentUpdateMessages.RedirectedOffHttp);
        }

        return target.Scheme == "http" && !options.AllowHttp ? throw new UpdateDownloader.HttpRefusedException(target) : target;
    }

    /// <summary>The statuses .NET's client follows: 300, 301, 302, 303, 307 and 308.</summary>
    private static bool IsRedirect(HttpStatusCode status) => status is
        HttpStatusCode.MultipleChoices or HttpStatusCode.MovedPermanently or HttpStatusCode.Found or
        HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}

using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Update;

/// <summary>The outcome of a download: where it is and its digests (lowercase hex).</summary>
internal sealed record DownloadedFile(string HostPath, long Length, string Md5, string Sha256);

/// <summary>Downloads an update into a staging file, within a size and time budget, hashing as it goes.</summary>
internal static partial class UpdateDownloader
{
    /// <summary>Downloads <paramref name="url"/> to the new file <paramref name="hostPath"/> (0600).</summary>
    /// <param name="url">What to download.</param>
    /// <param name="hostPath">The staging file to create.</param>
    /// <param name="options">The size and time limits.</param>
    /// <param name="sharedClient">The agent's client, or <c>null</c> for a private one.</param>
    /// <param name="logger">Where a failure is explained, for the operator (the host's answer stays short).</param>
    /// <param name="cancellationToken">Stops the download.</param>
    /// <param name="openOutput">Opens where the bytes go instead of creating <paramref name="hostPath"/> (a test's full device).</param>
    /// <exception cref="CommandException">The download failed, was too large or too slow, or could not be stored.</exception>
    public static async Task<DownloadedFile> DownloadAsync(
        Uri url, string hostPath, AgentUpdateOptions options, HttpClient? sharedClient, ILogger logger, CancellationToken cancellationToken, Func<Stream>? openOutput = null)
    {
        var lastRequested = new StrongBox<Uri>(url);
        try
        {
            return await DownloadOrExplainAsync(url, lastRequested, hostPath, options, sharedClient, cancellationToken, openOutput).ConfigureAwait(false);
        }
        catch (HttpRefusedException refused)
        {
            // Not a failed download: a policy, and the operator is told which setting changes it.
            throw RefuseHttp(refused.Url, options, logger);
        }
        catch (CommandException exception)
        {
            LogFailed(logger, OriginsOf(url, lastRequested.Value!), exception.InnerException is { } cause ? Detail(exception.Message, cause) : exception.Message);
            throw;
        }
    }

    /// <summary>
    /// Logs why a plain <c>http</c> URL (asked for, or redirected to) was refused and how to accept
    /// one; the exception that answers the host, with Nova's short text.
    /// </summary>
    public static CommandException RefuseHttp(Uri url, AgentUpdateOptions options, ILogger logger)
    {
        LogHttpRefused(logger, Origin(url), options.HowToAllowHttp);
        return new CommandException(AgentUpdateMessages.HttpRefused);
    }

    /// <summary>What a log line may say of an update's URL: scheme, host and port only, since user info, path and query may carry a token.</summary>
    public static string Origin(Uri url) => string.Create(CultureInfo.InvariantCulture, $"{url.Scheme}://{url.Host}:{url.Port}");

    /// <summary>
    /// The URL's origin, and the one a redirect led to when that is another: a connection refused
    /// there is no news about the first server, which an operator would otherwise go and check.
    /// </summary>
    private static string OriginsOf(Uri url, Uri lastRequested)
    {
        var first = Origin(url);
        var last = Origin(lastRequested);
        return last == first ? first : $"{first} (redirected to {last})";
    }

    private static async Task<DownloadedFile> DownloadOrExplainAsync(
        Uri url, StrongBox<Uri> lastRequested, string hostPath, AgentUpdateOptions options, HttpClient? sharedClient, CancellationToken cancellationToken, Func<Stream>? openOutput)
    {
        // The check words a refused certificate; a shared client's connections are its own to check.
        var certificates = new ServerCertificateCheck();
        using var ownClient = sharedClient is null ? CreateClient(certificates) : null;
        var client = sharedClient ?? ownClient!;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.DownloadTimeout);
        try
        {
            using var response = await RedirectFollower.GetAsync(client, url, options, lastRequested, deadline.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new CommandException(AgentUpdateMessages.DownloadStatus((int)response.StatusCode));
            }

            // A shared client may follow redirects itself, past RedirectFollower's checks.
            if (response.RequestMessage?.RequestUri is { } requested)
            {
                lastRequested.Value = requested;
            }

            if (response.RequestMessage?.RequestUri is { Scheme: "http" } redirected && !options.AllowHttp)
            {
                throw new HttpRefusedException(redirected);
            }

            if (response.Content.Headers.ContentLength > options.MaxDownloadBytes)
            {
                throw TooLarge(options);
            }

            return await CopyAsync(response, hostPath, openOutput, options, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CommandException(AgentUpdateMessages.DownloadTimedOut);
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            // "SecureConnectionError" tells an operator little: say what TLS refused, and log what to do.
            throw certificates.Describe() switch
            {
                { Detail: { } detail } refused => new CommandException(AgentUpdateMessages.DownloadFailed(refused.Answer), new ExplainedFailure(detail)),
                { } refused => new CommandException(AgentUpdateMessages.DownloadFailed(refused.Answer)),
                null => new CommandException(AgentUpdateMessages.DownloadFailed(ServerCertificateCheck.HandshakeFailed), exception),
            };
        }
        catch (HttpRequestException exception) when (exception is { HttpRequestError: HttpRequestError.ProxyTunnelError, StatusCode: { } status })
        {
            // .NET's text names the proxy's URL whole and ends in a stray quote ("… status code '403'.\""):
            // the log says it in this agent's words, the status taken from the exception, not its text,
            // and the proxy by its origin when it is the environment's (a shared client's is its own).
            var proxy = ownClient is null ? null : HttpClient.DefaultProxy.GetProxy(lastRequested.Value ?? url);
            var refusing = proxy is null ? "the proxy" : "the proxy " + Origin(proxy);
            throw new CommandException(
                AgentUpdateMessages.DownloadFailed(nameof(HttpRequestError.ProxyTunnelError)),
                new ExplainedFailure(string.Create(CultureInfo.InvariantCulture, $"{refusing} refused the tunnel: HTTP {(int)status}")));
        }
        catch (HttpRequestException exception)
        {
            // The answer keeps the short category; the cause (refused, DNS) is logged by the caller.
            throw new CommandException(AgentUpdateMessages.DownloadFailed(exception.HttpRequestError.ToString()), exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The transfer cut short (HttpIOException) or the staging file (disk full): both are this download's failure.
            throw new CommandException(AgentUpdateMessages.DownloadFailed(IoFailureReason.Of(exception)), exception);
        }
    }

    private static async Task<DownloadedFile> CopyAsync(HttpResponseMessage response, string hostPath, Func<Stream>? openOutput, AgentUpdateOptions options, CancellationToken cancellationToken)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var output = openOutput?.Invoke() ?? new FileStream(hostPath, StagingFiles.CreateOptions());
        await using (output.ConfigureAwait(false))
        {
            var input = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (input.ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > options.MaxDownloadBytes)
                    {
                        throw TooLarge(options);
                    }

                    md5.AppendData(buffer, 0, read);
                    sha256.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                return new DownloadedFile(hostPath, total, Convert.ToHexStringLower(md5.GetHashAndReset()), Convert.ToHexStringLower(sha256.GetHashAndReset()));
            }
        }
    }

    private static HttpClient CreateClient(ServerCertificateCheck certificates) => new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = certificates.Validate },
        // RedirectFollower follows them, checking each target before connecting to it.
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    });

    private static CommandException TooLarge(AgentUpdateOptions options) =>
        new(AgentUpdateMessages.DownloadTooLarge(options.MaxDownloadBytes));

    /// <summary>The answer's text and the innermost cause ("Connection refused", "Name or service not known", a certificate error).</summary>
    private static string Detail(string message, Exception cause)
    {
        var root = WithoutUserInfo(cause.GetBaseException().Message);
        return root.Length == 0 || message.EndsWith(root, StringComparison.Ordinal) ? message : $"{message} ({root})";
    }

    /// <summary>
    /// The text with the user info of every URL in it removed. .NET's messages are not ours to vouch
    /// for: a refused proxy tunnel names the proxy's URL whole, and https_proxy's carries the proxy's
    /// user and password. Greedy up to the authority's end, so a password holding an '@' goes too.
    /// </summary>
    private static string WithoutUserInfo(string text) => UserInfo().Replace(text, "${scheme}");

    [GeneratedRegex(@"(?<scheme>\b[A-Za-z][A-Za-z0-9+.\-]*://)[^\s/?#'""]*@", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UserInfo();

    /// <summary>What the log adds to an answer, in this agent's words rather than an exception's.</summary>
    private sealed class ExplainedFailure(string detail) : Exception(detail);

    /// <summary>The download ended at a plain http URL (a redirect): turned into <see cref="RefuseHttp"/> once out of the download.</summary>
    internal sealed class HttpRefusedException(Uri url) : Exception("a plain http URL")
    {
        public Uri Url { get; } = url;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "agentupdate: refused the plain http URL from {Origin}: to accept http, {HowToAllowHttp}")]
    private static partial void LogHttpRefused(ILogger logger, string origin, string howToAllowHttp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "agentupdate: downloading from {Origin} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string origin, string reason);
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 for download tests: fixed routes, one response per
/// connection, routes that stall after the headers (a slow server), and routes sent without a
/// Content-Length (the body ends where the connection closes) or with a false one, and routes that answer 401 unless
/// the request carries one exact Authorization header, or redirect. Given a certificate, it speaks
/// HTTPS (<see cref="SslStream"/> over the same listener) and its URLs are https. Stops on dispose.
/// </summary>
internal sealed class TinyHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Route> _routes = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private readonly X509Certificate2? _certificate;

    /// <param name="certificate">The server's certificate with its private key (<see cref="TestCertificateAuthority"/>): HTTPS; <c>null</c>: plain HTTP.</param>
    public TinyHttpServer(X509Certificate2? certificate = null)
    {
        _certificate = certificate;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Paths requested so far.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The Host header of each request so far, in order (<c>null</c> for none); bytes outside ASCII read as <c>?</c>.</summary>
    public ConcurrentQueue<string?> Hosts { get; } = new();

    /// <summary>Each request's <c>Accept-Encoding</c> value, in order (<c>null</c> where it sent none).</summary>
    public ConcurrentQueue<string?> AcceptEncodings { get; } = new();

    /// <summary>The port the server listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The Authorization header of each request so far, in order (<c>null</c> for none).</summary>
    public ConcurrentQueue<string?> Authorizations { get; } = new();

    public string Url(string path) => $"{(_certificate is null ? "http" : "https")}://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}";

    /// <summary>Answers <paramref name="path"/> with <paramref name="body"/>; <paramref name="header"/> is one more header line (<c>Content-Encoding: gzip</c>).</summary>
    public void Serve(string path, byte[] body, int status = 200, bool stall = false, bool withoutLength = false, string? authorization = null, long? declaredLength = null, string? header = null) =>
        _routes[path] = new Route(body, status, stall, withoutLength, authorization, null, declaredLength, header);

    /// <summary>Answers <paramref name="path"/> with a 302 to <paramref name="location"/>.</summary>
    public void Redirect(string path, string location) =>
        _routes[path] = new Route([], 302, false, false, null, location, null, null);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            // A dispose between the loop's check and the accept stops the listener first: the accept
            // then throws InvalidOperationException ("Not listening"), which is the end too.
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException || _stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                Stream stream = client.GetStream();
                if (_certificate is not null)
                {
                    var tls = new SslStream(stream);
                    try
                    {
                        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
                    }
                    catch (Exception exception) when (exception is AuthenticationException or IOException)
                    {
                        // The client refused the certificate: no request comes.
                        await tls.DisposeAsync();
                        return;
                    }

                    stream = tls;
                }

                var (path, headerLines) = await ReadRequestAsync(stream);
                if (headerLines is null)
                {
                    // Closed before a request (over TLS: a client that refused the certificate after the handshake).
                    return;
                }

                Requests.Enqueue(path);
                var sent = headerLines.FirstOrDefault(line => line.StartsWith("Authorization: ", StringComparison.OrdinalIgnoreCase))?["Authorization: ".Length..];
                Authorizations.Enqueue(sent);
                Hosts.Enqueue(headerLines.FirstOrDefault(line => line.StartsWith("Host: ", StringComparison.OrdinalIgnoreCase))?["Host: ".Length..]);
                AcceptEncodings.Enqueue(headerLines.FirstOrDefault(line => line.StartsWith("Accept-Encoding: ", StringComparison.OrdinalIgnoreCase))?["Accept-Encoding: ".Length..]);
                var route = _routes.TryGetValue(path, out var found) ? found : new Route("not found"u8.ToArray(), 404, false, false, null, null, null, null);
                if (route.Authorization is { } wanted && sent != wanted)
                {
                    route = new Route("unauthorized"u8.ToArray(), 401, false, false, null, null, null, null);
                }

                var length = route.WithoutLength ? "" : $"Content-Length: {route.DeclaredLength ?? route.Body.Length}\r\n";
                var location = route.Location is { } target ? $"Location: {target}\r\n" : "";
                var extra = route.Header is { } line ? line + "\r\n" : "";
                var headers = $"HTTP/1.1 {route.Status} Status\r\n{length}{location}{extra}Connection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.UTF8.GetBytes(headers), _stop.Token);
                if (route.Stall)
                {
                    await stream.WriteAsync(route.Body.AsMemory(0, Math.Min(1, route.Body.Length)), _stop.Token);
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }

                await stream.WriteAsync(route.Body, _stop.Token);
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or SocketException)
            {
            }
        }
    }

    private async Task<(string Path, string[]? HeaderLines)> ReadRequestAsync(Stream stream)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), _stop.Token);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (Encoding.ASCII.GetString(buffer, 0, length).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                break;
            }
        }

        if (length == 0)
        {
            return ("", null);
        }

        var lines = Encoding.ASCII.GetString(buffer, 0, length).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        return (requestLine.Length > 1 ? requestLine[1] : "", lines[1..]);
    }

    private sealed record Route(byte[] Body, int Status, bool Stall, bool WithoutLength, string? Authorization, string? Location, long? DeclaredLength, string? Header);
}

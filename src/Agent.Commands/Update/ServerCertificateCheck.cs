using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace GuestAgent.Commands.Update;

/// <summary>
/// Why a download's TLS connection was refused, in words an operator acts on. .NET's own account is
/// <see cref="HttpRequestError.SecureConnectionError"/> (an enum's name) around "The remote
/// certificate is invalid … : PartialChain"; this validation callback records what the certificate
/// check found instead, and keeps .NET's decision: it accepts exactly what .NET accepts without one
/// (no <see cref="SslPolicyErrors"/>), so the trust store and the host name check stay the system's.
/// One per download (its client's connections, redirects included, run one after another).
/// </summary>
internal sealed class ServerCertificateCheck
{
    /// <summary>
    /// What a log line adds when the chain is not trusted: where a private CA goes. .NET reads the
    /// OpenSSL trust store, and these two variables, at the process's start.
    /// </summary>
    public const string PrivateCaHint =
        "to trust a private CA, name its PEM file in SSL_CERT_FILE or its directory in SSL_CERT_DIR in the agent's environment (then restart it)";

    /// <summary>The most names of a certificate a log line lists: a shared host's certificate may have hundreds.</summary>
    private const int MaxNames = 5;

    private Refusal? _refusal;

    /// <summary>The callback for <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // The chain's own words ("unable to get local issuer certificate", "certificate has
        // expired"): OpenSSL's, naming no URL or credential.
        var status = (chain?.ChainStatus ?? [])
            .Select(s => s.StatusInformation.Trim())
            .Where(text => text.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        _refusal = new Refusal(errors, status, errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) ? NamesOf(certificate) : []);
        return false;
    }

    /// <summary>The answer's text (after "Couldn't download the update: ") when the handshake failed without a refused certificate.</summary>
    public const string HandshakeFailed = "the TLS handshake failed";

    /// <summary>
    /// The answer's text for a refused certificate (after "Couldn't download the update: ") and what
    /// the log adds; <c>null</c> when no certificate was refused here (the handshake failed
    /// otherwise: a server that speaks no TLS, no protocol version in common).
    /// </summary>
    public (string Answer, string? Detail)? Describe()
    {
        if (_refusal is not { } refusal)
        {
            return null;
        }

        if (refusal.Errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return ("the server sent no TLS certificate", null);
        }

        var untrusted = refusal.Errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors);
        var wrongName = refusal.Errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch);
        var answer = (untrusted, wrongName) switch
        {
            (true, true) => "the server's TLS certificate is not trusted and does not match its host name",
            (true, false) => "the server's TLS certificate is not trusted",
            _ => "the server's TLS certificate does not match its host name",
        };
        var details = new List<string>();
        if (untrusted)
        {
            details.Add(refusal.ChainStatus.Length == 0 ? "its chain does not lead to a trusted CA" : string.Join("; ", refusal.ChainStatus));
        }

        if (wrongName)
        {
            details.Add(refusal.Names.Length == 0 ? "it names no host" : $"it is for {string.Join(", ", refusal.Names)}");
        }

        if (untrusted)
        {
            details.Add(PrivateCaHint);
        }

        return (answer, string.Join("; ", details));
    }

    /// <summary>The host names and addresses the certificate is for (its subject alternative names), at most <see cref="MaxNames"/>.</summary>
    private static string[] NamesOf(X509Certificate? certificate)
    {
        if (certificate is not X509Certificate2 full)
        {
            return [];
        }

        var names = full.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(extension => extension.EnumerateDnsNames().Concat(extension.EnumerateIPAddresses().Select(address => address.ToString())))
            .ToArray();
        return names.Length <= MaxNames ? names : [.. names.Take(MaxNames), $"{names.Length - MaxNames} more"];
    }

    private sealed record Refusal(SslPolicyErrors Errors, string[] ChainStatus, string[] Names);
}

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>
/// A throw-away certificate authority made for one test, as an operator's private CA is: a
/// self-signed CA certificate (its PEM is what <c>SSL_CERT_FILE</c> names) that issues server
/// certificates for the names a test chooses. Valid from a day before now to a month after, so no
/// clock difference between the test and the process checking it matters.
/// </summary>
internal sealed class TestCertificateAuthority : IDisposable
{
    private readonly X509Certificate2 _certificate;

    public TestCertificateAuthority(string name = "GuestAgent test CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        _certificate = request.CreateSelfSigned(NotBefore, NotAfter);
    }

    /// <summary>The CA certificate alone, PEM-encoded: what a trust store holds.</summary>
    public string Pem => _certificate.ExportCertificatePem();

    private static DateTimeOffset NotBefore => DateTimeOffset.UtcNow.AddDays(-1);

    private static DateTimeOffset NotAfter => DateTimeOffset.UtcNow.AddDays(30);

    /// <summary>Writes <see cref="Pem"/> to <paramref name="path"/> and returns the path.</summary>
    public string WritePem(string path)
    {
        File.WriteAllText(path, Pem);
        return path;
    }

    /// <summary>A server certificate (with its private key) for <paramref name="dnsNames"/> and <paramref name="addresses"/>, signed by this CA.</summary>
    public X509Certificate2 IssueServer(IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses)
    {
        // Not disposed: the certificate returned holds it.
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=GuestAgent test server", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        // A positive serial: DER integers are signed.
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        // The CA's own validity, not a new "now": a month from a second later is past the CA's end
        // (kept to whole seconds), and Create refuses that, which failed a test on a slow machine.
        using var issued = request.Create(_certificate, new DateTimeOffset(_certificate.NotBefore), new DateTimeOffset(_certificate.NotAfter), serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>A server certificate for <c>127.0.0.1</c> and <c>localhost</c>, where the test servers listen.</summary>
    public X509Certificate2 IssueLoopbackServer() => IssueServer(["localhost"], [IPAddress.Loopback]);

    public void Dispose() => _certificate.Dispose();
}

using System.Net;
using System.Net.Security;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Update;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// The words for what a certificate check found, from the errors .NET passes the callback (a name
/// that does not match cannot be had alone in this process, whose trust store holds no test CA: the
/// daemon's <c>UpdateTlsTests</c> meets it for real).
/// </summary>
public sealed class ServerCertificateCheckTests
{
    [Fact]
    public void A_certificate_without_errors_is_accepted_and_nothing_is_described()
    {
        var check = new ServerCertificateCheck();

        Assert.True(check.Validate(this, null, null, SslPolicyErrors.None));
        Assert.Null(check.Describe());
    }

    [Fact]
    public void A_name_mismatch_is_refused_and_names_the_hosts_the_certificate_is_for()
    {
        using var authority = new TestCertificateAuthority();
        using var certificate = authority.IssueServer(["update.example", "mirror.example"], [IPAddress.Parse("192.0.2.7")]);
        var check = new ServerCertificateCheck();

        Assert.False(check.Validate(this, certificate, null, SslPolicyErrors.RemoteCertificateNameMismatch));

        Assert.Equal(("the server's TLS certificate does not match its host name", "it is for update.example, mirror.example, 192.0.2.7"), check.Describe());
    }

    [Fact]
    public void A_long_list_of_names_is_cut_to_five()
    {
        using var authority = new TestCertificateAuthority();
        using var certificate = authority.IssueServer([.. Enumerable.Range(1, 8).Select(i => $"h{i}.example")], []);
        var check = new ServerCertificateCheck();

        check.Validate(this, certificate, null, SslPolicyErrors.RemoteCertificateNameMismatch);

        Assert.Equal("it is for h1.example, h2.example, h3.example, h4.example, h5.example, 3 more", check.Describe()!.Value.Detail);
    }

    [Fact]
    public void Both_errors_are_named_with_the_chains_reason_and_the_hint()
    {
        using var authority = new TestCertificateAuthority();
        using var certificate = authority.IssueServer(["update.example"], []);
        var check = new ServerCertificateCheck();

        check.Validate(this, certificate, null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors);

        Assert.Equal(
            ("the server's TLS certificate is not trusted and does not match its host name",
             $"its chain does not lead to a trusted CA; it is for update.example; {ServerCertificateCheck.PrivateCaHint}"),
            check.Describe());
    }

    [Fact]
    public void No_certificate_at_all_is_said_so()
    {
        var check = new ServerCertificateCheck();

        Assert.False(check.Validate(this, null, null, SslPolicyErrors.RemoteCertificateNotAvailable));

        Assert.Equal(("the server sent no TLS certificate", (string?)null), check.Describe());
    }
}

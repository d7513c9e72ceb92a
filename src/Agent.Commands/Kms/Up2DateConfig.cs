using System.Text;

namespace GuestAgent.Commands.Kms;

/// <summary>
/// The <c>/etc/sysconfig/rhn/up2date</c> file <c>kmsactivate</c> writes: the standard Red Hat
/// update agent settings, with the RHN servers (https, and http for the non-SSL list) of the
/// request's domains.
/// </summary>
internal static class Up2DateConfig
{
    public const string Path = "/etc/sysconfig/rhn/up2date";

    public static string Render(IReadOnlyList<string> domains)
    {
        var ssl = string.Concat(domains.Select(d => $"https://{d}/XMLRPC;"));
        var plain = string.Concat(domains.Select(d => $"http://{d}/XMLRPC;"));
        return new StringBuilder()
            .Append("# Red Hat Update Agent config file.\n")
            .Append("# Format: 1.0\n\n")
            .Append("debug[comment]=Whether or not debugging is enabled\ndebug=0\n\n")
            .Append("systemIdPath[comment]=Location of system id\nsystemIdPath=/etc/sysconfig/rhn/systemid\n\n")
            .Append("serverURL[comment]=Remote server URL\nserverURL=").Append(ssl).Append("\n\n")
            .Append("noSSLServerURL[comment]=Remote server URL without SSL\nnoSSLServerURL=").Append(plain).Append("\n\n")
            .Append("enableProxy[comment]=Use a HTTP Proxy\nenableProxy=0\n\n")
            .Append("enableProxyAuth[comment]=To use an authenticated proxy or not\nenableProxyAuth=0\n\n")
            .Append("httpProxy[comment]=HTTP proxy in host:port format, e.g. squid.redhat.com:3128\nhttpProxy=\n\n")
            .Append("proxyUser[comment]=The username for an authenticated proxy\nproxyUser=\n\n")
            .Append("proxyPassword[comment]=The password to use for an authenticated proxy\nproxyPassword=\n\n")
            .Append("retrieveOnly[comment]=Retrieve packages only\nretrieveOnly=0\n\n")
            .Append("skipNetwork[comment]=Skips network information in hardware profile sync during registration.\nskipNetwork=0\n\n")
            .Append("sslCACert[comment]=The CA cert used to verify the ssl server\nsslCACert=/usr/share/rhn/RHN-ORG-TRUSTED-SSL-CERT\n\n")
            .Append("networkRetries[comment]=Number of attempts to make at network connections before giving up\nnetworkRetries=5\n\n")
            .Append("writeChangesToLog[comment]=Log to /var/log/up2date which packages has been added and removed\nwriteChangesToLog=0\n")
            .ToString();
    }
}

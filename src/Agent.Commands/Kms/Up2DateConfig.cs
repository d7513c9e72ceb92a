namespace GuestAgent.Commands.Kms;

/// <summary>
/// The <c>/etc/sysconfig/rhn/up2date</c> file <c>kmsactivate</c> writes: the original agent's
/// template, byte for byte (its <c>tests/test_kms.py</c> pinned the text; the Python agent kept it),
/// with the RHN servers of the request's domains (https, and http for the non-SSL list).
/// </summary>
internal static class Up2DateConfig
{
    public const string Path = "/etc/sysconfig/rhn/up2date";

    public static string Render(IReadOnlyList<string> domains)
    {
        var ssl = string.Join(';', domains.Select(d => $"https://{d}/XMLRPC"));
        var plain = string.Join(';', domains.Select(d => $"http://{d}/XMLRPC"));

        // The key order and the "None" comments are the original's; unlike the later Python agent's, its
        // text starts with the comment line, no empty line before it.
        return $"""
            # Automatically generated Red Hat Update Agent config file, do not edit.
            # Format: 1.0
            versionOverride[comment]=Override the automatically determined system version
            versionOverride=

            enableProxyAuth[comment]=To use an authenticated proxy or not
            enableProxyAuth=0

            networkRetries[comment]=Number of attempts to make at network connections before giving up
            networkRetries=5

            hostedWhitelist[comment]=None
            hostedWhitelist=

            enableProxy[comment]=Use a HTTP Proxy
            enableProxy=0

            serverURL[comment]=Remote server URL
            serverURL={ssl};

            proxyPassword[comment]=The password to use for an authenticated proxy
            proxyPassword=

            noSSLServerURL[comment]=None
            noSSLServerURL={plain};

            proxyUser[comment]=The username for an authenticated proxy
            proxyUser=

            disallowConfChanges[comment]=Config options that can not be overwritten by a config update action
            disallowConfChanges=noReboot;sslCACert;useNoSSLForPackages;noSSLServerURL;serverURL;disallowConfChanges;

            sslCACert[comment]=The CA cert used to verify the ssl server
            sslCACert=/usr/share/rhn/RHN-ORG-TRUSTED-SSL-CERT

            debug[comment]=Whether or not debugging is enabled
            debug=0

            httpProxy[comment]=HTTP proxy in host:port format, e.g. squid.redhat.com:3128
            httpProxy=

            systemIdPath[comment]=Location of system id
            systemIdPath=/etc/sysconfig/rhn/systemid

            noReboot[comment]=Disable the reboot action
            noReboot=0

            """.ReplaceLineEndings("\n");
    }
}

namespace GuestAgent.Commands.Security;

/// <summary>The digest OpenSSL's <c>EVP_BytesToKey</c> used to turn the shared secret into a key and IV.</summary>
public enum NovaCipherDigest
{
    /// <summary>MD5: what every agent expects (<c>openssl enc -md md5</c>, and OpenSSL before 1.1.0).</summary>
    Md5,

    /// <summary>SHA-256: the default of <c>openssl enc</c> since OpenSSL 1.1.0, so what Nova sends today.</summary>
    Sha256,
}

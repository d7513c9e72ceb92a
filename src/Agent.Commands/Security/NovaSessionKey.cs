using System.Security.Cryptography;

namespace GuestAgent.Commands.Security;

/// <summary>
/// The shared secret a <c>keyinit</c> leaves in its exchange's session for the next <c>password</c>.
/// It is taken out of the session by the first use and zeroed, whatever the outcome.
/// </summary>
internal sealed class NovaSessionKey : IDisposable
{
    public NovaSessionKey(byte[] sharedSecret) => SharedSecret = sharedSecret;

    /// <summary>The shared secret as decimal ASCII.</summary>
    public byte[] SharedSecret { get; }

    public void Dispose() => CryptographicOperations.ZeroMemory(SharedSecret);
}

using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using GuestAgent.Commands.Security;
using GuestAgent.Daemon.Cli;

namespace GuestAgent.Daemon.NovaHost;

/// <summary>
/// Nova's <c>set_admin_password</c>: a <c>keyinit</c> with a fresh Diffie-Hellman key, then
/// <c>password</c> with the password plus <c>\n</c> encrypted under the shared secret. The key is
/// derived with SHA-256, which is what Nova's <c>openssl aes-128-cbc -A -a -pass pass:… -nosalt</c>
/// does on OpenSSL 1.1 and later.
/// </summary>
internal sealed class NovaPasswordSetter
{
    private readonly NovaAgentCall _call;
    private readonly TimeSpan _timeout;

    public NovaPasswordSetter(NovaAgentCall call, TimeSpan timeout)
    {
        _call = call;
        _timeout = timeout;
    }

    /// <summary>Sets the password; returns the <c>password</c> response JSON.</summary>
    /// <exception cref="DaemonException">The agent refused the key exchange or answered something Nova would not accept.</exception>
    public async Task<string> SetAsync(ReadOnlyMemory<char> password, CancellationToken cancellationToken)
    {
        var privateKey = NovaDiffieHellman.CreatePrivateKey();
        var publicKey = NovaDiffieHellman.ComputePublicKey(privateKey).ToString(CultureInfo.InvariantCulture);

        // Nova sends the key as a JSON string of digits (old agents crashed on a number).
        var keyInit = await _call.SendAsync("keyinit", $"\"{publicKey}\"", _timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        var (code, message) = AgentResponseReader.Read(keyInit);
        if (code != "D0")
        {
            throw new DaemonException($"keyinit failed: the agent answered '{code}' ({message})");
        }

        if (!NovaDiffieHellman.TryParsePublicKey(message, out var agentKey) || !NovaDiffieHellman.IsValidPublicKey(agentKey))
        {
            throw new DaemonException("keyinit failed: the agent's public key is not a number in [2, p-2]");
        }

        var secret = NovaDiffieHellman.ComputeSharedSecret(privateKey, agentKey);
        string ciphertext;
        try
        {
            ciphertext = NovaPasswordCipher.Encrypt(secret, password.Span, NovaCipherDigest.Sha256);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            privateKey = BigInteger.Zero;
        }

        return await _call.SendAsync("password", $"\"{ciphertext}\"", _timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}

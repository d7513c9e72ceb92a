using System.Security.Cryptography;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Security;

/// <summary>The <c>password</c> command: sets the root password sent encrypted under the <c>keyinit</c> key.</summary>
public static partial class PasswordCommand
{
    /// <summary>
    /// The longest password (UTF-8 bytes) that can be set: libxcrypt's <c>crypt</c>, which PAM's
    /// <c>pam_unix</c> checks every login with, refuses a passphrase of <c>CRYPT_MAX_PASSPHRASE_SIZE</c>
    /// (512) bytes or more, and <c>pam_unix</c> cuts a longer one it is given to 512. A longer
    /// password would be hashed here, answered <c>"0"</c>, and then match no login ever.
    /// </summary>
    internal const int MaxPasswordBytes = 511;

    /// <summary>
    /// Decrypts the base64 ciphertext with the exchange's key (spec §4.5: MD5 then SHA-256
    /// derivation, full PKCS#7 and trailing newline checks, and a printable UTF-8 password) and sets
    /// the root password. The key is
    /// used once and wiped, whatever the outcome.
    /// </summary>
    [Command("password", RequestSchema = """
        {
          "description": "The new root password followed by a newline, encrypted with the key of the last keyinit on this exchange (AES-128-CBC, PKCS#7 padding) and base64-encoded.",
          "type": "string",
          "contentEncoding": "base64"
        }
        """)]
    public static async Task<CommandResult> Password(string value, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var key = context.Session.Remove<NovaSessionKey>();
        // The cipher and the password hash are OpenSSL's on Linux.
        context.RequireOpenSsl();
        byte[] ciphertext;
        try
        {
            ciphertext = Convert.FromBase64String(value ?? "");
        }
        catch (FormatException)
        {
            throw new CommandException(PasswordMessages.BadBase64);
        }

        var options = context.Services.Get<PasswordOptions>() ?? PasswordOptions.Default;
        if (key is null)
        {
            // The same request run again after a restart that cut it short: its key died with the
            // process, and the password may have changed before the crash.
            throw new CommandException(
                context.Services.Get<AgentSystem>() is { } current && PasswordAttempt.WasStartedBy(current, options, context.RequestId, value ?? "")
                    ? PasswordMessages.Interrupted
                    : PasswordMessages.NoKeyExchange);
        }

        var plaintext = NovaPasswordCipher.TryDecrypt(key.SharedSecret, ciphertext, out _) ??
            throw new CommandException(PasswordMessages.InvalidData);
        try
        {
            var password = Trim(plaintext);
            if (password.IsEmpty)
            {
                throw new CommandException(PasswordMessages.EmptyPassword);
            }

            if (password.Length > MaxPasswordBytes)
            {
                throw new CommandException(PasswordMessages.TooLong);
            }

            var system = context.RequireSystem(typeof(PasswordCommand));
            var logger = context.Logger("GuestAgent.Commands.Password");
            var requestId = context.RequestId;
            await RootPasswordSetter.SetAsync(system, password, options, () => MarkAttempt(system, options, requestId, value ?? "", logger), logger, context.CancellationToken).ConfigureAwait(false);
            return CommandResult.Ok();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>
    /// Marks the request, under the password file's lock, just before that file changes (<see cref="PasswordAttempt"/>). A mark
    /// that cannot be written costs only the truer answer after a crash: a read-only or full
    /// <c>/var</c> is exactly when the operator needs the password set.
    /// </summary>
    private static void MarkAttempt(AgentSystem system, PasswordOptions options, string requestId, string value, ILogger logger)
    {
        try
        {
            PasswordAttempt.Record(system, options, requestId, value);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogUnmarked(logger, IoFailureReason.Of(exception));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "password: the attempt could not be marked in the state directory ({Reason}); setting the password anyway, but should the agent die before answering, the request run again would answer 'Password without key exchange'")]
    private static partial void LogUnmarked(ILogger logger, string reason);

    /// <summary>The plaintext without newlines at either end (the original's <c>strip('\n')</c>).</summary>
    private static ReadOnlyMemory<byte> Trim(byte[] plaintext) => plaintext.AsMemory().Trim((byte)'\n');
}

using System.Security.Cryptography;

namespace GuestAgent.Commands.Security;

/// <summary>The <c>password</c> command: sets the root password sent encrypted under the <c>keyinit</c> key.</summary>
public static class PasswordCommand
{
    /// <summary>
    /// Decrypts the base64 ciphertext with the exchange's key (spec §4.5: MD5 then SHA-256
    /// derivation, full PKCS#7 and trailing newline checks, and a printable UTF-8 password) and sets
    /// the root password. The key is
    /// used once and wiped, whatever the outcome.
    /// </summary>
    [Command("password")]
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

        if (key is null)
        {
            throw new CommandException(PasswordMessages.NoKeyExchange);
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

            var options = context.Services.Get<PasswordOptions>() ?? PasswordOptions.Default;
            await RootPasswordSetter.SetAsync(context.RequireSystem(), password, options, context.Logger("GuestAgent.Commands.Password"), context.CancellationToken).ConfigureAwait(false);
            return CommandResult.Ok();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The plaintext without newlines at either end (the original's <c>strip('\n')</c>).</summary>
    private static ReadOnlyMemory<byte> Trim(byte[] plaintext) => plaintext.AsMemory().Trim((byte)'\n');
}

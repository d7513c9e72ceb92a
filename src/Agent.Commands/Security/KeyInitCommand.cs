using System.Globalization;
using System.Numerics;
using System.Text.Json;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Security;

/// <summary>The <c>keyinit</c> command: the agent's half of Nova's Diffie-Hellman exchange.</summary>
public static class KeyInitCommand
{
    /// <summary>
    /// Starts a key exchange: takes the host's public key (a JSON string or number), answers
    /// <c>"D0"</c> with the agent's public key in decimal, and keeps the shared secret for the next
    /// <c>password</c> on this exchange.
    /// </summary>
    [Command("keyinit", RequestSchema = """
        {
          "description": "The host's Diffie-Hellman public key in decimal (Nova's group: p = 2^107 - 1, g = 5), at most 64 digits and within [2, p - 2]; as a string, spaces, tabs, CRs and LFs around the digits are ignored; as a number, written with digits only (no sign, fraction or exponent).",
          "anyOf": [
            { "type": "string", "pattern": "^[ \\t\\r\\n]*[0-9]{1,64}[ \\t\\r\\n]*$" },
            { "type": "integer", "minimum": 2 }
          ]
        }
        """)]
    public static CommandResult KeyInit(JsonElement value, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The private key comes from .NET's RNG, which is OpenSSL's on Linux.
        context.RequireOpenSsl();
        return KeyInitWith(value, context, NovaDiffieHellman.CreatePrivateKey());
    }

    /// <summary>The command with a given private key (tests use the spec's vectors).</summary>
    internal static CommandResult KeyInitWith(JsonElement value, CommandContext context, BigInteger privateKey)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Each keyinit replaces the previous key, and a failed one leaves none behind.
        context.Session.Remove<NovaSessionKey>()?.Dispose();

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        if (text is null || !NovaDiffieHellman.TryParsePublicKey(text, out var peer))
        {
            throw new CommandException(PasswordMessages.BadPeerKey);
        }

        if (!NovaDiffieHellman.IsValidPublicKey(peer))
        {
            throw new CommandException(PasswordMessages.PeerKeyOutOfRange);
        }

        var publicKey = NovaDiffieHellman.ComputePublicKey(privateKey);
        var options = context.Services.Get<PasswordOptions>() ?? PasswordOptions.Default;
        var time = context.Services.Get<AgentSystem>()?.Time ?? TimeProvider.System;
        new NovaSessionKey(NovaDiffieHellman.ComputeSharedSecret(privateKey, peer)).StoreIn(context.Session, time, options.KeyLifetime);
        // The answer is worthless to a restarted agent, which no longer holds the private key.
        context.Session.BindAnswer(context.RequestId);
        return new CommandResult(ReturnCodes.KeyInitSuccess, publicKey.ToString(CultureInfo.InvariantCulture));
    }
}

namespace GuestAgent.Commands.Security;

/// <summary>
/// The yescrypt modes libxcrypt computes, named by the first character of a <c>$y$</c> setting's
/// parameters (the flavour): <c>.</c>, <c>/</c> and <c>j</c>. Its other flavours (other pwxform
/// settings) it refuses, as this implementation does.
/// </summary>
internal enum YescryptFlavour
{
    /// <summary>Flavour 0 (<c>.</c>): classic scrypt, exactly (no pre-hash of the password, Salsa20/8, no t).</summary>
    Scrypt,

    /// <summary>Flavour 1 (<c>/</c>): scrypt's Salsa20/8 mixing with yescrypt's HMAC password step, time parameter and client-key output.</summary>
    Worm,

    /// <summary>Flavour 47 (<c>j</c>): the read-write pwxform mode every hash libxcrypt writes uses (6 rounds, gather 4, simple 2, 12 KiB S-boxes).</summary>
    ReadWrite,
}

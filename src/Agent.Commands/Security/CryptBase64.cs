namespace GuestAgent.Commands.Security;

/// <summary>The base-64 alphabet of crypt(3) (<c>./0-9A-Za-z</c>), used for salts and digests.</summary>
internal static class CryptBase64
{
    public const string Alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Appends <paramref name="count"/> characters encoding the 24-bit group b2:b1:b0, low bits first.</summary>
    public static void Append24(System.Text.StringBuilder output, byte b2, byte b1, byte b0, int count)
    {
        var w = (b2 << 16) | (b1 << 8) | b0;
        for (var i = 0; i < count; i++)
        {
            output.Append(Alphabet[w & 0x3f]);
            w >>= 6;
        }
    }

    /// <summary>A random salt of <paramref name="length"/> alphabet characters, without modulo bias.</summary>
    public static string RandomSalt(int length) =>
        System.Security.Cryptography.RandomNumberGenerator.GetString(Alphabet, length);
}

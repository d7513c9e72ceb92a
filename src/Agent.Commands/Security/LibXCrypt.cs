using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace GuestAgent.Commands.Security;

/// <summary>
/// yescrypt through the system's libxcrypt (<c>libcrypt.so.1</c>, the library PAM itself verifies
/// shadow hashes with). yescrypt is not re-implemented in C#: a second implementation of a
/// memory-hard KDF is a risk without benefit on systems whose PAM already ships one.
/// </summary>
internal static class LibXCrypt
{
    private const string Library = "libcrypt.so.1";

    // sizeof(struct crypt_data) in libxcrypt; the result string is at its start (output[384]).
    private const int CryptDataSize = 32768;
    private const int OutputSize = 384;

    [DllImport(Library, EntryPoint = "crypt_rn")]
    private static extern nint CryptRn(byte[] phrase, byte[] setting, byte[] data, int size);

    [DllImport(Library, EntryPoint = "crypt_gensalt_rn")]
    private static extern nint CryptGensaltRn(byte[] prefix, nuint count, byte[] randomBytes, int randomCount, byte[] output, int size);

    /// <summary>
    /// A yescrypt hash of <paramref name="password"/> with a fresh salt and the cost parameters of
    /// <paramref name="existingHash"/> (when it has valid ones), or <c>null</c> when the system's
    /// libcrypt is missing or has no yescrypt.
    /// </summary>
    public static string? HashYescrypt(ReadOnlySpan<byte> password, string existingHash)
    {
        var phrase = new byte[password.Length + 1];
        var data = new byte[CryptDataSize];
        try
        {
            password.CopyTo(phrase);
            if (NewSetting() is not { } setting)
            {
                return null;
            }

            // Keep the administrator's cost parameters ($y$<params>$...); fall back to the library's default.
            var existing = existingHash.Split('$');
            var fresh = setting.Split('$');
            if (existing.Length >= 4 && fresh.Length >= 4 && existing[2].Length > 0 &&
                Crypt(phrase, $"$y${existing[2]}${fresh[3]}", data) is { } withParameters)
            {
                return withParameters;
            }

            return Crypt(phrase, setting, data);
        }
        catch (DllNotFoundException)
        {
            return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(phrase);
            CryptographicOperations.ZeroMemory(data);
        }
    }

    private static string? NewSetting()
    {
        var random = RandomNumberGenerator.GetBytes(16);
        var output = new byte[OutputSize];
        var result = CryptGensaltRn(Terminated("$y$"), 0, random, random.Length, output, output.Length);
        CryptographicOperations.ZeroMemory(random);
        return result == 0 ? null : ReadString(output);
    }

    private static string? Crypt(byte[] phrase, string setting, byte[] data)
    {
        var result = CryptRn(phrase, Terminated(setting), data, data.Length);
        if (result == 0)
        {
            return null;
        }

        var hash = ReadString(data);
        return hash.StartsWith("$y$", StringComparison.Ordinal) ? hash : null;
    }

    private static byte[] Terminated(string text)
    {
        var bytes = new byte[Encoding.ASCII.GetByteCount(text) + 1];
        Encoding.ASCII.GetBytes(text, bytes);
        return bytes;
    }

    private static string ReadString(byte[] buffer)
    {
        var end = Array.IndexOf(buffer, (byte)0);
        return Encoding.ASCII.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }
}

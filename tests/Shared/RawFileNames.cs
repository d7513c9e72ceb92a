using System.Runtime.InteropServices;
using System.Text;

namespace GuestAgent.Testing;

/// <summary>
/// Files whose names are not valid UTF-8 (an image's Latin-1 <c>caf\xE9.network</c>), which .NET's file
/// APIs cannot create: every path they take is encoded as UTF-8, a lone byte such as <c>0xE9</c> included
/// as <c>U+FFFD</c>. The file is written under a name of ASCII and renamed to the bytes by <c>rename</c>.
/// </summary>
internal static class RawFileNames
{
    /// <summary>Creates <paramref name="name"/> (bytes) in <paramref name="directory"/> with <paramref name="contents"/> and <paramref name="mode"/>.</summary>
    public static void Create(string directory, byte[] name, string contents, UnixFileMode mode)
    {
        var staged = Path.Combine(directory, ".raw-name-stage");
        File.WriteAllText(staged, contents);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(staged, mode);
        }

        var target = Encoding.UTF8.GetBytes(directory + "/").Concat(name).Append((byte)0).ToArray();
        Assert.True(Rename([.. Encoding.UTF8.GetBytes(staged), 0], target) == 0, $"rename failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Renames the entry <paramref name="existing"/> (a directory too) in <paramref name="directory"/> to <paramref name="name"/> (bytes).</summary>
    public static void RenameTo(string directory, string existing, byte[] name)
    {
        var target = Encoding.UTF8.GetBytes(directory + "/").Concat(name).Append((byte)0).ToArray();
        Assert.True(Rename([.. Encoding.UTF8.GetBytes(Path.Combine(directory, existing)), 0], target) == 0, $"rename failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Renames the entry <paramref name="name"/> (bytes) in <paramref name="directory"/> back to <paramref name="to"/>, which a recursive delete can name.</summary>
    public static void RenameFrom(string directory, byte[] name, string to)
    {
        var source = Encoding.UTF8.GetBytes(directory + "/").Concat(name).Append((byte)0).ToArray();
        Assert.True(Rename(source, [.. Encoding.UTF8.GetBytes(Path.Combine(directory, to)), 0]) == 0, $"rename failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Removes what <see cref="Create"/> made (a temporary directory's recursive delete, through .NET, cannot name it).</summary>
    public static void Remove(string directory, byte[] name) =>
        Unlink(Encoding.UTF8.GetBytes(directory + "/").Concat(name).Append((byte)0).ToArray());

    /// <summary>The bytes of <paramref name="text"/>, each character one byte (Latin-1): <c>"caf\xE9"</c> is <c>63 61 66 E9</c>.</summary>
    public static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename(byte[] from, byte[] to);

    [DllImport("libc", EntryPoint = "unlink", SetLastError = true)]
    private static extern int Unlink(byte[] path);
}

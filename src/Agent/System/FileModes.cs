namespace GuestAgent.Platform;

/// <summary>The one bound on a mode the agent is asked to set, shared by <see cref="AtomicWriteOptions"/> and <see cref="RootedFileSystem.SetMode"/>.</summary>
internal static class FileModes
{
    /// <summary>
    /// <paramref name="mode"/>, when it holds only the bits a mode can (permissions, setuid, setgid,
    /// sticky): the kernel would ignore any other, so a file could then never be "already" in that
    /// mode for <see cref="AtomicWriteOptions.SkipIfUnchanged"/>, nor could a caller's mistake show.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A bit above <c>07777</c>, naming <paramref name="parameter"/>.</exception>
    public static UnixFileMode WithinModeBits(UnixFileMode mode, string parameter) =>
        ((int)mode & ~0xFFF) == 0
            ? mode
            : throw new ArgumentOutOfRangeException(parameter, mode, $"Mode {Octal(mode)} has bits above 07777, which no file mode holds");

    /// <summary>The mode as <c>chmod</c> takes it, for messages.</summary>
    public static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8);
}

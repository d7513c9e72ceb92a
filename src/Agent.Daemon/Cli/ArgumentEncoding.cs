using System.Globalization;
using System.Text;

namespace GuestAgent.Daemon.Cli;

/// <summary>
/// Finds a command-line argument that is not valid UTF-8. .NET reads the process's arguments as
/// UTF-8 and turns every byte it cannot read into U+FFFD, so a Latin-1 file name (<c>$'\xff.json'</c>)
/// reaches the verb as another name: <c>--config</c> would read another file, <c>--socket</c> bind
/// another path, where the bytes typed name something else or nothing. Such an argument is refused
/// instead, naming its bytes. The bytes as given are the kernel's copy of the command line
/// (<c>/proc/self/cmdline</c>); it is read only when an argument holds U+FFFD, which is the only
/// trace a byte left, and a real U+FFFD typed in UTF-8 passes.
/// </summary>
internal static class ArgumentEncoding
{
    private const string CommandLineFile = "/proc/self/cmdline";

    private const string EnvironmentFile = "/proc/self/environ";

    /// <summary>
    /// The usage error for the first argument of <paramref name="arguments"/> (<c>Main</c>'s, after
    /// the program's name) that is not valid UTF-8 as the process was given it; <c>null</c> when
    /// every one is (or the command line cannot be read to tell: then nothing is refused).
    /// </summary>
    public static string? Problem(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (!arguments.Any(argument => argument.Contains('\uFFFD', StringComparison.Ordinal)))
        {
            return null;
        }

        byte[] commandLine;
        try
        {
            commandLine = File.ReadAllBytes(CommandLineFile);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return Problem(arguments, commandLine);
    }

    /// <summary>
    /// As <see cref="Problem(IReadOnlyList{string})"/>, with the command line's bytes given: the
    /// program's name and each argument, each ended by a NUL, as <c>/proc/self/cmdline</c> holds them.
    /// </summary>
    internal static string? Problem(IReadOnlyList<string> arguments, ReadOnlySpan<byte> commandLine)
    {
        var raw = new List<byte[]>();
        foreach (var range in commandLine.Split((byte)0))
        {
            raw.Add(commandLine[range].ToArray());
        }

        // Each argument ends in a NUL, so the split's last piece is the empty rest after it.
        if (raw.Count > 0 && raw[^1].Length == 0)
        {
            raw.RemoveAt(raw.Count - 1);
        }

        // The program's name first. A command line that does not match (rewritten by the process, as
        // no part of .NET does) cannot tell which bytes were which argument's.
        if (raw.Count != arguments.Count + 1)
        {
            return null;
        }

        for (var index = 0; index < arguments.Count; index++)
        {
            var bytes = raw[index + 1];
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
            {
                // Past the verb, the verb is UTF-8 (it would have been the first refused), so it names itself.
                var verb = index > 0 ? arguments[0] + ": " : "";
                return $"{verb}argument {(index + 1).ToString(CultureInfo.InvariantCulture)} is not valid UTF-8 ('{Shown(bytes)}'): it would be read as another name; give paths and values in UTF-8";
            }
        }

        return null;
    }

    /// <summary>
    /// The bytes of the process's environment variable <paramref name="name"/> as shown in an error
    /// (<c>%XX</c> for each byte UTF-8 cannot read) when they are not valid UTF-8; <c>null</c> when
    /// they are, when <paramref name="value"/> (the variable as .NET read it) holds no U+FFFD, or when
    /// the environment cannot be read to tell. The kernel's copy (<c>/proc/self/environ</c>) is the
    /// environment the process started with, which is where such a variable comes from.
    /// </summary>
    public static string? NotUtf8Variable(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('\uFFFD', StringComparison.Ordinal))
        {
            return null;
        }

        byte[] environment;
        try
        {
            environment = File.ReadAllBytes(EnvironmentFile);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return NotUtf8Variable(name, environment);
    }

    /// <summary>As <see cref="NotUtf8Variable(string, string)"/>, with the environment's <c>NAME=value</c> entries given, each ended by a NUL.</summary>
    internal static string? NotUtf8Variable(string name, ReadOnlySpan<byte> environment)
    {
        var prefix = Encoding.UTF8.GetBytes(name + "=");
        foreach (var range in environment.Split((byte)0))
        {
            var entry = environment[range];
            // getenv() answers with the first entry of the name, and .NET's copy keeps the first too.
            if (entry.StartsWith(prefix))
            {
                var bytes = entry[prefix.Length..];
                return System.Text.Unicode.Utf8.IsValid(bytes) ? null : Shown(bytes);
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="relative"/> joined to the working directory, which .NET names by its name read
    /// as UTF-8: when that name is not UTF-8 (a U+FFFD in .NET's, and the kernel's bytes,
    /// <c>/proc/self/cwd</c>, not UTF-8), the join would name a path under another directory, so it
    /// is refused. <paramref name="what"/> leads the error (<c>call: option '--xenstore' names xs.sock</c>).
    /// </summary>
    /// <exception cref="UsageException">The working directory's name is not valid UTF-8.</exception>
    public static string UnderWorkingDirectory(string relative, string what)
    {
        var current = Environment.CurrentDirectory;
        if (current.Contains('\uFFFD', StringComparison.Ordinal) && WorkingDirectoryBytes() is { } bytes && !System.Text.Unicode.Utf8.IsValid(bytes))
        {
            throw new UsageException($"{what}, a relative path, and the working directory's name is not valid UTF-8 ('{Shown(bytes)}'): read as UTF-8 it names another directory; give an absolute path");
        }

        return Path.Join(current, relative);
    }

    /// <summary>The working directory's name as the kernel holds it; <c>null</c> when it cannot be read.</summary>
    private static byte[]? WorkingDirectoryBytes()
    {
        var buffer = new byte[4096];
        var length = GuestAgent.Platform.Native.Syscalls.ReadLinkAt(GuestAgent.Platform.Native.LibC.AtFdCwd, "/proc/self/cwd\0"u8.ToArray(), buffer, (nuint)buffer.Length);
        return length is > 0 and < 4096 ? buffer[..(int)length] : null;
    }

    /// <summary>
    /// The argument's bytes as <see cref="GuestAgent.Platform.EscapedText.ForLog"/> shows them for the terminal and the
    /// journal: text kept, each byte UTF-8 cannot read (and each of a control character, and <c>%</c>) as <c>%XX</c>.
    /// </summary>
    private static string Shown(ReadOnlySpan<byte> bytes) => GuestAgent.Platform.EscapedText.ForLog(bytes);
}

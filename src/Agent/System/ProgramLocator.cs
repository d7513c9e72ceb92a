namespace GuestAgent.Platform;

/// <summary>
/// Finds the absolute path of a program given by name, searching only the absolute directories of a
/// search path, as <c>execvp</c> would, and never the current directory or the agent's own directory.
/// </summary>
/// <remarks>
/// .NET's <c>Process.Start</c> looks for a bare name in the running executable's directory and then
/// in the current directory before <c>PATH</c>: a root agent started by hand from a directory someone
/// else can write would run that person's <c>./netplan</c>. The runner therefore never hands .NET a
/// bare name: it resolves it here first and starts the absolute path.
/// </remarks>
public sealed class ProgramLocator
{
    /// <summary>The search path used when <c>PATH</c> is unset or empty: the system's program directories.</summary>
    public const string DefaultSearchPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private readonly string[] _directories;

    /// <summary>Creates a locator over <paramref name="searchPath"/>.</summary>
    /// <param name="searchPath">
    /// A colon-separated list of directories, as <c>PATH</c>; relative and empty entries are ignored
    /// (they would name the current directory). <see cref="DefaultSearchPath"/> when <c>null</c> or empty.
    /// </param>
    public ProgramLocator(string? searchPath)
    {
        SearchPath = string.IsNullOrEmpty(searchPath) ? DefaultSearchPath : searchPath;
        _directories = [.. SearchPath.Split(':').Where(entry => entry.StartsWith('/')).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A locator over this process's <c>PATH</c>, read now.</summary>
    public static ProgramLocator FromEnvironment() => new(Environment.GetEnvironmentVariable("PATH"));

    /// <summary>The search path in use (after the default for an unset or empty one).</summary>
    public string SearchPath { get; }

    /// <summary>
    /// The absolute path to start for <paramref name="program"/>: an absolute path as it is (once
    /// checked), a bare name as the first regular file of that name in the search path that this
    /// process may execute (its effective user and groups, as <c>execve</c> decides: a file only
    /// others may run is passed over by a non-root host, as <c>execvp</c> would go on searching).
    /// </summary>
    /// <param name="program">An absolute path or a bare name.</param>
    /// <exception cref="IOException">
    /// No such program: a bare name found in no absolute search directory, an absolute path that is not
    /// a regular executable file, or a relative path with a directory part (it would depend on the
    /// current directory).
    /// </exception>
    public string Resolve(string program)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        if (program.StartsWith('/'))
        {
            return IsExecutableFile(program)
                ? program
                : throw new IOException($"'{program}' is not an executable file");
        }

        if (program.Contains('/', StringComparison.Ordinal))
        {
            throw new IOException($"'{program}' is a relative path, refused (it would depend on the current directory)");
        }

        foreach (var directory in _directories)
        {
            var candidate = Path.Join(directory, program);
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        throw new IOException($"'{program}' was not found in {SearchPath} (only its absolute directories are searched)");
    }

    /// <summary>Whether <paramref name="path"/> is, through any links, a regular file this process may execute.</summary>
    private static bool IsExecutableFile(string path)
    {
        try
        {
            // The kind from statx (access(X_OK) passes a searchable directory), the right from the kernel.
            return Native.LibC.Stat(path) is { IsRegularFile: true } && Native.LibC.CanExecute(path);
        }
        catch (IOException)
        {
            // A directory we may not search (EACCES) or a name too long: nothing usable there.
            return false;
        }
    }
}

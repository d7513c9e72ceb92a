using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace GuestAgent.Commands;

/// <summary>
/// The directories glibc's dynamic loader searches for a bare name, in its order, for a look at the
/// files without loading them: <c>LD_LIBRARY_PATH</c>, the directories <c>/etc/ld.so.conf</c> names
/// (with the files its <c>include</c> lines match, as <c>ldconfig</c> reads them into the cache), the
/// multiarch directories of the running architecture (Debian and Ubuntu put libssl in
/// <c>/usr/lib/x86_64-linux-gnu</c>) and the trusted directories. The configuration is read too,
/// not only the cache, because images built without <c>ldconfig</c> have a stale or no cache.
/// </summary>
internal static class LoaderSearchPath
{
    /// <summary>The loader's trusted directories, searched last.</summary>
    private static readonly ImmutableArray<string> TrustedDirectories = ["/lib64", "/usr/lib64", "/lib", "/usr/lib"];

    /// <summary>Includes nested deeper than this are not followed (a cycle, or a mistake).</summary>
    private const int MaxIncludeDepth = 8;

    /// <summary>
    /// The directories, as paths under <paramref name="root"/> (<c>/</c> on a real system) except those of
    /// <paramref name="libraryPath"/>, which the loader takes as they are.
    /// </summary>
    public static IEnumerable<string> Directories(string root, string? libraryPath, string? multiarch)
    {
        foreach (var directory in (libraryPath ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Where(Path.IsPathRooted))
        {
            yield return directory;
        }

        var configured = new List<string>();
        ReadConfiguration(root, "/etc/ld.so.conf", configured, 0);
        var multiarchDirectories = multiarch is null ? [] : new[] { "/lib/" + multiarch, "/usr/lib/" + multiarch };
        foreach (var directory in configured.Concat(multiarchDirectories).Concat(TrustedDirectories).Distinct(StringComparer.Ordinal))
        {
            yield return Under(root, directory);
        }
    }

    /// <summary>Debian's multiarch triplet for this process's architecture; <c>null</c> for one it does not name.</summary>
    public static string? MultiarchOfThisProcess() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => "x86_64-linux-gnu",
        Architecture.Arm64 => "aarch64-linux-gnu",
        Architecture.X86 => "i386-linux-gnu",
        Architecture.Arm => "arm-linux-gnueabihf",
        Architecture.S390x => "s390x-linux-gnu",
        Architecture.Ppc64le => "powerpc64le-linux-gnu",
        Architecture.RiscV64 => "riscv64-linux-gnu",
        Architecture.LoongArch64 => "loongarch64-linux-gnu",
        _ => null,
    };

    /// <summary>A path of the system as a path under <paramref name="root"/>.</summary>
    public static string Under(string root, string path) => root == "/" ? path : Path.Join(root, path);

    /// <summary>
    /// Adds the directories of one configuration file: one or more a line (separated by spaces, tabs,
    /// colons or commas, as <c>ldconfig</c> accepts), <c>#</c> comments, <c>include</c> patterns
    /// (relative to the file's directory) and <c>hwcap</c> lines, which name no directory.
    /// </summary>
    private static void ReadConfiguration(string root, string file, List<string> directories, int depth)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Under(root, file));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var raw in lines)
        {
            var line = raw.Split('#', 2)[0].Trim();
            var words = line.Split([' ', '\t', ':', ','], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || words[0] == "hwcap")
            {
                continue;
            }

            if (words[0] == "include")
            {
                if (depth < MaxIncludeDepth)
                {
                    foreach (var pattern in words.Skip(1))
                    {
                        var absolute = Path.IsPathRooted(pattern) ? pattern : Path.Join(Path.GetDirectoryName(file), pattern);
                        foreach (var included in Matches(root, absolute))
                        {
                            ReadConfiguration(root, included, directories, depth + 1);
                        }
                    }
                }

                continue;
            }

            directories.AddRange(words.Where(Path.IsPathRooted).Select(word => word.Split('=', 2)[0]));
        }
    }

    /// <summary>The files a pattern names, in name order; only its last part may hold wildcards (as in <c>ld.so.conf.d/*.conf</c>).</summary>
    private static IEnumerable<string> Matches(string root, string pattern)
    {
        var directory = Path.GetDirectoryName(pattern) ?? "/";
        var name = Path.GetFileName(pattern);
        if (name.IndexOfAny(['*', '?']) < 0)
        {
            return [pattern];
        }

        try
        {
            return Directory.EnumerateFiles(Under(root, directory), name)
                .Select(path => Path.Join(directory, Path.GetFileName(path)))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}

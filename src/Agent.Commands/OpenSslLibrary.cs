using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;

namespace GuestAgent.Commands;

/// <summary>
/// Whether the OpenSSL library that .NET's cryptography loads on Linux is there. Without it, the
/// first hash, cipher, random number or TLS connection does not throw: .NET's native shim prints
/// <c>No usable version of libssl was found</c> and aborts the process. <c>keyinit</c>,
/// <c>password</c> and <c>agentupdate</c> call <see cref="Load"/> first and answer <c>"500"</c>
/// instead, so an agent on an image without libssl keeps serving the other commands (and a
/// <c>keyinit</c> waiting in XenStore, replayed at every start, no longer turns into a crash loop).
/// </summary>
/// <remarks>
/// The names are those .NET's shim tries, in its order (dotnet/runtime,
/// <c>System.Security.Cryptography.Native/opensslshim.c</c>): <c>libssl.so.</c> followed by the
/// value of <c>CLR_OPENSSL_VERSION_OVERRIDE</c> when set (at most 32 characters), then
/// <c>libssl.so.3</c>, <c>.1.1</c>, <c>.1.0.2</c>, <c>.1.0.0</c>, <c>.10</c>, <c>.11</c>, <c>.111</c>.
/// Two checks, because OpenSSL cannot be unloaded once loaded (its libraries are linked
/// <c>NODELETE</c>) and costs 3.5 MB resident: <see cref="FindInstalled"/> looks for the files
/// without loading them (what start-up logs from, in an agent that may never need OpenSSL), and
/// <see cref="Load"/> loads as .NET is about to (what a command asks, just before its cryptography
/// would load it anyway). A missing library is looked for again at every command, so installing it
/// is enough, without a restart. The shim tries the same names on FreeBSD (its <c>.11</c> and
/// <c>.111</c> are FreeBSD's); there the file search, which follows glibc's loader, is not made and
/// <see cref="FindInstalled"/> loads instead. Elsewhere than Linux and FreeBSD .NET does not use
/// OpenSSL, and both checks succeed at once.
/// <para>
/// Built only by <see cref="ForThisProcess"/>: the names and the loader must be those .NET's shim uses
/// in this process, so there is no other true library to describe. Registering that instance in the
/// agent's services shares its answer (a loaded library is kept) between the commands.
/// </para>
/// </remarks>
public sealed class OpenSslLibrary
{
    /// <summary>The environment variable .NET reads for an extra version to try first.</summary>
    public const string VersionOverrideVariable = "CLR_OPENSSL_VERSION_OVERRIDE";

    private const string SonameBase = "libssl.so.";

    /// <summary>The longest override .NET accepts (its <c>MaxVersionStringLength</c>).</summary>
    private const int MaxVersionLength = 32;

    private static readonly ImmutableArray<string> Versions = ["3", "1.1", "1.0.2", "1.0.0", "10", "11", "111"];

    private readonly Func<string, bool> _loads;
    private readonly Func<string, bool> _installed;
    private volatile string? _loaded;

    internal OpenSslLibrary(string? versionOverride, Func<string, bool> loads, Func<string, bool> installed)
    {
        _loads = loads;
        _installed = installed;
        var names = new List<string>(Versions.Length + 1);
        if (versionOverride is not null && versionOverride.Length <= MaxVersionLength)
        {
            names.Add(SonameBase + versionOverride);
        }

        names.AddRange(Versions.Select(version => SonameBase + version));
        Names = names;
    }

    /// <summary>The names .NET tries, in its order, with this process's <c>CLR_OPENSSL_VERSION_OVERRIDE</c>.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The library of this process: what .NET's cryptography will load.</summary>
    public static OpenSslLibrary ForThisProcess() =>
        OperatingSystem.IsLinux() ? new OpenSslLibrary(Environment.GetEnvironmentVariable(VersionOverrideVariable), LoadsName, IsInstalled)
        : OperatingSystem.IsFreeBSD() ? new OpenSslLibrary(Environment.GetEnvironmentVariable(VersionOverrideVariable), LoadsName, LoadsName)
        : new OpenSslLibrary(null, static _ => true, static _ => true);

    /// <summary>
    /// The first name whose file the dynamic loader would find (in <c>LD_LIBRARY_PATH</c>, the directories
    /// of <c>/etc/ld.so.conf</c> and its includes, the multiarch and trusted directories, its cache
    /// <c>/etc/ld.so.cache</c>) and that is an ELF file, without loading it;
    /// <c>null</c> when there is none. A close look, not the loader's own: <see cref="Load"/> decides.
    /// </summary>
    public string? FindInstalled() => _loaded ?? Names.FirstOrDefault(_installed);

    /// <summary>
    /// Loads the library as .NET's shim does and returns the name that loaded, or <c>null</c> when none
    /// did (then .NET's cryptography would abort the process). Once one loads, the answer is kept.
    /// </summary>
    public string? Load() => _loaded ??= Names.FirstOrDefault(_loads);

    /// <summary>
    /// What to say when <see cref="Load"/> found nothing: what is missing, who needed it and what was
    /// tried, so an operator can install the right package. The commands answer it in their
    /// <c>"500"</c>, and <c>guest-agent set-password</c> prints it.
    /// </summary>
    /// <param name="who">What needs OpenSSL: a command's name, or a verb's.</param>
    public string MissingMessage(string who) =>
        $"libssl is not installed on this system: '{who}' needs OpenSSL, and none of {DescribeNames()} could be loaded";

    /// <summary>The names tried, for messages.</summary>
    internal string DescribeNames() => string.Join(", ", Names);

    /// <summary>A bare name is handed to <c>dlopen</c> as is, so the loader searches as for .NET's shim.</summary>
    private static bool LoadsName(string name)
    {
        if (!NativeLibrary.TryLoad(name, out var handle))
        {
            return false;
        }

        // Only the reference is dropped: the library stays, for the cryptography about to use it.
        NativeLibrary.Free(handle);
        return true;
    }

    private static bool IsInstalled(string name) =>
        IsInstalledUnder("/", Environment.GetEnvironmentVariable("LD_LIBRARY_PATH"), LoaderSearchPath.MultiarchOfThisProcess(), name);

    /// <summary>Whether an ELF file <paramref name="name"/> is where the loader looks, on the system at <paramref name="root"/>.</summary>
    internal static bool IsInstalledUnder(string root, string? libraryPath, string? multiarch, string name) =>
        LoaderSearchPath.Directories(root, libraryPath, multiarch)
            .Select(directory => Path.Combine(directory, name))
            .Concat(CachedPaths(root, name).Select(path => LoaderSearchPath.Under(root, path)))
            .Any(IsElfFile);

    /// <summary>
    /// The full paths <c>/etc/ld.so.cache</c> records for <paramref name="name"/>: its string table
    /// holds each library's path as a NUL-terminated string, so they are found without parsing its
    /// (versioned) entry layout.
    /// </summary>
    private static IEnumerable<string> CachedPaths(string root, string name)
    {
        byte[] cache;
        try
        {
            cache = File.ReadAllBytes(LoaderSearchPath.Under(root, "/etc/ld.so.cache"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        var ending = Encoding.ASCII.GetBytes("/" + name + "\0");
        var paths = new List<string>();
        for (var at = cache.AsSpan().IndexOf(ending); at >= 0;)
        {
            var start = cache.AsSpan(0, at).LastIndexOf((byte)0) + 1;
            paths.Add(Encoding.UTF8.GetString(cache, start, at + ending.Length - 1 - start));
            var next = cache.AsSpan(at + ending.Length).IndexOf(ending);
            at = next < 0 ? -1 : at + ending.Length + next;
        }

        return paths;
    }

    /// <summary>
    /// A regular file (through links) whose ELF header is of this process's kind: not a stub, not a
    /// device bound over the name, and not another architecture's library, which a multiarch system
    /// (<c>dpkg --add-architecture</c>) lists in <c>ld.so.conf.d</c> too and the loader skips.
    /// </summary>
    private static bool IsElfFile(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            Span<byte> header = stackalloc byte[ElfHeaderBytes];
            return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && IsThisProcesssKind(header);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>The part of an ELF header the loader matches against itself: magic, class, byte order, machine.</summary>
    private const int ElfHeaderBytes = 20;

    private static bool IsThisProcesssKind(ReadOnlySpan<byte> header)
    {
        var elfClass = Environment.Is64BitProcess ? 2 : 1;
        var littleEndian = BitConverter.IsLittleEndian ? 1 : 2;
        ushort? machine = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 62,
            Architecture.Arm64 => 183,
            Architecture.X86 => 3,
            Architecture.Arm => 40,
            _ => null,
        };
        var headerMachine = BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(header[18..]) : BinaryPrimitives.ReadUInt16BigEndian(header[18..]);
        return header[..4].SequenceEqual("\u007fELF"u8) && header[4] == elfClass && header[5] == littleEndian && (machine is null || headerMachine == machine);
    }
}

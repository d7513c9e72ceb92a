using System.Formats.Tar;

namespace GuestAgent.Commands.Update;

/// <summary>
/// Writes a tar's entries into the staging directory, refusing anything that could reach outside it:
/// absolute names, <c>..</c> components, entries below a symbolic link of the archive, links whose
/// target leaves the directory (or passes through another link), hard links to anything but a file or
/// symbolic link extracted before them, devices and FIFOs. Nothing is ever written through a link:
/// files are created exclusively.
/// </summary>
internal static class TarEntryWriter
{
    private const int MaxEntries = 10_000;

    /// <summary>
    /// The deepest an entry may lie below the archive's root, in directories. An agent's update is a
    /// binary and a few files; a tree nested hundreds deep is hostile, and removing it would need a
    /// descriptor per level (DeleteTree never follows links, so it walks through held directories).
    /// </summary>
    private const int MaxDepth = 32;

    private const UnixFileMode FileModeMask =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Extracts every entry of <paramref name="reader"/> into <paramref name="destination"/>; returns the regular files, by relative path.</summary>
    public static IReadOnlyList<string> ExtractEntries(TarReader reader, string destination, long maxBytes, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var regularFiles = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        var count = 0;
        while (reader.GetNextEntry() is { } entry)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++count > MaxEntries)
            {
                throw Unsafe("too many entries");
            }

            // A volume label (GNU tar's --label, type 'V') names the archive, not a file: GNU tar skips
            // it, and the original agent's tarfile wrote it as an empty file that no update needs.
            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes or TarEntryType.TapeVolume)
            {
                continue;
            }

            // GNU tar's PAX sparse formats (0.0, 0.1, 1.0) store a sparse file as a regular entry whose
            // data holds only the parts that are not holes (and, in 1.0, the map before them), under
            // "GNUSparseFile.<pid>/<name>" in 0.1 and 1.0. The reader does not know them: it would
            // extract the packed bytes as the file, a corrupt binary one directory down from the root.
            if (entry is PaxTarEntry pax && pax.ExtendedAttributes.Keys.Any(key => key.StartsWith("GNU.sparse.", StringComparison.Ordinal)))
            {
                throw Unsafe("an entry has an unsupported type");
            }

            var name = Normalise(entry.Name);
            if (name.Length == 0)
            {
                continue;
            }

            if (name.Count('/') > MaxDepth)
            {
                throw Unsafe($"an entry lies more than {MaxDepth} directories deep");
            }

            if (Prefixes(name).Any(links.ContainsKey))
            {
                throw Unsafe($"entry '{name}' lies below a symbolic link");
            }

            var target = Path.Combine(destination, name);

            var type = DirectoryOrType(entry);

            // GNU tar archives a file named twice on its command line ("dir dir/file", "file .") again as a
            // hard link to itself: it names nothing new, and GNU tar and tarfile extract the one file.
            if (entry.EntryType == TarEntryType.HardLink && regularFiles.Contains(name) && Relative(entry.LinkName) == name)
            {
                continue;
            }

            // tar lets a later entry replace an earlier one; here that would be a second, different
            // meaning for one path (and creation is exclusive), so it is refused with a clear reason.
            if (type != TarEntryType.Directory && (!names.Add(name) || Directory.Exists(target)))
            {
                throw Unsafe($"entry '{name}' appears more than once");
            }

            switch (type)
            {
                case TarEntryType.Directory:
                    CreateDirectories(destination, name);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    Count(ref total, entry.Length, maxBytes);
                    CreateDirectories(destination, Parent(name));
                    WriteFile(entry, target);
                    files.Add(name);
                    regularFiles.Add(name);
                    break;
                case TarEntryType.SymbolicLink:
                    if (string.IsNullOrEmpty(entry.LinkName) || entry.LinkName.StartsWith('/') || entry.LinkName.Contains('\0', StringComparison.Ordinal))
                    {
                        throw Unsafe($"link '{name}' points outside the archive");
                    }

                    CreateDirectories(destination, Parent(name));
                    links.Add(name, entry.LinkName);
                    File.CreateSymbolicLink(target, entry.LinkName);
                    break;
                case TarEntryType.HardLink:
                    if (ExtractHardLink(destination, name, entry.LinkName, links, regularFiles, ref total, maxBytes))
                    {
                        files.Add(name);
                        regularFiles.Add(name);
                    }

                    break;
                case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                    throw Unsafe($"device or FIFO entry '{name}' is not allowed");
                default:
                    throw Unsafe($"entry '{name}' has an unsupported type");
            }
        }

        // Checked once every link is known, because a link may point through one that comes later.
        foreach (var (name, linkTarget) in links)
        {
            CheckLinkStaysInside(name, linkTarget, links);
        }

        return files;
    }

    /// <summary>
    /// Gives an earlier entry a second name, as GNU tar's link(2) does: <paramref name="linkName"/> names it
    /// from the archive's root (not from the link's directory), <c>./</c> aside. A regular file is copied, its
    /// mode with it, its length added to <paramref name="total"/>, and true returned; a symbolic link is made again
    /// with the same target (what a hard link to it is), and false returned. Anything else GNU tar could not link
    /// either (a later or missing name, a directory) or would reach through a symbolic link is refused, and so
    /// are absolute names and <c>..</c>, which GNU tar strips and the agent refuses as it refuses them in an entry's name.
    /// </summary>
    /// <remarks>
    /// A copy, not link(2): the update installs its binary alone, whose bytes the atomic writer streams into a new
    /// file at the install path, so which files of the staging tree share an inode never reaches the system, and
    /// the C library stays behind the SDK's one native surface. A copy's bytes are written to disk, so they count
    /// towards <c>MaxExtractedBytes</c>: 10,000 links to one large file must not write it 10,000 times.
    /// </remarks>
    private static bool ExtractHardLink(string destination, string name, string linkName, Dictionary<string, string> links, HashSet<string> regularFiles, ref long total, long maxBytes)
    {
        if (linkName.StartsWith('/') || linkName.Split('/').Contains(".."))
        {
            throw Unsafe($"hard link '{name}' points outside the archive");
        }

        // Only a name this extraction wrote as a regular file or a symbolic link: every directory on its way was
        // made here and none can have become a link since (a name is never given twice), so opening it follows no link.
        var existing = Relative(linkName);
        var isSymbolicLink = links.TryGetValue(existing, out var symbolicTarget);
        if (!isSymbolicLink && !regularFiles.Contains(existing))
        {
            throw Unsafe($"hard link '{name}' does not name a file earlier in the archive");
        }

        var target = Path.Combine(destination, name);
        CreateDirectories(destination, Parent(name));
        if (isSymbolicLink)
        {
            links.Add(name, symbolicTarget!);
            File.CreateSymbolicLink(target, symbolicTarget!);
            return false;
        }

        using var input = new FileStream(Path.Combine(destination, existing), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        Count(ref total, input.Length, maxBytes);

        using var output = new FileStream(target, StagingFiles.CreateOptions());
        input.CopyTo(output);
        if (!OperatingSystem.IsWindows())
        {
            // The file's own mode, as a second name of one inode has: already without setuid, setgid or group/other write.
            File.SetUnixFileMode(output.SafeFileHandle, File.GetUnixFileMode(input.SafeFileHandle));
        }

        return true;
    }

    /// <summary>Adds a file's bytes to those the extraction writes, refusing the archive past <paramref name="maxBytes"/>.</summary>
    private static void Count(ref long total, long length, long maxBytes)
    {
        total += length;
        if (total > maxBytes)
        {
            throw Unsafe($"it extracts to more than {maxBytes} bytes");
        }
    }

    /// <summary>
    /// The entry's type, but <see cref="TarEntryType.Directory"/> for the other forms of a directory GNU tar and
    /// bsdtar extract as one: a file entry whose name ends in <c>/</c> (V7 has no directory type, and
    /// bsdtar --format=v7 writes "dir/" as a regular file; GNU tar's prepare_to_extract takes the slash "BSD tar
    /// convention" for types NUL, 0 and 7 alike, where tarfile's AREGTYPE rule takes NUL only), and GNU tar's
    /// dumpdir (type <c>D</c>, how <c>tar -g</c> writes every directory: its data lists the names, which an
    /// extraction without <c>-g</c> skips).
    /// </summary>
    private static TarEntryType DirectoryOrType(TarEntry entry) =>
        entry.EntryType is TarEntryType.DirectoryList ||
        (entry.EntryType is TarEntryType.V7RegularFile or TarEntryType.RegularFile or TarEntryType.ContiguousFile && entry.Name.EndsWith('/'))
            ? TarEntryType.Directory
            : entry.EntryType;

    /// <summary>The entry name relative to the archive root; absolute names and <c>..</c> are refused.</summary>
    private static string Normalise(string name)
    {
        if (name.StartsWith('/'))
        {
            throw Unsafe($"entry '{name}' has an absolute path");
        }

        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw Unsafe("an entry name contains NUL");
        }

        var segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToList();
        if (segments.Contains(".."))
        {
            throw Unsafe($"entry '{name}' contains '..'");
        }

        return string.Join('/', segments);
    }

    /// <summary>A hard link's target as <see cref="Normalise"/> names an entry, but refusing nothing (a target that is no entry's name matches none).</summary>
    private static string Relative(string linkName) =>
        string.Join('/', linkName.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "."));

    /// <summary>Resolves a link's target lexically from its directory; it must stay inside and not pass through a link.</summary>
    private static void CheckLinkStaysInside(string name, string linkTarget, Dictionary<string, string> links)
    {
        var resolved = Parent(name).Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var segment in linkTarget.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
            {
                continue;
            }

            if (links.ContainsKey(string.Join('/', resolved)) && resolved.Count > 0)
            {
                throw Unsafe($"link '{name}' points through another link");
            }

            if (segment == "..")
            {
                if (resolved.Count == 0)
                {
                    throw Unsafe($"link '{name}' points outside the archive");
                }

                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            resolved.Add(segment);
        }
    }

    private static void WriteFile(TarEntry entry, string target)
    {
        using var output = new FileStream(target, StagingFiles.CreateOptions());
        entry.DataStream?.CopyTo(output);
        if (!OperatingSystem.IsWindows())
        {
            // Keep the executable bits, never setuid, setgid or group/other write.
            File.SetUnixFileMode(output.SafeFileHandle, (entry.Mode & FileModeMask) | StagingFiles.PrivateFile);
        }
    }

    private static void CreateDirectories(string destination, string relative)
    {
        var current = destination;
        foreach (var segment in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, segment);
            if (new FileInfo(current).LinkTarget is not null || File.Exists(current))
            {
                throw Unsafe($"'{relative}' is not a directory in the archive");
            }

            if (!Directory.Exists(current))
            {
                StagingFiles.CreatePrivateDirectory(current);
            }
        }
    }

    private static IEnumerable<string> Prefixes(string name)
    {
        for (var slash = name.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = name.IndexOf('/', slash + 1))
        {
            yield return name[..slash];
        }
    }

    private static string Parent(string name)
    {
        var slash = name.LastIndexOf('/');
        return slash < 0 ? "" : name[..slash];
    }

    private static CommandException Unsafe(string reason) => SafeTarExtractor.Unsafe(reason);
}

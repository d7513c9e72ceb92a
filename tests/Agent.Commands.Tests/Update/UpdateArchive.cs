using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>Builds tar and tar.gz archives, good and malicious, in memory.</summary>
internal sealed class UpdateArchive
{
    private readonly List<TarEntry> _entries = [];

    public UpdateArchive File(string name, byte[] contents, string octalMode = "755")
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(contents),
            Mode = (UnixFileMode)Convert.ToInt32(octalMode, 8),
        };
        _entries.Add(entry);
        return this;
    }

    public UpdateArchive Directory(string name)
    {
        _entries.Add(new PaxTarEntry(TarEntryType.Directory, name) { Mode = (UnixFileMode)Convert.ToInt32("755", 8) });
        return this;
    }

    public UpdateArchive Link(string name, string target, TarEntryType type = TarEntryType.SymbolicLink)
    {
        _entries.Add(new PaxTarEntry(type, name) { LinkName = target });
        return this;
    }

    public UpdateArchive Device(string name)
    {
        _entries.Add(new PaxTarEntry(TarEntryType.CharacterDevice, name) { DeviceMajor = 1, DeviceMinor = 3 });
        return this;
    }

    public byte[] ToBytes(bool gzip = true)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in _entries)
            {
                entry.DataStream?.Seek(0, SeekOrigin.Begin);
                writer.WriteEntry(entry);
            }
        }

        if (!gzip)
        {
            return tar.ToArray();
        }

        var compressed = new MemoryStream();
        using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(tar.ToArray());
        }

        return compressed.ToArray();
    }

    public static string Md5(byte[] data) => Convert.ToHexStringLower(MD5.HashData(data));

    public static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
}

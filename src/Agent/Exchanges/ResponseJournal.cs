using System.Text;
using GuestAgent.Platform.Native;

namespace GuestAgent.Exchanges;

/// <summary>
/// A small persistent journal of answered requests: id, a fingerprint (FNV-1a) of the request bytes and the
/// response. A request seen again after a crash (same id, same bytes) is answered from it instead of
/// running twice. Bounded: only the last <c>capacity</c> entries are kept. One line per entry,
/// appended and flushed to disk before the response is delivered; compacted by an atomic rewrite.
/// Entries that are not durable (answers bound to the in-memory session) are kept in memory only.
/// </summary>
internal sealed class ResponseJournal
{
    private readonly string _path;
    private readonly string _directory;
    private readonly int _capacity;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Hash, byte[] Response, bool Durable)> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _order = new();
    private int _linesInFile;

    public ResponseJournal(string directory, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _directory = directory;
        _path = Path.Combine(directory, "xenstore-journal");
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// A fingerprint of the request bytes (64-bit FNV-1a). It only tells a replayed request from a new
    /// one under a reused id; nothing here needs collision resistance against the host, which writes
    /// the requests anyway, and a cryptographic hash would load OpenSSL's libcrypto (about 3 MB of
    /// resident memory) into every agent for it.
    /// </summary>
    public static string Hash(ReadOnlySpan<byte> request)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in request)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Load()
    {
        lock (_gate)
        {
            Directory.CreateDirectory(_directory);
            if (!File.Exists(_path))
            {
                return;
            }

            foreach (var line in File.ReadLines(_path))
            {
                _linesInFile++;
                var parts = line.Split('\t');
                if (parts.Length != 3 || parts[0].Length == 0)
                {
                    continue; // a line cut short by a crash
                }

                try
                {
                    Remember(parts[0], parts[1], Convert.FromBase64String(parts[2]), durable: true);
                }
                catch (FormatException)
                {
                }
            }
        }
    }

    public bool TryGet(string id, string hash, out byte[] response)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(id, out var entry) && entry.Hash == hash)
            {
                response = entry.Response;
                return true;
            }
        }

        response = [];
        return false;
    }

    /// <summary>Records an answer before it is delivered: on disk (fsync) when <paramref name="durable"/>, else in memory only.</summary>
    public void Record(string id, string hash, byte[] response, bool durable = true)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(id, out var existing) && existing.Hash == hash && existing.Durable == durable &&
                existing.Response.AsSpan().SequenceEqual(response))
            {
                return;
            }

            Remember(id, hash, response, durable);
            if (!durable)
            {
                return;
            }

            if (_linesInFile >= 2 * _capacity)
            {
                Compact();
                return;
            }

            using (var stream = new FileStream(_path, PrivateFile(FileMode.Append)))
            {
                stream.Write(Encoding.ASCII.GetBytes(Line(id, hash, response)));
                stream.Flush(flushToDisk: true);
            }

            if (_linesInFile == 0)
            {
                // The file may have just been created: its directory entry must be durable too.
                LibC.FsyncDirectory(_directory);
            }

            _linesInFile++;
        }
    }

    private void Remember(string id, string hash, byte[] response, bool durable)
    {
        if (_entries.Remove(id))
        {
            _order.Remove(id);
        }

        _entries[id] = (hash, response, durable);
        _order.AddLast(id);
        while (_order.Count > _capacity)
        {
            _entries.Remove(_order.First!.Value);
            _order.RemoveFirst();
        }
    }

    // Rewrites the file with the live entries: temp file in the same directory, fsync, rename. Lines
    // are streamed: the whole text at once (about 100 KB) would be a large-object-heap string and
    // array at every compaction, kept until a full GC.
    private void Compact()
    {
        var temporary = _path + ".tmp";
        var lines = 0;
        using (var stream = new FileStream(temporary, PrivateFile(FileMode.Create)))
        {
            using (var writer = new StreamWriter(stream, Encoding.ASCII, bufferSize: 16 * 1024, leaveOpen: true))
            {
                foreach (var id in _order)
                {
                    var (hash, response, durable) = _entries[id];
                    if (durable)
                    {
                        writer.Write(Line(id, hash, response));
                        lines++;
                    }
                }
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
        LibC.FsyncDirectory(_directory);
        _linesInFile = lines;
    }

    // Responses may echo host data: the journal is readable by its owner (root) only.
    private static FileStreamOptions PrivateFile(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    private static string Line(string id, string hash, byte[] response) => $"{id}\t{hash}\t{Convert.ToBase64String(response)}\n";
}

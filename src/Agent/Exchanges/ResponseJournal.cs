using System.Text;
using GuestAgent.Platform.Native;

namespace GuestAgent.Exchanges;

/// <summary>
/// A small persistent journal of answered requests: id, a fingerprint (FNV-1a) of the request bytes and the
/// response. A request seen again after a crash (same id, same bytes) is answered from it instead of
/// running twice. Bounded: only the last <c>capacity</c> entries are kept. One line per entry,
/// appended and flushed to disk before the response is delivered; compacted by an atomic rewrite.
/// Entries that are not durable (answers bound to the in-memory session) are kept in memory only.
/// The file starts with the boot it was written in: entries of another boot are dropped at load,
/// because their requests died with that boot's domain, and a VM cloned from an image that holds
/// the file must not answer its own first requests (the init script's <c>system-init</c>, whose bytes
/// never change) with the image's old answers. An empty response marks a request whose answer
/// XenStore refused outright (<see cref="MarkRefused"/>): it is neither run nor answered again.
/// </summary>
internal sealed class ResponseJournal
{
    private readonly string _path;
    private readonly string _directory;
    private readonly int _capacity;
    private readonly string? _bootId;
    /// <summary>The first field of the line naming the boot; entry lines have three fields, this one two.</summary>
    private const string BootKey = "boot";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Hash, byte[] Response, bool Durable)> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _order = new();
    private int _linesInFile;

    /// <param name="directory">Where the journal file lives.</param>
    /// <param name="capacity">How many entries are kept.</param>
    /// <param name="bootId">The current boot (<see cref="Platform.KernelBootId"/>); <c>null</c> keeps entries of any boot.</param>
    public ResponseJournal(string directory, int capacity, string? bootId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _directory = directory;
        _path = Path.Combine(directory, "xenstore-journal");
        _capacity = capacity;
        _bootId = bootId;
    }

    /// <summary>
    /// Whether a journaled response marks a request given up (<see cref="MarkRefused"/>). A real
    /// response is never empty: it is always a JSON object.
    /// </summary>
    public static bool IsRefused(ReadOnlySpan<byte> response) => response.IsEmpty;

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

    /// <summary>Reads the journal file; returns how many entries were dropped as another boot's.</summary>
    public int Load()
    {
        lock (_gate)
        {
            Directory.CreateDirectory(_directory);
            if (!File.Exists(_path))
            {
                return 0;
            }

            string? recordedBoot = null;
            foreach (var line in File.ReadLines(_path))
            {
                _linesInFile++;
                var parts = line.Split('\t');
                if (parts.Length == 2 && parts[0] == BootKey)
                {
                    recordedBoot = parts[1];
                    continue;
                }

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

            if (_bootId is null || recordedBoot == _bootId)
            {
                return 0;
            }

            // A file of another boot is emptied; one written before boots were recorded is kept (it
            // may be this boot's: an agent updated in place restarts without a reboot) and marked
            // as this boot's from now on.
            var dropped = recordedBoot is null ? 0 : _entries.Count;
            if (dropped > 0)
            {
                _entries.Clear();
                _order.Clear();
            }

            Compact();
            return dropped;
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

            var created = _linesInFile == 0;
            using (var stream = new FileStream(_path, PrivateFile(FileMode.Append)))
            {
                var text = created && _bootId is not null ? BootLine() + Line(id, hash, response) : Line(id, hash, response);
                stream.Write(Encoding.ASCII.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            if (created)
            {
                // The file may have just been created: its directory entry must be durable too.
                LibC.FsyncDirectory(_directory);
                _linesInFile += _bootId is null ? 0 : 1;
            }

            _linesInFile++;
        }
    }

    /// <summary>
    /// Replaces the response journaled for a request with what was delivered instead, keeping the
    /// entry's durability: a restart must replay what the host could be given, not the answer
    /// XenStore refused.
    /// </summary>
    public void Replace(string id, string hash, ReadOnlySpan<byte> response)
    {
        bool durable;
        lock (_gate)
        {
            durable = !_entries.TryGetValue(id, out var existing) || existing.Hash != hash || existing.Durable;
        }

        Record(id, hash, response.ToArray(), durable);
    }

    /// <summary>Marks a request given up: XenStore refused its answer and a short error in its place.</summary>
    public void MarkRefused(string id, string hash) => Replace(id, hash, []);

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
                if (_bootId is not null)
                {
                    writer.Write(BootLine());
                    lines++;
                }

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

    private string BootLine() => $"{BootKey}\t{_bootId}\n";

    private static string Line(string id, string hash, byte[] response) => $"{id}\t{hash}\t{Convert.ToBase64String(response)}\n";
}

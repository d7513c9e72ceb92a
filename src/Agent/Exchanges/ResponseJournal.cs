using System.Text;
using GuestAgent.Platform;
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
internal sealed partial class ResponseJournal
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
    // Set when the file could not be loaded: answers are then kept in memory only, for this run.
    private bool _memoryOnly;
    // Set while writes fail (a full disk, no descriptor left): each answer tries a whole rewrite.
    private bool _writeFailing;

    // Responses may echo host data: the journal is readable by its owner (root) only.
    private const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = PrivateMode | UnixFileMode.UserExecute;

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

    /// <summary>The journal file, for the log line that says it could not be written.</summary>
    public string FilePath => _path;

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
    /// A fingerprint of the request bytes (<see cref="Fnv1a64"/>). It only tells a replayed request
    /// from a new one under a reused id; nothing here needs collision resistance against the host,
    /// which writes the requests anyway.
    /// </summary>
    public static string Hash(ReadOnlySpan<byte> request) => Fnv1a64.ToHex(Fnv1a64.Hash(request));

    /// <summary>
    /// Reads the journal file. A journal that cannot be used (no state directory can be made, a
    /// read-only or full file system) never stops the agent: the failure is returned and from then
    /// on answers are kept in memory only, still answering a request seen again during this run.
    /// </summary>
    public JournalLoadResult Load()
    {
        lock (_gate)
        {
            var dropped = 0;
            var bootChecked = false;
            try
            {
                if (!Directory.Exists(_directory))
                {
                    // Responses may echo host data: the directory is private however the umask is set.
                    // Only a directory made here gets the mode: the state directory may be configured
                    // to a shared one, whose mode is not the agent's to change.
                    RootedFileSystem.CreateDirectoryCore(_directory, PrivateDirectory, owner: null);
                }

                // One look (FileInPlace): the file whose kind and mode are checked is the one read and
                // made private, never another put at the path between a status read and an open by name.
                string? recordedBoot;
                int damaged;
                UnixFileMode? leftWide;
                bool regular;
                using (var found = FileInPlace.Open(_path))
                {
                    if (found.Kind == FoundInPlace.Nothing)
                    {
                        return new JournalLoadResult(0, null);
                    }

                    // Anything but a regular file (a link, a FIFO that would block the read forever) is
                    // never read or followed: the compaction below replaces it with a regular file.
                    regular = found.Kind == FoundInPlace.Regular;
                    (recordedBoot, damaged, leftWide) = regular ? ReadFile(found) : (null, 0, null);
                }

                var sameBoot = _bootId is null || recordedBoot == _bootId;
                if (regular && sameBoot && damaged == 0)
                {
                    return new JournalLoadResult(0, null) { LeftWide = leftWide };
                }

                // A file of another boot is emptied; one written before boots were recorded is kept (it
                // may be this boot's: an agent updated in place restarts without a reboot) and marked
                // as this boot's from now on.
                dropped = sameBoot || recordedBoot is null ? 0 : _entries.Count;
                if (dropped > 0)
                {
                    Forget();
                }

                // A damaged file (a last line cut short by a crash, a power cut or a full disk) is
                // rewritten without the damage before anything is appended: an entry appended to the
                // unfinished line would merge with it and be lost at the next load, and its request
                // run twice.
                bootChecked = true;
                Compact();
                return new JournalLoadResult(dropped, null, damaged);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Entries read before the failure are trusted only once the boot they belong to is known.
                if (!bootChecked)
                {
                    Forget();
                }

                _memoryOnly = true;
                return new JournalLoadResult(dropped, exception);
            }
        }
    }

    private void Forget()
    {
        _entries.Clear();
        _order.Clear();
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

    /// <summary>Whether the last write of the file failed, so answers are in memory only until one succeeds.</summary>
    public bool WriteFailing => Volatile.Read(ref _writeFailing);

    /// <summary>
    /// Records an answer before it is delivered: on disk (fsync) when <paramref name="durable"/>, else
    /// in memory only. The answer is remembered even when the write fails; the first failure is
    /// thrown, and until a write succeeds again (<see cref="WriteFailing"/>) later calls try the file
    /// again by rewriting it whole (never appending after a line the failure may have cut short),
    /// which also puts back the answers kept in memory meanwhile, and do not throw.
    /// </summary>
    /// <exception cref="IOException">The file could not be written (once per failure).</exception>
    /// <exception cref="UnauthorizedAccessException">The file could not be written (once per failure).</exception>
    /// <returns>Whether the answer is in the file, for the next start in this boot to replay.</returns>
    public bool Record(string id, string hash, byte[] response, bool durable = true)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(id, out var existing) && existing.Hash == hash && existing.Durable == durable &&
                existing.Response.AsSpan().SequenceEqual(response))
            {
                return durable && !_memoryOnly && !_writeFailing;
            }

            Remember(id, hash, response, durable);
            if (!durable || _memoryOnly)
            {
                return false;
            }

            var retrying = _writeFailing;
            try
            {
                if (retrying)
                {
                    Compact();
                }
                else
                {
                    Write(id, hash, response);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // A journal that fails once (read-only or full /var, no descriptor left) most likely
                // fails for the next requests too: the caller reports this failure, not one per request.
                Volatile.Write(ref _writeFailing, true);
                if (retrying)
                {
                    return false;
                }

                throw;
            }

            Volatile.Write(ref _writeFailing, false);
            return true;
        }
    }

    private void Write(string id, string hash, byte[] response)
    {
        if (_linesInFile >= 2 * _capacity)
        {
            Compact();
            return;
        }

        // Appended only to a file that ends with a complete line: a damaged one was rewritten at load,
        // and an append that fails switches the journal to memory only (Record), so nothing is ever
        // appended to a line cut short.
        var created = _linesInFile == 0;
        using (var stream = OpenForAppend())
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

        _ = Record(id, hash, response.ToArray(), durable);
    }

    /// <summary>Marks a request given up: XenStore refused its answer, and a short error in its place too or none was shorter.</summary>
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

    // Rewrites the file with the live entries through the atomic writer (a fresh temp file created
    // exclusively, so a link planted beside the journal is never followed). Lines are streamed: the
    // whole text at once (about 100 KB) would be a large-object-heap string and array at every
    // compaction, kept until a full GC.
    private void Compact()
    {
        var lines = 0;
        AtomicFileWriter.ReplaceStreamed(_path, PrivateMode, stream =>
        {
            using var writer = new StreamWriter(stream, Encoding.ASCII, bufferSize: 16 * 1024, leaveOpen: true);
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
        });
        _linesInFile = lines;
    }

    // Appends to the journal, creating it private (0600) if it is not there. Unbuffered: each Write is
    // one write(2), so a failed one (a full disk) throws there and then, and is not tried again,
    // unsynced, by Dispose flushing a buffer the failure left full.
    private FileStream OpenForAppend()
    {
        var options = UnixFiles.Options(FileMode.Append, FileAccess.Write, PrivateMode);
        options.BufferSize = 0;
        return new FileStream(_path, options);
    }

    private string BootLine() => $"{BootKey}\t{_bootId}\n";

    private static string Line(string id, string hash, byte[] response) => $"{id}\t{hash}\t{Convert.ToBase64String(response)}\n";
}

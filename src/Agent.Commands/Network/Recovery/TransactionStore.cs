using System.Globalization;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Network.Recovery;

/// <summary>
/// Where the record of the <c>resetnetwork</c> in progress lives:
/// <c>&lt;state directory&gt;/resetnetwork/transaction.json</c>, in a directory only its owner may
/// enter (0700), the file readable by its owner only (0600): it holds copies of configuration files.
/// Every change is durable before it returns: written atomically (temp file, fsync, rename, directory
/// fsync), and removed by a rename (which syncs its directory) before the unlink, so a power cut can
/// never bring back the record of a change already committed.
/// </summary>
internal sealed partial class TransactionStore
{
    /// <summary>The file name of the record in progress.</summary>
    public const string FileName = "transaction.json";

    /// <summary>Why a record whose files could not all be put back is set aside: the name <see cref="NewestUnrestored"/> looks for.</summary>
    public const string Unrestored = "unrestored";

    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = PrivateFile | UnixFileMode.UserExecute;

    private readonly AgentSystem _system;
    private readonly ILogger _logger;

    /// <summary>Creates the store.</summary>
    /// <param name="system">The file system and writer.</param>
    /// <param name="stateDirectory">The agent's state directory (an agent path).</param>
    /// <param name="logger">Where a leftover that does not matter is reported.</param>
    public TransactionStore(AgentSystem system, string stateDirectory, ILogger logger)
    {
        _system = system;
        _logger = logger;
        Directory = stateDirectory.TrimEnd('/') + "/resetnetwork";
    }

    /// <summary>The directory of the record (an agent path).</summary>
    public string Directory { get; }

    /// <summary>The record's agent path.</summary>
    public string RecordPath => $"{Directory}/{FileName}";

    /// <summary>The agent path of the lock held for the whole of a change or a recovery (see <see cref="NetworkChangeLock"/>).</summary>
    public string LockPath => $"{Directory}/lock";

    /// <summary>Whether a record is there (of any kind: a link or directory there is not ignored either).</summary>
    public bool Exists => _system.FileSystem.GetStatus(RecordPath) is not null;

    /// <summary>Writes the record durably, replacing the one there.</summary>
    /// <exception cref="IOException">It could not be written.</exception>
    /// <exception cref="UnauthorizedAccessException">It could not be written.</exception>
    public void Write(TransactionRecord record)
    {
        PrepareDirectory();
        // The state directory is configured by root, and may sit behind a distribution's link (/var -> …).
        // A record is never wider than its owner's, whatever mode an older one had: set on the temp file
        // before the rename (ExactMode), never a chmod by name afterwards, which follows a link put there
        // since and leaves the record readable by others until it runs.
        _system.Writer.Write(RecordPath, TransactionRecordFormat.Write(record), new AtomicWriteOptions
        {
            NewFileMode = PrivateFile,
            ExactMode = PrivateFile,
            NewFileOwner = null,
            DirectoryLinks = DirectoryLinkPolicy.FollowTrusted,
        });
    }

    /// <summary>Creates the record's directory, private to its owner, when it is missing.</summary>
    /// <exception cref="IOException">It could not be created.</exception>
    /// <exception cref="UnauthorizedAccessException">It could not be created.</exception>
    public void PrepareDirectory()
    {
        // Made private only when made here: a configured state directory that exists keeps its mode.
        _system.FileSystem.CreateDirectory(Directory, PrivateDirectory);
        // Its own directory is always private, whatever widened it since.
        if (_system.FileSystem.GetStatus(Directory) is { Mode: not PrivateDirectory })
        {
            _system.FileSystem.SetMode(Directory, PrivateDirectory);
        }
    }

    /// <summary>
    /// Refuses a record directory that someone other than the agent's user could have written to
    /// (owned by another user, writable by its group or others): a record found there may be planted.
    /// </summary>
    /// <exception cref="UntrustedRecordException">It is not owned by the agent's user, or is writable by others.</exception>
    public void CheckDirectoryTrusted() => CheckTrusted(Directory, "its directory");

    /// <summary>Reads the record in place.</summary>
    /// <exception cref="InvalidDataException">It is not a regular file, or not a complete record.</exception>
    /// <exception cref="UntrustedRecordException">It or its directory could have been written by another user than the agent's.</exception>
    /// <exception cref="IOException">It could not be read.</exception>
    /// <exception cref="UnauthorizedAccessException">It could not be read.</exception>
    public TransactionRecord Read() => Read(RecordPath);

    /// <summary>Reads the record at <paramref name="path"/>: the one in place, or one set aside in the same directory.</summary>
    /// <exception cref="InvalidDataException">It is not a regular file, or not a complete record.</exception>
    /// <exception cref="UntrustedRecordException">It or its directory could have been written by another user than the agent's.</exception>
    /// <exception cref="IOException">It could not be read.</exception>
    /// <exception cref="UnauthorizedAccessException">It could not be read.</exception>
    public TransactionRecord Read(string path)
    {
        // One look (ReadRegularFile): the file whose owner and mode are checked is the one read, never
        // another renamed over it between a status read and a read by name; a link or FIFO planted
        // there is never followed or opened: only a regular file is a record.
        if (_system.FileSystem.ReadRegularFile(path) is not { } file)
        {
            throw new InvalidDataException("it is not a regular file");
        }

        CheckDirectoryTrusted();
        CheckTrusted(file.Status, "it");
        return TransactionRecordFormat.Read(file.Contents);
    }

    private void CheckTrusted(string path, string what)
    {
        if (_system.FileSystem.GetStatus(path) is { } status)
        {
            CheckTrusted(status, what);
        }
    }

    private static void CheckTrusted(FileStatus status, string what)
    {
        var agent = FileOwner.Effective.UserId;
        if (status.Owner.UserId != agent)
        {
            throw new UntrustedRecordException($"{what} is owned by user {status.Owner.UserId}, not the agent's user {agent}");
        }

        if ((status.Mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new UntrustedRecordException($"{what} is writable by its group or others");
        }
    }

    /// <summary>
    /// Removes the record durably: the transaction has ended. The synced rename is the commit point;
    /// the file under its <c>.ended</c> name is then deleted, and if that fails it is only logged
    /// (nothing ever reads it, and the next removal renames over it).
    /// </summary>
    /// <exception cref="IOException">It could not be moved out of the way.</exception>
    /// <exception cref="UnauthorizedAccessException">It could not be moved out of the way.</exception>
    public void Remove()
    {
        // The rename is synced to disk; an unlink alone is not, and a record that came back after a
        // power cut would roll back a configuration already committed and answered.
        var ended = RecordPath + ".ended";
        _system.FileSystem.Move(RecordPath, ended);
        try
        {
            _system.FileSystem.DeleteFile(ended);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            LogEndedLeft(_logger, ended, error.GetType().Name);
        }
    }

    /// <summary>
    /// Deletes the record of a change that was never started (its write could not be synced), without
    /// the synced rename <see cref="Remove"/> makes: the sync is what failed.
    /// </summary>
    /// <exception cref="IOException">It could not be deleted.</exception>
    /// <exception cref="UnauthorizedAccessException">It could not be deleted.</exception>
    public void Discard()
    {
        _system.FileSystem.DeleteFile(RecordPath);
    }

    /// <summary>
    /// Moves the record aside, out of recovery's way but kept for the operator:
    /// <c>transaction.&lt;why&gt;-&lt;UTC time&gt;.json</c>. Returns its new agent path.
    /// </summary>
    /// <param name="why">The reason in its new name.</param>
    /// <param name="from">The record to move: the one in place, or one set aside already, given another reason.</param>
    /// <exception cref="IOException">It could not be moved.</exception>
    /// <exception cref="UnauthorizedAccessException">It could not be moved.</exception>
    public string SetAside(string why, string? from = null)
    {
        var stamp = _system.Time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var aside = $"{Directory}/transaction.{why}-{stamp}.json";
        for (var n = 2; _system.FileSystem.GetStatus(aside) is not null; n++)
        {
            aside = $"{Directory}/transaction.{why}-{stamp}-{n}.json";
        }

        _system.FileSystem.Move(from ?? RecordPath, aside);
        return aside;
    }

    /// <summary>
    /// The newest record set aside because its files could not all be put back
    /// (<c>transaction.unrestored-&lt;UTC time&gt;[-n].json</c>), or <c>null</c>: the one a later start, or
    /// the next change, tries again. Older ones were made before it and no longer describe the files.
    /// </summary>
    /// <remarks>
    /// Normally there is one. Of several (an operator's copy, a directory put back from a backup), the
    /// newest is the one whose change started last, by the record's own <c>started</c>: a name's stamp is
    /// when it was set aside, and a copy can give it any name, place in the directory or modification time.
    /// Records started in the same second, or that cannot be read (ranked first, so picked only alone,
    /// then set aside by recovery as unreadable), are told apart by their names' stamps.
    /// </remarks>
    /// <exception cref="IOException">The directory could not be listed, or one of several records could not be read (not a bad record: the read failed).</exception>
    /// <exception cref="UnauthorizedAccessException">The directory could not be listed, or one of several records could not be read.</exception>
    public string? NewestUnrestored()
    {
        var prefix = $"{Directory}/transaction.{Unrestored}-";
        var found = NamedEntries.List(_system.FileSystem, Directory)
            .Where(path => path.StartsWith(prefix, StringComparison.Ordinal) && path.EndsWith(".json", StringComparison.Ordinal))
            .ToList();
        if (found.Count <= 1)
        {
            // Nothing to choose between: not read here, the retry reads it.
            return found.SingleOrDefault();
        }

        return found
            .Select(path => (Path: path, Stamp: path[prefix.Length..^".json".Length], Started: StartedOf(path)))
            .OrderBy(aside => aside.Started)
            // The time, then the number SetAside adds when the second was taken: "-2" sorts before ".json" by name.
            .ThenBy(aside => aside.Stamp.Split('-')[0], StringComparer.Ordinal)
            .ThenBy(aside => aside.Stamp.Split('-') is [_, var n] && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 1)
            .Select(aside => aside.Path)
            .LastOrDefault();
    }

    /// <summary>When the record's change started; <c>null</c> for a record that is no record or must not be trusted.</summary>
    /// <exception cref="IOException">The read failed: which record is newest cannot be told now.</exception>
    /// <exception cref="UnauthorizedAccessException">The read failed.</exception>
    private DateTimeOffset? StartedOf(string path)
    {
        try
        {
            return Read(path).Started;
        }
        catch (Exception error) when (error is InvalidDataException or UntrustedRecordException)
        {
            return null;
        }
    }

    /// <summary>Moves a record set aside back in place (a rename: no new space needed), for recovery to finish it.</summary>
    /// <exception cref="IOException">It could not be moved.</exception>
    /// <exception cref="UnauthorizedAccessException">It could not be moved.</exception>
    public void TakeBack(string aside) => _system.FileSystem.Move(aside, RecordPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "resetnetwork: the change ended, but its old record {Path} could not be deleted ({ExceptionType}); it is never read, and the next change replaces it")]
    private static partial void LogEndedLeft(ILogger logger, string path, string exceptionType);
}

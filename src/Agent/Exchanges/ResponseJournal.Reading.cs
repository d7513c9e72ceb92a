using GuestAgent.Platform;
using GuestAgent.Platform.Native;

namespace GuestAgent.Exchanges;

/// <summary>The journal file's reading at load: its boot line and entries, and the lines a crash or a full disk cut short.</summary>
internal sealed partial class ResponseJournal
{
    // The errno of a file system mounted read-only.
    private const int ReadOnlyFileSystem = 30;

    // Reads the entries of the journal file (the regular file looked at, read and made private
    // through its descriptor); returns the boot it records, how many lines were damaged and the
    // wider mode it was left with, if any. A file left with a wider mode (an older agent, a restored
    // backup) is made private first.
    private (string? RecordedBoot, int Damaged, UnixFileMode? LeftWide) ReadFile(FileInPlace found)
    {
        // The stream closes the handle found owns; its own Dispose then does nothing more.
        using var stream = new FileStream(found.Handle, FileAccess.Read);
        UnixFileMode? leftWide = null;
        if (found.Status!.Value.Mode != PrivateMode)
        {
            try
            {
                UnixFiles.SetMode(stream.SafeFileHandle, PrivateMode);
            }
            catch (IOException error) when (error.HResult == ReadOnlyFileSystem)
            {
                // A read-only file system: no one can change the file, and it already holds what was
                // answered. Dropped for its mode, every request it answered would run again when seen.
                leftWide = found.Status.Value.Mode;
            }
        }

        // Every line is written with its newline in one write: a last line without one was cut short
        // (a crash, a power cut, a full disk mid-append), even when what is left of it parses (a
        // response cut at a multiple of four base64 characters does), and is never trusted.
        var complete = true;
        if (stream.Length > 0)
        {
            stream.Seek(-1, SeekOrigin.End);
            complete = stream.ReadByte() == '\n';
            stream.Seek(0, SeekOrigin.Begin);
        }

        using var reader = new StreamReader(stream);
        string? recordedBoot = null;
        var damaged = 0;
        var line = reader.ReadLine();
        while (line is not null)
        {
            var next = reader.ReadLine();
            if (next is null && !complete)
            {
                damaged++;
                break;
            }

            _linesInFile++;
            if (!ReadLine(line, ref recordedBoot))
            {
                damaged++; // a torn line an earlier version appended to
            }

            line = next;
        }

        return (recordedBoot, damaged, leftWide);
    }

    // Takes one complete line: the boot, or an entry; false when it is neither.
    private bool ReadLine(string line, ref string? recordedBoot)
    {
        var parts = line.Split('\t');
        if (parts.Length == 2 && parts[0] == BootKey)
        {
            recordedBoot = parts[1];
            return true;
        }

        if (parts.Length != 3 || parts[0].Length == 0)
        {
            return false;
        }

        try
        {
            Remember(parts[0], parts[1], Convert.FromBase64String(parts[2]), durable: true);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

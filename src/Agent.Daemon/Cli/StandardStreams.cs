using System.Text;
using GuestAgent.Platform.Native;

namespace GuestAgent.Daemon.Cli;

/// <summary>The process's standard streams, passed to verbs so that tests can run them in-process.</summary>
/// <param name="In">Standard input (the password of <c>set-password</c>).</param>
/// <param name="Out">Standard output: results only (response JSON, schema, demo transcript).</param>
/// <param name="Error">Standard error: logs and the one-line error.</param>
internal sealed record StandardStreams(TextReader In, TextWriter Out, TextWriter Error)
{
    /// <summary>UTF-8 without a byte order mark: none is written, and one read stays in the text (U+FEFF).</summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// The process's standard streams, for <c>Main</c>: UTF-8 over descriptors 0, 1 and 2, never
    /// through <see cref="Console"/>, whose first write on a terminal switches its keypad and cursor
    /// keys to application mode for good (<see cref="StandardDescriptorStream"/>). A stream the
    /// process was started without is a null one: what is written to it is dropped, and reading it
    /// gives end of input (<see cref="StandardDescriptors"/>). Output and error are written through
    /// at once (nothing waits in a buffer for an exit that may never come) and each write is whole
    /// under concurrent writers, as the console's are.
    /// </summary>
    public static StandardStreams OpenConsole()
    {
        var (input, output, error) = StandardDescriptors.Prepare();
        return new(
            input ? new StreamReader(new StandardDescriptorStream(0, writable: false), Utf8, detectEncodingFromByteOrderMarks: false) : TextReader.Null,
            output ? Writer(1) : TextWriter.Null,
            error ? Writer(2) : TextWriter.Null)
        {
            ErrorIsJournal = error && JournalStream.Names(Environment.GetEnvironmentVariable("JOURNAL_STREAM"), LibC.DescriptorStatus(2)?.FileId),
            InIsTerminal = input && TerminalEcho.IsTerminal(0),
            OutIsTerminal = output && TerminalEcho.IsTerminal(1),
            OwnsProcess = true,
        };

        static TextWriter Writer(int fd) =>
            TextWriter.Synchronized(new StreamWriter(new StandardDescriptorStream(fd, writable: true), Utf8) { AutoFlush = true });
    }

    /// <summary>
    /// Whether <see cref="Error"/> goes to the journal, which reads a <c>&lt;N&gt;</c> priority prefix
    /// at the start of a line: the fatal one-line error then carries <c>&lt;3&gt;</c> so that
    /// <c>journalctl -p err</c> shows why the agent exited; on a terminal it stays plain.
    /// </summary>
    public bool ErrorIsJournal { get; init; }

    /// <summary>
    /// Whether standard input is a terminal (descriptor 0), where <c>set-password</c> prompts and
    /// reads with echo off; never for streams a test passes in.
    /// </summary>
    public bool InIsTerminal { get; init; }

    /// <summary>
    /// Whether standard output is a terminal (descriptor 1), where <c>demo</c> writes in colour;
    /// never for streams a test passes in.
    /// </summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>
    /// Whether these are the process's own streams (<c>Main</c>): the verb owns the process and may
    /// change process-wide state (<c>run</c>'s working directory and dumpability,
    /// <see cref="Hosting.ProcessHardening"/>); never for streams a test passes in, so an in-process
    /// test leaves the test host as it was.
    /// </summary>
    public bool OwnsProcess { get; init; }

    /// <summary>
    /// Writes a line that goes with an exit code (the one error line, the overview of a usage error),
    /// dropping it when stderr refuses it: a log redirected to a full disk (<c>ENOSPC</c>), a device
    /// that fails. The exit code still says what happened; an exception escaping <c>Main</c> would
    /// end the process with SIGABRT (134) instead, which the unit's <c>RestartPreventExitStatus=2</c>
    /// does not recognise as a bad configuration.
    /// </summary>
    public async Task WriteErrorLineAsync(string line)
    {
        try
        {
            await Error.WriteLineAsync(line).ConfigureAwait(false);
            await Error.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Nowhere to report it: stderr is the thing that failed.
        }
    }

    /// <summary>
    /// Writes a verb's output (the answer, the schema) and flushes it, so that a stdout that
    /// refuses it (<c>&gt;/dev/full</c>: <c>ENOSPC</c>) fails here and is reported as such: the
    /// bare "No space left on device" of the write would not say that it was stdout that failed.
    /// </summary>
    /// <exception cref="DaemonException">Stdout refused the output (the exit code is 1).</exception>
    public async Task WriteOutputAsync(string text)
    {
        try
        {
            await Out.WriteAsync(text).ConfigureAwait(false);
            await Out.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            throw OutputRefused(exception);
        }
    }

    /// <summary>Writes a verb's output and a line break (see <see cref="WriteOutputAsync"/>).</summary>
    /// <exception cref="DaemonException">Stdout refused the output (the exit code is 1).</exception>
    public Task WriteOutputLineAsync(string line) => WriteOutputAsync(line + Out.NewLine);

    /// <summary>
    /// Writes one line of output as it comes (<c>demo</c>'s transcript) and flushes it, with the
    /// failure of <see cref="WriteOutputAsync"/>: a refusing stdout is named, not a bare I/O error.
    /// </summary>
    /// <exception cref="DaemonException">Stdout refused the output (the exit code is 1).</exception>
    public void WriteOutputLine(string line)
    {
        try
        {
            Out.WriteLine(line);
            Out.Flush();
        }
        catch (IOException exception)
        {
            throw OutputRefused(exception);
        }
    }

    private static DaemonException OutputRefused(IOException exception) =>
        new($"could not write the output to stdout: {exception.Message}", exception);
}

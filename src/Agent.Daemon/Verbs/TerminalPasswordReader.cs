using System.Runtime.InteropServices;
using System.Text;
using GuestAgent.Platform.Native;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Daemon.Verbs;

/// <summary>
/// Reads <c>set-password</c>'s password from a terminal as <c>passwd</c> does: a <c>Password: </c>
/// prompt on stderr and echo off until the line is read. The terminal's settings are put back on
/// every way out, a signal that ends the process (Ctrl-C, SIGTERM, SIGHUP, SIGQUIT) included:
/// otherwise the operator's shell would be left typing blind. Ctrl-Z puts them back too, for the
/// shell the operator returns to, and the process continued (<c>fg</c>) turns echo off again with a
/// new prompt (the terminal dropped the half-typed line at the Ctrl-Z), as <c>readpassphrase(3)</c>
/// does; without that, the rest of the password would echo under the settings the shell put back
/// (and .NET's runtime, were its console in use, would put its own back on SIGCONT). When echo
/// cannot be turned off, it
/// refuses rather than show the password (and put it in any <c>script</c> or tmux log), as
/// <c>getpass(3)</c> and <c>passwd</c> do.
/// </summary>
internal static class TerminalPasswordReader
{
    private const int StandardInput = 0;
    private const string Prompt = "Password: ";
    private const string NoEcho = "set-password: cannot turn off the terminal's echo, so the password would show as it is typed; pipe it on standard input instead";

    /// <summary>The first line typed, without its line break, in a buffer the caller clears after use.</summary>
    /// <exception cref="Cli.DaemonException">The terminal's echo cannot be turned off.</exception>
    public static char[] Read(TextWriter prompt)
    {
        // Echo goes off before the prompt shows, so nothing typed after seeing it is ever echoed.
        using var quiet = new QuietTerminal(
            TerminalEcho.Disable(StandardInput) ?? throw new Cli.DaemonException(NoEcho), prompt);
        prompt.Write(Prompt);
        prompt.Flush();
        var line = ReadLineBytes();
        try
        {
            quiet.ThrowIfEchoCameBack();

            // The Enter that ended the line was not echoed either.
            prompt.WriteLine();
            prompt.Flush();
            var text = line.AsSpan();
            if (text.EndsWith("\r"u8))
            {
                text = text[..^1];
            }

            var password = new char[Encoding.UTF8.GetCharCount(text)];
            Encoding.UTF8.GetChars(text, password);
            return password;
        }
        finally
        {
            Array.Clear(line);
        }
    }

    /// <summary>
    /// Bytes from descriptor 0 up to the first line break (or the end of input), read directly: .NET's
    /// console reader would echo what is typed itself, whatever the terminal's settings.
    /// </summary>
    private static byte[] ReadLineBytes()
    {
        using var input = new FileStream(new SafeFileHandle(StandardInput, ownsHandle: false), FileAccess.Read, bufferSize: 0);
        var buffer = new byte[128];
        try
        {
            var length = 0;
            int next;
            while ((next = input.ReadByte()) >= 0 && next != '\n')
            {
                if (length == buffer.Length)
                {
                    var larger = new byte[buffer.Length * 2];
                    buffer.AsSpan().CopyTo(larger);
                    Array.Clear(buffer);
                    buffer = larger;
                }

                buffer[length++] = (byte)next;
            }

            return buffer[..length];
        }
        finally
        {
            // Also when a read fails part way (EIO on a hangup): no part of the password stays behind.
            Array.Clear(buffer);
        }
    }

    /// <summary>
    /// Echo off while the password is typed, through job control: a signal that ends the process puts
    /// the terminal back, the signal then doing what it does; Ctrl-Z (SIGTSTP) puts it back, then stops
    /// the process; SIGCONT turns echo off again and prompts anew. .NET's own handling of the last two
    /// is cancelled: for a SIGTSTP it has a registration for it does nothing (the process would not
    /// stop), and on SIGCONT it puts its own terminal settings back, echo on, should anything have
    /// initialised its console (the daemon's streams do not use it).
    /// </summary>
    private sealed class QuietTerminal : IDisposable
    {
        /// <summary>SIGSTOP on Linux (x86-64 and arm64 alike); it cannot be caught, so it stops the process.</summary>
        private const int StopSignal = 19;

        private readonly Lock _gate = new();
        private readonly TerminalEcho _echo;
        private readonly TextWriter _prompt;
        private readonly PosixSignalRegistration[] _registrations;
        private bool _echoCameBack;
        private bool _done;

        public QuietTerminal(TerminalEcho echo, TextWriter prompt)
        {
            _echo = echo;
            _prompt = prompt;
            _registrations =
            [
                .. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }
                    .Select(signal => PosixSignalRegistration.Create(signal, _ => Restore())),
                PosixSignalRegistration.Create(PosixSignal.SIGTSTP, Suspend),
                PosixSignalRegistration.Create(PosixSignal.SIGCONT, Resume),
            ];
        }

        /// <summary>Refuses the line when echo could not be turned off again after a SIGCONT: it may have shown.</summary>
        public void ThrowIfEchoCameBack()
        {
            lock (_gate)
            {
                if (_echoCameBack)
                {
                    throw new Cli.DaemonException(NoEcho);
                }
            }
        }

        public void Dispose()
        {
            foreach (var registration in _registrations)
            {
                registration.Dispose();
            }

            // A handler already running when the registrations went may still come: it finds _done.
            lock (_gate)
            {
                _done = true;
                _echo.Restore();
            }
        }

        private void Restore()
        {
            lock (_gate)
            {
                _echo.Restore();
            }
        }

        private void Suspend(PosixSignalContext context)
        {
            context.Cancel = true;
            lock (_gate)
            {
                if (_done)
                {
                    return;
                }

                // The shell the operator goes back to gets its echo.
                _echo.Restore();
            }

            _ = Syscalls.Raise(StopSignal);
        }

        private void Resume(PosixSignalContext context)
        {
            lock (_gate)
            {
                if (_done)
                {
                    return;
                }

                context.Cancel = true;
                if (!_echo.Reapply())
                {
                    _echoCameBack = true;
                    return;
                }

                // The terminal dropped the half-typed line at the Ctrl-Z (and Reapply what came since).
                _prompt.Write(Environment.NewLine + Prompt);
                _prompt.Flush();
            }
        }
    }
}

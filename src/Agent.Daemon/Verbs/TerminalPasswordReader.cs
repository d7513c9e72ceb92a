using System.Runtime.InteropServices;
using System.Text;
using GuestAgent.Platform.Native;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Daemon.Verbs;

/// <summary>
/// Reads <c>set-password</c>'s password from a terminal as <c>passwd</c> does: a <c>Password: </c>
/// prompt on stderr and echo off until the line is read. The terminal's settings are put back on
/// every way out, a signal that ends the process (Ctrl-C, SIGTERM, SIGHUP, SIGQUIT) included:
/// otherwise the operator's shell would be left typing blind. When echo cannot be turned off, it
/// refuses rather than show the password (and put it in any <c>script</c> or tmux log), as
/// <c>getpass(3)</c> and <c>passwd</c> do.
/// </summary>
internal static class TerminalPasswordReader
{
    private const int StandardInput = 0;

    /// <summary>The first line typed, without its line break, in a buffer the caller clears after use.</summary>
    /// <exception cref="Cli.DaemonException">The terminal's echo cannot be turned off.</exception>
    public static char[] Read(TextWriter prompt)
    {
        // Echo goes off before the prompt shows, so nothing typed after seeing it is ever echoed.
        using var echo = TerminalEcho.Disable(StandardInput)
            ?? throw new Cli.DaemonException("set-password: cannot turn off the terminal's echo, so the password would show as it is typed; pipe it on standard input instead");
        using var restoreOnSignal = new SignalRestore(echo);
        prompt.Write("Password: ");
        prompt.Flush();
        var line = ReadLineBytes();
        try
        {
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

    /// <summary>Restores the terminal when a signal ends the process while the password is typed; the signal then does what it does.</summary>
    private sealed class SignalRestore : IDisposable
    {
        private readonly PosixSignalRegistration[] _registrations;

        public SignalRestore(TerminalEcho echo)
        {
            _registrations =
            [
                .. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }
                    .Select(signal => PosixSignalRegistration.Create(signal, _ => echo.Restore())),
            ];
        }

        public void Dispose()
        {
            foreach (var registration in _registrations)
            {
                registration.Dispose();
            }
        }
    }
}

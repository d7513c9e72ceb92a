using GuestAgent.Commands;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.NovaHost;
using GuestAgent.Hosting;

namespace GuestAgent.Daemon.Verbs;

/// <summary>
/// <c>guest-agent set-password</c>: reads the password from the first line of stdin (so it never
/// appears in a process listing; on a terminal after a <c>Password: </c> prompt, with echo off) and
/// sets it with Nova's keyinit + password sequence.
/// </summary>
internal static class SetPasswordVerb
{
    public static async Task<int> RunAsync(SetPasswordInvocation invocation, StandardStreams streams, CancellationToken cancellationToken)
    {
        // A relative XENSTORED_PATH made absolute as run makes it, so the verbs agree on what it names.
        var endpoint = invocation.XenStorePath ?? UnixSocketPathLength.EnvironmentEndpoint(VerbCatalog.SetPassword.Name);

        // The key exchange and the cipher are OpenSSL's: without libssl .NET would abort the process.
        var openSsl = OpenSslLibrary.ForThisProcess();
        if (openSsl.Load() is null)
        {
            throw new DaemonException(openSsl.MissingMessage("set-password"));
        }

        var password = streams.InIsTerminal ? TerminalPasswordReader.Read(streams.Error) : ReadFirstLine(streams.In);
        try
        {
            if (password.Length == 0)
            {
                throw new UsageException("set-password: no password on stdin");
            }

            if (Unsendable(password) is { } reason)
            {
                throw new UsageException($"set-password: {reason}; nothing was sent");
            }

            // Ctrl-C withdraws the request in progress, as for `call`.
            using var signals = new ShutdownSignals();
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(signals.Token, cancellationToken);
            await using var xenstore = await XenStoreConnector.ConnectAsync(endpoint, invocation.Timeout, stopping.Token).ConfigureAwait(false);
            var setter = new NovaPasswordSetter(new NovaAgentCall(xenstore, invocation.DomainId), invocation.Timeout);
            string response;
            try
            {
                response = await setter.SetAsync(password.AsMemory(), stopping.Token).ConfigureAwait(false);
            }
            catch (NovaCallInterruptedException interrupted) when (signals.Token.IsCancellationRequested)
            {
                throw new DaemonException(interrupted.Message);
            }

            await streams.WriteOutputLineAsync(PrintableAnswer.Of(response)).ConfigureAwait(false);
            var (code, message) = AgentResponseReader.Read(response);
            return code == "0" ? ExitCodes.Success : throw new DaemonException($"password failed: the agent answered '{code}' ({message})");
        }
        finally
        {
            Array.Clear(password);
        }
    }

    /// <summary>U+FEFF: standard input's reader keeps a file's byte order mark as the line's first character.</summary>
    private const int ByteOrderMark = 0xFEFF;

    /// <summary>
    /// Why the agent could not set <paramref name="password"/> as typed, or <c>null</c>. A byte that
    /// is not UTF-8 (a Latin-1 terminal's <c>ä</c>) reaches here as U+FFFD, which both readers put in
    /// its place: sent on, root's password would silently become other bytes than those typed, and
    /// a login typing them would fail. A control character (a tab) the agent refuses itself, as
    /// <c>Invalid password data received</c>, which would not say why. A byte order mark, which
    /// standard input's reader keeps, would make the password one nobody can type.
    /// </summary>
    private static string? Unsendable(ReadOnlySpan<char> password)
    {
        while (!password.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf16(password, out var rune, out var consumed) != System.Buffers.OperationStatus.Done || rune == System.Text.Rune.ReplacementChar)
            {
                return "the password is not valid UTF-8 text (standard input or the terminal sent a byte of another character set), and Nova's protocol carries only UTF-8";
            }

            if (System.Text.Rune.IsControl(rune))
            {
                return "the password has a control character (a tab, say), which the agent refuses";
            }

            if (rune.Value == ByteOrderMark)
            {
                return "the password has a byte order mark (U+FEFF, which some editors put at the start of a file), which no one can type at a login";
            }

            password = password[consumed..];
        }

        return null;
    }

    /// <summary>The first line, without its line break, in a buffer the caller clears after use.</summary>
    private static char[] ReadFirstLine(TextReader input)
    {
        var buffer = new char[128];
        var length = 0;
        int next;
        while ((next = input.Read()) >= 0 && next != '\n')
        {
            if (length == buffer.Length)
            {
                var larger = new char[buffer.Length * 2];
                buffer.AsSpan().CopyTo(larger);
                Array.Clear(buffer);
                buffer = larger;
            }

            buffer[length++] = (char)next;
        }

        if (length > 0 && buffer[length - 1] == '\r')
        {
            length--;
        }

        var line = buffer[..length];
        Array.Clear(buffer);
        return line;
    }
}

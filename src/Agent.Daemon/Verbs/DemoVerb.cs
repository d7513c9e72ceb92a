using System.Diagnostics;
using System.Globalization;
using System.Text;
using GuestAgent.Commands;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Daemon.Demo;
using GuestAgent.Daemon.Hosting;
using GuestAgent.Hosting;
using GuestAgent.Daemon.Logging;
using GuestAgent.Daemon.NovaHost;
using GuestAgent.Platform;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Verbs;

/// <summary>
/// <c>guest-agent demo</c>: Nova's first boot of an instance, end to end, with no Xen and no root.
/// The embedded XenStore plays the hypervisor, the agent runs in-process on a temporary root, and
/// the host side goes through exactly the code of <c>call</c> and <c>set-password</c>.
/// </summary>
internal static class DemoVerb
{
    private const string SshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDemoKeyOnlyForTheGuestAgentDemoXXXXXXXXXXXX demo@nova";
    private const string Password = "Demo-Passw0rd!";
    private const string PasswordLockFile = "etc/.pwd.lock";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The demo's temporary directory. .NET's own error for a missing or unwritable temporary
    /// directory names neither the directory nor the reason (nor TMPDIR, which chose it).
    /// </summary>
    private static DirectoryInfo CreateWorkingDirectory()
    {
        try
        {
            return Directory.CreateTempSubdirectory("guest-agent-demo-");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var parent = Path.GetTempPath();
            var reason = exception switch
            {
                UnauthorizedAccessException => "permission denied",
                _ when !Directory.Exists(parent) => "it does not exist",
                _ => exception.Message,
            };
            throw new DaemonException($"demo: cannot create a temporary directory in '{parent}' (from TMPDIR, else /tmp): {reason}", exception);
        }
    }

    public static async Task<int> RunAsync(StandardStreams streams, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // The demo plays Nova's key exchange and cipher in-process with OpenSSL: without libssl .NET
        // would abort the process (an operator trying the binary in a stripped image before booting it).
        var openSsl = OpenSslLibrary.ForThisProcess();
        if (openSsl.Load() is null)
        {
            throw new DaemonException(openSsl.MissingMessage("demo"));
        }

        // Ctrl-C stops the demo cleanly: the temporary directory is removed either way.
        using var signals = new ShutdownSignals();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(signals.Token, cancellationToken);
        var directory = CreateWorkingDirectory();
        try
        {
            return await RunInAsync(directory.FullName, streams, clock, stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
        {
            await streams.Error.WriteLineAsync("guest-agent: demo interrupted; temporary files removed").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<int> RunInAsync(string directory, StandardStreams streams, Stopwatch clock, CancellationToken cancellationToken)
    {
        var socket = Path.Combine(directory, "xenstore.sock");
        var root = Path.Combine(directory, "root");
        DemoGuest.CreateRoot(root);

        await using var server = new XenStoreServer();
        server.Listen(socket);
        var home = DemoGuest.CreateDomain(server);
        var before = FileSnapshot.Take(root);

        var color = streams.OutIsTerminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var transcript = new DemoTranscript(streams, color, home);
        transcript.Title($"guest-agent {AgentVersion.Informational} demo: Nova's first boot of an instance, without Xen");
        transcript.Fact("XenStore", $"embedded server on {socket}");
        transcript.Fact("guest", $"{home} (\"{DemoGuest.Hostname}\"), Ubuntu 24.04 under {root}");
        transcript.Fact("vm-data", $"networking/{DemoGuest.Mac.Replace(":", "", StringComparison.Ordinal)} (MAC {DemoGuest.Mac}), hostname = {DemoGuest.Hostname}");
        transcript.Fact("agent", "guest-agent run --root <root> --domain-path " + home + " (in this process)");

        // The agent, as `run` composes it, logging only errors: the transcript shows every answer anyway.
        var settings = new AgentSettings { Root = root, XenStorePath = socket, DomainPath = home, LogLevel = LogLevel.Error, ShutdownTimeout = TimeSpan.FromSeconds(5) };
        using var loggers = new JournalLoggerFactory(new JournalWriter(streams.Error, settings.LogLevel));
        var agent = new RunningAgent(settings, AgentComposition.Create(settings, loggers), loggers);
        await agent.ConnectAsync(cancellationToken).ConfigureAwait(false);
        using var stopAgent = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var serving = agent.RunAsync(stopAgent.Token);
        await agent.WhenReadyAsync(TimeSpan.Zero, serving).ConfigureAwait(false);

        bool allAccepted;
        await using (var host = await XenStoreClient.ConnectAsync(socket, cancellationToken).ConfigureAwait(false))
        {
            var call = new NovaAgentCall(host, (int)DemoGuest.DomainId)
            {
                // Nova reads every 0.5 s; the demo reads more often so that it runs in a blink.
                PollInterval = TimeSpan.FromMilliseconds(10),
                RequestWritten = transcript.Request,
                ResponseRead = transcript.Response,
            };
            allAccepted = await FirstBootAsync(call, transcript, cancellationToken).ConfigureAwait(false);
        }

        await stopAgent.CancelAsync().ConfigureAwait(false);
        await serving.ConfigureAwait(false);

        transcript.Section("Files the agent wrote (under the temporary root)");
        var actionsLog = RecordingProcessRunner.ActionsLogPath.TrimStart('/');
        foreach (var changed in before.ChangedIn(FileSnapshot.Take(root)))
        {
            // The journal of answered requests is the agent's bookkeeping, not a change to the guest.
            if (changed.StartsWith(AgentPaths.DefaultStateDirectory.TrimStart('/'), StringComparison.Ordinal) && changed != actionsLog)
            {
                continue;
            }

            // glibc's lckpwdf lock file, created empty when the password is set: a lock, not a change to show.
            if (changed == PasswordLockFile)
            {
                continue;
            }

            if (changed.EndsWith(Platform.SiblingNames.BackupSuffix, StringComparison.Ordinal) || changed.EndsWith(Platform.SiblingNames.InertBackupSuffix, StringComparison.Ordinal))
            {
                transcript.Note($"/{changed} (the previous version, kept as a backup)");
                continue;
            }

            transcript.File("/" + changed, Path.Combine(root, changed));
        }

        transcript.Note("actions.log lists the programs the agent would have run: under --root nothing is executed.");
        transcript.Blank();
        transcript.Line(allAccepted
            ? $"Done in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s: every answer is one Nova accepts. Temporary files removed."
            : "Done, but some answers are not what Nova accepts (see ✗ above).");
        return allAccepted ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>Nova's <c>_configure_new_instance_with_agent</c>, step by step; true when every answer is accepted.</summary>
    private static async Task<bool> FirstBootAsync(NovaAgentCall call, DemoTranscript transcript, CancellationToken cancellationToken)
    {
        var ok = true;
        transcript.Step(1, "version", "Nova asks which agent it talks to");
        ok &= Accept(transcript, await call.SendAsync("version", "\"agent\"", Timeout, cancellationToken: cancellationToken).ConfigureAwait(false), "0");

        transcript.Step(2, "inject the SSH key", "the dom0 plugin asks for features, then sends injectfile");
        var features = await call.SendAsync("features", "\"\"", Timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        ok &= Accept(transcript, features, "0");
        var contents = $"\n# The following ssh key was injected by Nova\n{SshKey}\n";
        var value = Convert.ToBase64String(Encoding.UTF8.GetBytes("/root/.ssh/authorized_keys," + contents));
        ok &= Accept(transcript, await call.SendAsync("injectfile", $"\"{value}\"", Timeout, cancellationToken: cancellationToken).ConfigureAwait(false), "0");

        transcript.Step(3, "set the admin password", $"Diffie-Hellman keyinit, then password encrypted as Nova's openssl does (password: {Password})");
        var setter = new NovaPasswordSetter(call, Timeout);
        ok &= Accept(transcript, await setter.SetAsync(Password.AsMemory(), cancellationToken).ConfigureAwait(false), "0");

        transcript.Step(4, "resetnetwork", "the agent configures the network and hostname from vm-data");
        // Nova also accepts "500" here (old agents answered it on success); the demo expects success.
        ok &= Accept(transcript, await call.SendAsync("resetnetwork", "\"\"", TimeSpan.FromSeconds(60), cancellationToken: cancellationToken).ConfigureAwait(false), "0");
        return ok;
    }

    private static bool Accept(DemoTranscript transcript, string response, params string[] accepted)
    {
        var (code, message) = AgentResponseReader.Read(response);
        if (accepted.Contains(code))
        {
            return true;
        }

        transcript.Problem($"Nova accepts {string.Join(" or ", accepted)} here, the agent answered '{code}': {message}");
        return false;
    }
}

using System.Diagnostics;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// This machine's systemd booted as PID 1 of a throw-away system by <c>scripts/systemd-sandbox.sh</c>:
/// its own PID, mount, network, UTS, IPC and cgroup namespaces, on an overlay of / whose writable layer
/// is a tmpfs, so nothing done inside changes this machine. Commands run inside with <c>nsenter</c>;
/// its files are reachable from here through <c>/proc/&lt;PID 1&gt;/root</c>. Disposing kills it
/// (SIGKILL to its PID 1 ends every process in it) and removes its cgroup.
/// </summary>
internal sealed class SystemdSandbox : IAsyncDisposable
{
    // Safety nets only: they turn a hang into a failure, and no outcome depends on them.
    private static readonly TimeSpan SafetyNet = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(3);

    // What commands inside see: a root shell's environment, not the test runner's (CI=true, DOTNET_*…).
    private static readonly string[] CleanEnvironment = ["/usr/bin/env", "-i", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C.UTF-8", "HOME=/root"];

    private readonly TemporaryDirectory _directory;
    private readonly Process _script;
    private readonly string _nsenter;

    private SystemdSandbox(TemporaryDirectory directory, Process script, string nsenter)
    {
        _directory = directory;
        _script = script;
        _nsenter = nsenter;
    }

    /// <summary>The host PID of the sandbox's PID 1 (systemd).</summary>
    public int InitPid { get; private set; }

    /// <summary>The sandbox's cgroup2 directory (on this machine), or <c>null</c> before the script made it.</summary>
    public string? CgroupPath => File.Exists(_directory.Combine("cgroup")) ? File.ReadAllText(_directory.Combine("cgroup")).Trim() : null;

    /// <summary>
    /// Boots the sandbox. <paramref name="seed"/> receives a directory whose contents appear on top of
    /// the sandbox's / (laid into the overlay's upper layer before boot). Returns once
    /// <c>systemctl is-system-running</c> says <c>running</c> or <c>degraded</c>.
    /// </summary>
    public static async Task<SystemdSandbox> BootAsync(Action<string> seed)
    {
        var nsenter = Require();
        var directory = new TemporaryDirectory("guestagent-systemd-");
        Process script;
        try
        {
            Directory.CreateDirectory(directory.Combine("seed"));
            seed(directory.Combine("seed"));

            // Standard input stays open while the sandbox should live: the script's watchdog kills it at
            // end of file, so a test runner that dies without disposing does not leave systemd running.
            var start = new ProcessStartInfo(RepositoryFiles.Path("scripts", "systemd-sandbox.sh")) { RedirectStandardInput = true, UseShellExecute = false };
            start.ArgumentList.Add(directory.Path);
            script = Process.Start(start) ?? throw new InvalidOperationException("could not start scripts/systemd-sandbox.sh");
        }
        catch
        {
            directory.Dispose();
            throw;
        }

        var sandbox = new SystemdSandbox(directory, script, nsenter);
        try
        {
            await sandbox.WaitForBootAsync();
            return sandbox;
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>The path, seen from this machine, of <paramref name="guestPath"/> inside the sandbox.</summary>
    public string HostPath(string guestPath) => $"/proc/{InitPid}/root/{guestPath.TrimStart('/')}";

    /// <summary>Runs a command inside the sandbox (all its namespaces, its root) and returns its result.</summary>
    public Task<ToolResult> RunAsync(params string[] command) =>
        ExternalTool.RunAsync(_nsenter, ["--target", InitPid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--all", "--", .. CleanEnvironment, .. command], timeout: CommandLimit);

    /// <summary>As <see cref="RunAsync"/>, failing the test unless the command succeeds; returns its output.</summary>
    public async Task<string> RunCheckedAsync(params string[] command)
    {
        var result = await RunAsync(command);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', command)} failed ({result.ExitCode}): {result.StandardError}{result.StandardOutput}");
        return result.StandardOutput;
    }

    /// <summary>One property of a unit, as <c>systemctl show --property=NAME --value</c> prints it.</summary>
    public async Task<string> PropertyAsync(string unit, string property) =>
        (await RunCheckedAsync("systemctl", "show", "--property=" + property, "--value", unit)).Trim();

    /// <summary>The unit's journal messages (this boot only: the sandbox's journal starts empty).</summary>
    public async Task<string> JournalAsync(string unit) =>
        await RunCheckedAsync("journalctl", "--unit=" + unit, "--output=cat", "--no-pager");

    /// <summary>
    /// Waits until the unit's journal holds <paramref name="text"/>: journald reads a service's
    /// standard error asynchronously, so a line written just before the service exited may arrive a
    /// moment after <c>systemctl</c> returned. Returns the journal.
    /// </summary>
    public async Task<string> WaitForJournalAsync(string unit, string text)
    {
        var deadline = Deadline.After(SafetyNet);
        while (true)
        {
            var journal = await JournalAsync(unit);
            if (journal.Contains(text, StringComparison.Ordinal) || deadline.HasPassed)
            {
                return journal;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Only closes the script's standard input, as a test runner that dies without disposing does:
    /// what follows is the script's watchdog alone (no fallback kill, no cgroup removal from here).
    /// </summary>
    public void CloseInput() => _script.StandardInput.Close();

    public async ValueTask DisposeAsync()
    {
        // End of file on the script's standard input: its watchdog kills unshare, whose --kill-child
        // kills systemd, and removes the sandbox's cgroup.
        _script.StandardInput.Close();
        using (var exited = new CancellationTokenSource(SafetyNet))
        {
            try
            {
                await _script.WaitForExitAsync(exited.Token);
            }
            catch (OperationCanceledException)
            {
                // The watchdog failed: SIGKILL to the namespace's PID 1 ends everything in it.
                KillQuietly(InitPid);
                KillQuietly(_script.Id);
                await _script.WaitForExitAsync(CancellationToken.None);
            }
        }

        await WaitForCgroupRemovalAsync();
        _script.Dispose();
        _directory.Dispose();
    }

    private async Task WaitForBootAsync()
    {
        var deadline = Deadline.After(SafetyNet);
        var pidFile = _directory.Combine("init.pid");
        while (!File.Exists(pidFile))
        {
            Assert.False(_script.HasExited, $"scripts/systemd-sandbox.sh ended before systemd started: {BootLog()}");
            Assert.False(deadline.HasPassed, $"systemd did not start: {BootLog()}");
            await Task.Delay(50);
        }

        InitPid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var state = "";
        while (state is not ("running" or "degraded"))
        {
            Assert.False(_script.HasExited, $"systemd ended while booting: {BootLog()}");
            Assert.False(deadline.HasPassed, $"systemd did not finish booting (is-system-running: '{state}'): {BootLog()}");
            await Task.Delay(100);
            // Before systemd listens, systemctl fails and prints "offline" or nothing: keep polling.
            state = (await RunAsync("systemctl", "is-system-running")).StandardOutput.Trim();
        }
    }

    /// <summary>
    /// The script's watchdog removes the sandbox's cgroup once its last process is gone; should it not
    /// have, the directories (empty by then) are removed here. Never throws: a failure of the test
    /// itself must not be hidden behind one of its clean-up.
    /// </summary>
    private async Task WaitForCgroupRemovalAsync()
    {
        if (CgroupPath is not { } cgroup)
        {
            return;
        }

        var deadline = Deadline.After(SafetyNet);
        while (Directory.Exists(cgroup) && !deadline.HasPassed)
        {
            await Task.Delay(50);
        }

        try
        {
            foreach (var directory in Directory.Exists(cgroup) ? Directory.GetDirectories(cgroup, "*", SearchOption.AllDirectories).Reverse().Append(cgroup) : [])
            {
                Directory.Delete(directory);
            }
        }
        catch (IOException)
        {
            // Still busy: the kernel releases a cgroup only after its last process is reaped.
        }
    }

    private string BootLog()
    {
        var log = _directory.Combine("boot.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no boot.log)";
    }

    private static void KillQuietly(int pid)
    {
        if (pid <= 0)
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Root, util-linux's namespace tools and systemd; returns nsenter's path.</summary>
    private static string Require()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Requirement.Unmet("booting systemd in a sandbox (namespaces, overlayfs, cgroups) needs root");
        }

        // A kernel without overlayfs or cgroup2 fails the boot with mount's message in boot.log.
        foreach (var tool in new[] { "unshare", "setpriv", "pivot_root" })
        {
            ExternalTool.Require(tool, "util-linux");
        }

        ExternalTool.Require("/lib/systemd/systemd", "systemd");
        return ExternalTool.Require("nsenter", "util-linux");
    }
}

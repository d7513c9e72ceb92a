using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace GuestAgent.Testing;

/// <summary>
/// A synchronous action run under strace attached to this test process: the <c>fsync</c> calls it
/// makes (what a crash would lose is otherwise invisible to a test), or a system call made to fail
/// as a file system or security module would. Only the calling thread is traced (strace <c>-p</c>
/// with its thread id, no <c>-f</c>), and the action runs on it once strace holds it: other tests'
/// threads, and the programs they start, are never stopped or failed. One trace at a time.
/// </summary>
internal static partial class SyscallTrace
{
    private static readonly Lock OneTracer = new();

    /// <summary>How long strace may take to attach: a safety net, never reached on a working machine.</summary>
    private static readonly TimeSpan AttachSafetyNet = TimeSpan.FromMinutes(1);

    /// <summary>Runs <paramref name="action"/> traced and returns the paths it synced, among <paramref name="paths"/>, in call order.</summary>
    public static IReadOnlyList<string> SyncedPaths(Action action, params string[] paths) =>
        [.. Traced(action, ["-e", "trace=fsync", .. paths.SelectMany(path => new[] { "-P", path })])
            .Select(line => SyncCall().Match(line)).Where(match => match.Success).Select(match => match.Groups[1].Value)];

    /// <summary>
    /// Runs <paramref name="action"/> with every <paramref name="syscall"/> it makes failing with
    /// <paramref name="error"/> (an errno name), or only those on one of <paramref name="paths"/> (strace's
    /// <c>-P</c>: a path argument, or a descriptor open on it); returns strace's lines of those calls.
    /// </summary>
    public static IReadOnlyList<string> Failing(Action action, string syscall, string error, params string[] paths) =>
        Traced(action, ["-e", $"trace={syscall}", "-e", $"inject={syscall}:error={error}", .. paths.SelectMany(path => new[] { "-P", path })]);

    /// <summary>
    /// Runs <paramref name="action"/> with its <paramref name="syscall"/>s on one of <paramref name="paths"/> failing
    /// with <paramref name="error"/> from the <paramref name="first"/>th on (the calls before it made as usual):
    /// an error that starts part-way, after a first look succeeded. Returns strace's lines of those calls.
    /// </summary>
    public static IReadOnlyList<string> FailingFrom(Action action, string syscall, string error, int first, params string[] paths) =>
        Traced(action, ["-e", $"trace={syscall}", "-e", $"inject={syscall}:error={error}:when={first}+", .. paths.SelectMany(path => new[] { "-P", path })]);

    /// <summary>
    /// Runs <paramref name="action"/> with its first <paramref name="syscall"/> on one of <paramref name="paths"/>
    /// returning <paramref name="value"/> without being made (a result the kernel allows but these machines'
    /// file systems never give); returns strace's lines of those calls.
    /// </summary>
    public static IReadOnlyList<string> FirstReturning(Action action, string syscall, long value, params string[] paths) =>
        Traced(action, ["-e", $"trace={syscall}", "-e", $"inject={syscall}:retval={value}:when=1", .. paths.SelectMany(path => new[] { "-P", path })]);

    /// <summary>
    /// Runs <paramref name="action"/> traced and returns strace's lines of the <paramref name="syscalls"/>
    /// (comma-separated names) it made, descriptors shown with what they refer to (<c>3&lt;/tmp/x&gt;</c>).
    /// </summary>
    public static IReadOnlyList<string> Calls(Action action, string syscalls) =>
        Traced(action, ["-e", $"trace={syscalls}"]);

    private static string[] Traced(Action action, string[] filter)
    {
        lock (OneTracer)
        {
            return TracedAlone(action, filter);
        }
    }

    private static string[] TracedAlone(Action action, string[] filter)
    {
        var strace = ExternalTool.Require("strace", "strace");
        using var output = new TemporaryDirectory();
        var log = output.Combine("trace");
        var start = new ProcessStartInfo(strace)
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // "/proc/thread-self" is "PID/task/TID".
        var thread = Path.GetFileName(new DirectoryInfo("/proc/thread-self").LinkTarget!);
        // signal=none: a signal the thread is sent meanwhile (SIGCHLD of another test's program) is no call of the action's.
        string[] arguments = ["-y", "-e", "signal=none", .. filter, "-o", log, "-p", thread];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Yama's ptrace_scope 1 (Ubuntu's default) lets a process trace only its descendants unless
        // the tracee allows it, before strace tries; where Yama is absent prctl fails, ignored.
        _ = SetPtracer(PrSetPtracer, PrSetPtracerAny);
        using var tracer = Process.Start(start)!;
        var attached = $"Process {thread} attached";
        var messages = new List<string>();
        var attachedNow = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Read to the end, so strace never blocks on a full pipe.
        var reading = Task.Run(() =>
        {
            while (tracer.StandardError.ReadLine() is { } line)
            {
                lock (messages)
                {
                    messages.Add(line);
                }

                if (line.Contains(attached, StringComparison.Ordinal))
                {
                    attachedNow.TrySetResult(true);
                }
            }

            attachedNow.TrySetResult(false);
        });
        var didAttach = attachedNow.Task.Wait(AttachSafetyNet) && attachedNow.Task.Result;
        // Attached (or never will be): no other process may trace this one.
        _ = SetPtracer(PrSetPtracer, 0);
        if (!didAttach)
        {
            Stop(tracer);
            reading.Wait();
            Requirement.Unmet("strace could not attach to the test process: " + string.Join(" / ", messages));
        }

        try
        {
            Assert.NotEqual("0", TracerOfThisThread());
            action();
        }
        finally
        {
            // SIGINT: strace detaches from every thread and flushes its log.
            Stop(tracer);
            reading.Wait();
        }

        return File.ReadAllLines(log);
    }

    private static string TracerOfThisThread() =>
        File.ReadLines("/proc/thread-self/status").Single(line => line.StartsWith("TracerPid:", StringComparison.Ordinal))["TracerPid:".Length..].Trim();

    private static void Stop(Process tracer)
    {
        // A signal, not a program started to send it: nothing is forked from the traced thread.
        if (!tracer.HasExited && Kill(tracer.Id, SigInt) != 0)
        {
            tracer.Kill();
        }

        tracer.WaitForExit();
    }

    private const int SigInt = 2;
    private const int PrSetPtracer = 0x59616d61;
    private static readonly nuint PrSetPtracerAny = nuint.MaxValue;

    [DllImport("libc", EntryPoint = "prctl")]
    private static extern int SetPtracer(int option, nuint tracer);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"fsync\(\d+<([^>]*)>\)")]
    private static partial Regex SyncCall();
}

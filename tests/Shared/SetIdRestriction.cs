using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace GuestAgent.Testing;

/// <summary>
/// Runs an action as under systemd's <c>RestrictSUIDSGID=yes</c> (set by the shipped
/// <c>guest-agent.service</c>): a seccomp filter makes the kernel refuse with <c>EPERM</c> every
/// <c>chmod</c>, <c>fchmod</c>, <c>fchmodat</c>, <c>fchmodat2</c>, <c>mkdir</c>, <c>mkdirat</c>,
/// <c>mknod</c>, <c>mknodat</c>, <c>creat</c>, and <c>open</c>/<c>openat</c> with <c>O_CREAT</c>,
/// whose mode has <c>S_ISUID</c> or <c>S_ISGID</c>, as systemd's <c>seccomp_restrict_suid_sgid</c>
/// does (each bit a masked-equal rule of its own), and every <c>openat2</c> with <c>ENOSYS</c> (its
/// mode is in a structure a filter cannot read). The real kernel refuses, not a double.
/// </summary>
/// <remarks>
/// A seccomp filter cannot be removed, so the action runs on a thread of its own made for it, which
/// ends with it: the filter (and the <c>no_new_privs</c> it needs, both per thread without
/// <c>SECCOMP_FILTER_FLAG_TSYNC</c>) never reaches another test's thread, except through a thread
/// the action starts, which inherits both: the thread pool could then run other tests under the
/// filter, so the action must stay on its thread (no <c>await</c>, no <c>Task.Run</c>), and
/// <see cref="Run"/> fails when any other thread has come to carry it. Written for the architectures
/// the agent is packaged for, x86-64 and arm64 (each its own system call numbers); elsewhere the test
/// is skipped.
/// </remarks>
public static class SetIdRestriction
{
    private const uint AuditArchX8664 = 0xC000003E;
    private const uint AuditArchAarch64 = 0xC00000B7;
    private const int PrSetNoNewPrivs = 38;
    private const int PrSetSeccomp = 22;
    private const int SeccompModeFilter = 2;
    private const uint RetAllow = 0x7FFF0000;
    private const uint RetErrnoEperm = 0x00050000 | 1;
    private const uint RetErrnoEnosys = 0x00050000 | 38;
    private const uint Openat2 = 437;
    private const string ThreadName = "SetIdRestrict"; // a thread's name on Linux is 15 bytes at most
    private const uint SetUid = 0x800;
    private const uint SetGid = 0x400;
    private const uint OCreat = 0x40;

    // (system call, index of its mode argument, index of its flags argument or -1 when it always creates).
    private static readonly ImmutableArray<(uint Number, int Mode, int Flags)> X64Calls =
    [
        (2, 2, 1), // open
        (83, 1, -1), // mkdir
        (85, 1, -1), // creat
        (90, 1, -1), // chmod
        (91, 1, -1), // fchmod
        (133, 1, -1), // mknod
        (257, 3, 2), // openat
        (258, 2, -1), // mkdirat
        (259, 2, -1), // mknodat
        (268, 2, -1), // fchmodat
        (452, 2, -1), // fchmodat2
    ];

    // arm64 has the generic table: no open, creat, mkdir, chmod or mknod of its own.
    private static readonly ImmutableArray<(uint Number, int Mode, int Flags)> Arm64Calls =
    [
        (33, 2, -1), // mknodat
        (34, 2, -1), // mkdirat
        (52, 1, -1), // fchmod
        (53, 2, -1), // fchmodat
        (56, 3, 2), // openat
        (452, 2, -1), // fchmodat2
    ];

    /// <summary>Runs <paramref name="action"/> under the filter on a new thread; rethrows what it threw.</summary>
    public static void Run(Action action)
    {
        var (arch, calls) = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => (AuditArchX8664, X64Calls),
            Architecture.Arm64 => (AuditArchAarch64, Arm64Calls),
            _ => (0u, default),
        };
        if (calls.IsDefault)
        {
            Assert.Skip("The RestrictSUIDSGID filter is written with x86-64's and arm64's system call numbers only");
        }

        Exception? failure = null;
        var before = Filters("thread-self");
        var thread = new Thread(() =>
        {
            try
            {
                Install(arch, calls);
                action();
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        })
        {
            Name = ThreadName,
        };
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        // Filtered threads are told by name (this one may not be reaped yet, another test's may be
        // running): any other carrying more filters than this thread was started under one and
        // keeps the filter for whatever it runs next.
        var escaped = Directory.GetDirectories("/proc/self/task")
            .Where(task => Filters(task) > before)
            .Select(task => Comm(task))
            .Where(name => name is not (ThreadName or null))
            .ToList();
        if (escaped.Count > 0)
        {
            throw new InvalidOperationException($"Threads started under the seccomp filter carry it on: {string.Join(", ", escaped)}; keep the action on its own thread");
        }
    }

    private static string? Comm(string task)
    {
        try
        {
            return File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The number of seccomp filters on a thread (<c>/proc/.../status</c>, Linux 5.9+), or -1 when unknown (or it has ended).</summary>
    private static int Filters(string task)
    {
        try
        {
            var line = File.ReadLines(Path.Combine(task.StartsWith('/') ? task : "/proc/" + task, "status")).FirstOrDefault(l => l.StartsWith("Seccomp_filters:", StringComparison.Ordinal));
            return line is null ? -1 : int.Parse(line["Seccomp_filters:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private static void Install(uint arch, ImmutableArray<(uint Number, int Mode, int Flags)> calls)
    {
        var program = Program(arch, calls);
        var filter = Marshal.AllocHGlobal(program.Length * 8);
        var header = Marshal.AllocHGlobal(16);
        try
        {
            for (var i = 0; i < program.Length; i++)
            {
                var (code, jt, jf, k) = program[i];
                Marshal.WriteInt16(filter, i * 8, (short)code);
                Marshal.WriteByte(filter, (i * 8) + 2, jt);
                Marshal.WriteByte(filter, (i * 8) + 3, jf);
                Marshal.WriteInt32(filter, (i * 8) + 4, (int)k);
            }

            Marshal.WriteInt64(header, 0, program.Length);
            Marshal.WriteIntPtr(header, 8, filter);
            if (Prctl(PrSetNoNewPrivs, 1, 0) != 0 || Prctl(PrSetSeccomp, SeccompModeFilter, (nuint)header) != 0)
            {
                // A kernel without CONFIG_SECCOMP_FILTER (EINVAL), or a sandbox refusing it.
                Requirement.Unmet($"Installing a seccomp filter failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            Marshal.FreeHGlobal(header);
            Marshal.FreeHGlobal(filter);
        }
    }

    /// <summary>The classic BPF program: per call, its number, then (for open) O_CREAT, then the mode's set-id bits.</summary>
    private static (ushort Code, byte Jt, byte Jf, uint K)[] Program(uint arch, ImmutableArray<(uint Number, int Mode, int Flags)> calls)
    {
        const ushort loadWord = 0x20; // BPF_LD | BPF_W | BPF_ABS
        const ushort jumpEqual = 0x15; // BPF_JMP | BPF_JEQ | BPF_K
        const ushort jumpSet = 0x45; // BPF_JMP | BPF_JSET | BPF_K
        const ushort ret = 0x06; // BPF_RET | BPF_K

        // Jumps are written to the labels "allow" (-1), "deny" (-2) and "ENOSYS" (-3), or forward by a count, and resolved below.
        var code = new List<(ushort Code, int Jt, int Jf, uint K)>
        {
            (loadWord, 0, 0, 4), // seccomp_data.arch
            (jumpEqual, 0, -1, arch),
            (loadWord, 0, 0, 0), // seccomp_data.nr
            (jumpEqual, -3, 0, Openat2),
        };
        foreach (var (number, mode, flags) in calls)
        {
            var body = flags < 0 ? 3 : 5;
            code.Add((loadWord, 0, 0, 0)); // seccomp_data.nr
            code.Add((jumpEqual, 0, body, number));
            if (flags >= 0)
            {
                code.Add((loadWord, 0, 0, Argument(flags)));
                code.Add((jumpSet, 0, -1, OCreat));
            }

            code.Add((loadWord, 0, 0, Argument(mode)));
            code.Add((jumpSet, -2, 0, SetUid));
            code.Add((jumpSet, -2, -1, SetGid));
        }

        var allow = code.Count;
        code.Add((ret, 0, 0, RetAllow));
        code.Add((ret, 0, 0, RetErrnoEperm));
        code.Add((ret, 0, 0, RetErrnoEnosys));
        return [.. code.Select((instruction, at) => (instruction.Code, Target(instruction.Jt, at, allow), Target(instruction.Jf, at, allow), instruction.K))];
    }

    // The low 32 bits of seccomp_data.args[index] (little-endian): mode_t and the open flags are ints.
    private static uint Argument(int index) => (uint)(16 + (8 * index));

    private static byte Target(int jump, int at, int allow) => jump switch
    {
        -1 => (byte)(allow - at - 1),
        -2 => (byte)(allow + 1 - at - 1),
        -3 => (byte)(allow + 2 - at - 1),
        _ => (byte)jump,
    };

    // All five arguments: PR_SET_NO_NEW_PRIVS refuses (EINVAL) unless the unused ones are zero.
    [DllImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static extern int Prctl(int option, nuint argument2, nuint argument3, nuint argument4 = 0, nuint argument5 = 0);
}

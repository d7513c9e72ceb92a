using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using GuestAgent.Testing;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>
/// The real C xenstored 4.17 (Debian xen-utils-4.17) run without Xen, as scripts/c-xenstored/start.sh
/// runs it: <c>shim.c</c>, compiled here with clang and preloaded, stands in for the hypervisor
/// interfaces; guest <see cref="GuestDomain"/> is introduced, its home made as
/// <c>XenStoreServer.CreateGuestDomain</c> makes it, and <c>ringproxy.py</c> bridges
/// <see cref="GuestSocket"/> to its ring, so a client there is that guest as C xenstored sees one.
/// Started by <see cref="StartAsync"/> with the quotas as options, once per test class; disposing kills the
/// daemon and the proxy. When a tool is missing, <see cref="Require"/> skips (locally) or fails (CI).
/// <para>
/// Each of the two runs under a shell that holds the read end of a pipe whose write end only this
/// test process has (its standard input): when the test process ends, however it ends (SIGKILL
/// included), the pipe reads end of file and the shell kills its program, so neither outlives the
/// tests (session 68 found both still running after a killed test run). <c>PR_SET_PDEATHSIG</c>
/// (<c>setpriv --pdeathsig</c>) would not do: it fires when the <em>thread</em> that started the child
/// ends, and .NET starts processes from whichever thread-pool thread runs the test, which the pool
/// retires when idle. The shell exits when its program does, so <see cref="AssertAlive"/> can tell a
/// dead daemon at once instead of a guest's request waiting out the safety net on the proxy's ring.
/// Linked into the daemon's end-to-end tests too (the agent as guest 7 of C xenstored).
/// </para>
/// </summary>
internal sealed class CXenstored : IAsyncDisposable
{
    public const uint GuestDomain = 7;
    public const uint OtherDomain = 9;
    public const string Daemon = "/usr/lib/xen-4.17/bin/xenstored";
    private const string Python = "/usr/bin/python3";

    private readonly TemporaryDirectory _directory = new("gacxs-");
    private readonly List<(Process Process, string Log)> _processes = [];
    private string? _unmet;
    private string[] _options = [];
    private bool _device;

    private CXenstored()
    {
        Dom0Socket = _directory.Combine("socket");
        GuestSocket = _directory.Combine("guest");
    }

    /// <summary>Dom0's socket (connections act as dom0).</summary>
    public string Dom0Socket { get; }

    /// <summary>
    /// The ring proxy's socket, a client there acting as the guest over its ring: one client at a time,
    /// its bytes passed on as they are (<see cref="StartAsync(string[])"/>), or every connection one open()
    /// of a guest's <c>/dev/xen/xenbus</c>, multiplexed over the ring as Linux's xenbus driver does
    /// (<see cref="StartWithDeviceAsync"/>; scripts/c-xenstored/ringproxy.py says what it emulates).
    /// </summary>
    public string GuestSocket { get; }

    /// <summary>Skips (locally) or fails (CI) the calling test when a tool was missing.</summary>
    public void Require()
    {
        if (_unmet is not null)
        {
            Requirement.Unmet(_unmet);
        }
    }

    /// <summary>
    /// Throws, naming the process and what it logged, when C xenstored or the ring proxy has exited:
    /// a row or test then fails at once instead of a guest's request waiting unanswered.
    /// </summary>
    public void AssertAlive()
    {
        foreach (var (process, log) in _processes)
        {
            if (process.HasExited)
            {
                var path = _directory.Combine(log);
                var text = File.Exists(path) ? File.ReadAllText(path) : "";
                throw new InvalidOperationException($"{Path.GetFileNameWithoutExtension(log)} (pid {process.Id}) is no longer running (its shell exited with {process.ExitCode}); {log}: {text}");
            }
        }
    }

    /// <summary>The daemon's trace (<c>-T</c>): every request and reply, as C xenstored logs them.</summary>
    public string TracePath => _directory.Combine("trace");

    /// <summary>
    /// Kills C xenstored (SIGKILL, as a crash would) and starts a new one on the same socket with the
    /// same options and a fresh store, then makes dom0's nodes and the guest's home again, as a
    /// toolstack would. Clients of <see cref="Dom0Socket"/> see their connection close; the ring proxy is
    /// left as it is and its guest connection gets no further answers (the new daemon knows nothing of
    /// the old one's ring; under Xen only a live update keeps a guest's connection across a restart).
    /// </summary>
    public async Task RestartDaemonAsync()
    {
        var (daemon, _) = _processes[0];
        daemon.StandardInput.Close();
        await daemon.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        daemon.Dispose();
        File.Delete(Dom0Socket);
        _processes[0] = StartXenstored();
        await WaitForSocketAsync(Dom0Socket, "xenstored.log");
        await MakeGuestHomeAsync();
    }

    /// <summary>Starts the daemon with the given command-line options (quotas), its guest socket passing one client's bytes at a time; never throws for a missing tool.</summary>
    public static Task<CXenstored> StartAsync(params string[] options) => StartAsync(device: false, options);

    /// <summary>As <see cref="StartAsync(string[])"/>, each connection to <see cref="GuestSocket"/> an open() of the guest's xenbus device.</summary>
    public static Task<CXenstored> StartWithDeviceAsync(params string[] options) => StartAsync(device: true, options);

    private static async Task<CXenstored> StartAsync(bool device, string[] options)
    {
        var started = new CXenstored { _device = device };
        started._unmet = Missing();
        if (started._unmet is null)
        {
            await started.StartDaemonAsync(options);
        }

        return started;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _) in _processes)
        {
            // End of file on the shell's standard input: it kills its program (SIGKILL) and exits.
            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            process.Dispose();
        }

        _directory.Dispose();
    }

    private static string? Missing()
    {
        if (!File.Exists(Daemon))
        {
            return $"'{Daemon}' is not installed: apt-get install xen-utils-4.17";
        }

        if (ExternalTool.Find("clang") is null)
        {
            return "'clang' (to build scripts/c-xenstored/shim.c) is not installed: apt-get install clang";
        }

        return File.Exists(Python) ? null : $"'{Python}' is not installed: apt-get install python3";
    }

    private async Task StartDaemonAsync(string[] options)
    {
        var scripts = Path.Combine(RepositoryRoot(), "scripts", "c-xenstored");
        var shim = _directory.Combine("shim.so");
        await Check(ExternalTool.RunAsync("clang", ["-shared", "-fPIC", "-O1", "-o", shim, Path.Combine(scripts, "shim.c"), "-ldl", "-Wl,--version-script=" + Path.Combine(scripts, "shim.map")]));
        await File.WriteAllTextAsync(_directory.Combine("xsd_port"), "1\n");
        await File.WriteAllBytesAsync(_directory.Combine("xsd_kva"), new byte[4096]);
        await Check(ExternalTool.RunAsync("mkfifo", [_directory.Combine("evtchn")]));

        _options = options;
        _processes.Add(StartXenstored());
        await WaitForSocketAsync(Dom0Socket, "xenstored.log");
        await MakeGuestHomeAsync();
        string[] proxy = [Path.Combine(scripts, "ringproxy.py"), GuestDomain.ToString(System.Globalization.CultureInfo.InvariantCulture), GuestSocket, _directory.Path, .. _device ? ["--device"] : Array.Empty<string>()];
        _processes.Add(Start(Python, proxy, "ringproxy.log", new Dictionary<string, string>()));
        await WaitForSocketAsync(GuestSocket, "ringproxy.log");
    }

    private (Process Process, string Log) StartXenstored() =>
        // XENSTORED_RUNDIR and XENSTORED_PATH keep it off /var/run/xenstored, the machine's own endpoint.
        Start(Daemon, ["-N", "-T", TracePath, .. _options], "xenstored.log", new Dictionary<string, string>
        {
            ["XS_SHIM_DIR"] = _directory.Path,
            // The guest, and a domain a sequence may introduce and release (OtherDomain).
            ["XS_SHIM_DOMAINS"] = $"{GuestDomain},{OtherDomain}",
            ["LD_PRELOAD"] = _directory.Combine("shim.so"),
            ["XENSTORED_RUNDIR"] = _directory.Path,
            ["XENSTORED_PATH"] = Dom0Socket,
        });

    /// <summary>Dom0's two nodes, as the embedded server starts with them, and the guest's home as <c>CreateGuestDomain</c> makes it.</summary>
    private async Task MakeGuestHomeAsync()
    {
        var g = GuestDomain.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var home = "/local/domain/" + g;
        var requests = new List<(XenStoreMessageType Type, string Payload)>
        {
            (XenStoreMessageType.Write, "/local/domain/0/domid\00"),
            (XenStoreMessageType.Write, "/local/domain/0/name\0Domain-0"),
            (XenStoreMessageType.Introduce, $"{g}\01\01\0"),
            (XenStoreMessageType.Mkdir, home + "\0"),
            (XenStoreMessageType.SetPermissions, $"{home}\0n0\0r{g}\0"),
        };
        foreach (var (name, value) in new[] { ("domid", g), ("name", "guest-" + g) })
        {
            requests.Add((XenStoreMessageType.Write, $"{home}/{name}\0{value}"));
            requests.Add((XenStoreMessageType.SetPermissions, $"{home}/{name}\0n0\0r{g}\0"));
        }

        foreach (var owned in new[] { "data", "data/host", "data/guest" })
        {
            requests.Add((XenStoreMessageType.Mkdir, $"{home}/{owned}\0"));
            requests.Add((XenStoreMessageType.SetPermissions, $"{home}/{owned}\0n{g}\0"));
        }

        requests.Add((XenStoreMessageType.Mkdir, home + "/vm-data\0"));
        requests.Add((XenStoreMessageType.SetPermissions, $"{home}/vm-data\0n0\0r{g}\0"));
        // The wire format by hand (a header of four little-endian words, then the payload), not
        // RawConnection: this file is linked into the daemon's tests too, which see no internals.
        using var dom0 = await ConnectToDom0SocketAsync();
        uint id = 1;
        var header = new byte[16];
        foreach (var (type, payload) in requests)
        {
            var body = Encoding.Latin1.GetBytes(payload);
            BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)type);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), id++);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), 0);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), (uint)body.Length);
            await dom0.SendAsync(header.Concat(body).ToArray());
            // No watch is set on this connection: the next message is the reply.
            await ReceiveExactlyAsync(dom0, header);
            var answer = new byte[BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(12))];
            await ReceiveExactlyAsync(dom0, answer);
            if ((XenStoreMessageType)BinaryPrimitives.ReadUInt32LittleEndian(header) == XenStoreMessageType.Error)
            {
                throw new InvalidOperationException($"C xenstored refused {type} {payload.Replace('\0', ' ')}: {Encoding.Latin1.GetString(answer)}");
            }
        }
    }

    /// <summary>
    /// Connects to <see cref="Dom0Socket"/>, which exists from xenstored's bind() but refuses
    /// connections until its listen(): on a loaded machine a first connect can come between the two.
    /// </summary>
    private async Task<Socket> ConnectToDom0SocketAsync()
    {
        var deadline = Deadline.After(TimeSpan.FromMinutes(1));
        while (true)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(Dom0Socket));
                return socket;
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionRefused && !deadline.HasPassed)
            {
                socket.Dispose();
                AssertAlive();
                await Task.Delay(20);
            }
        }
    }

    private static async Task ReceiveExactlyAsync(Socket socket, byte[] buffer)
    {
        for (var filled = 0; filled < buffer.Length;)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled));
            filled += read > 0 ? read : throw new InvalidOperationException("C xenstored closed the connection");
        }
    }

    /// <summary>
    /// The shell each program runs under: the program in the background (its output to the log), a
    /// watcher that kills it once the shell's standard input (a pipe only this process writes to)
    /// reads end of file, and the shell's own exit with the program's status. The watcher reads
    /// through descriptor 3 because an asynchronous list's standard input is /dev/null. The shell's
    /// own stderr goes nowhere: its "Killed" for the program it ends is no news in a test's output.
    /// </summary>
    private const string Supervisor = """
        exec 3<&0 2>/dev/null
        "$0" "$@" >"$LOG" 2>&1 </dev/null 3<&- &
        child=$!
        { cat <&3 >/dev/null; kill -KILL "$child" 2>/dev/null; } &
        exec 3<&-
        wait "$child"
        """;

    private (Process Process, string Log) Start(string program, string[] arguments, string log, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in (string[])["-c", Supervisor, program, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["LOG"] = _directory.Combine(log);
        return (Process.Start(start) ?? throw new InvalidOperationException("Could not start " + program), log);
    }

    private async Task WaitForSocketAsync(string socket, string log)
    {
        var deadline = Deadline.After(TimeSpan.FromMinutes(1));
        while (!File.Exists(socket))
        {
            if (deadline.HasPassed || _processes.Exists(p => p.Process.HasExited))
            {
                var text = File.Exists(_directory.Combine(log)) ? await File.ReadAllTextAsync(_directory.Combine(log)) : "";
                throw new InvalidOperationException($"{socket} never appeared; {log}: {text}");
            }

            await Task.Delay(20);
        }
    }

    private static async Task Check(Task<ToolResult> run)
    {
        var result = await run;
        Assert.True(result.ExitCode == 0, result.StandardError);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "scripts", "c-xenstored", "shim.c")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("No scripts/c-xenstored/shim.c above the test directory");
    }
}

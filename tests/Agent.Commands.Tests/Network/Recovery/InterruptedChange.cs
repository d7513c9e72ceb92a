using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// An ifupdown-like guest whose <c>resetnetwork</c> dies at a chosen point, as a SIGKILL, an OOM kill
/// or a power cut would stop it: the program (or the file write) at that point throws
/// <see cref="SimulatedCrash"/>, which nothing in the applier catches, so the run is abandoned with the
/// files and the record exactly as the crash left them. Files: one rewritten (with an administrator's
/// <c>.bak</c> beside it), one given to another user (as root), a link replaced by a file, a file in a
/// directory that does not exist yet, and a file moved aside.
/// </summary>
internal sealed class InterruptedChange : IDisposable
{
    public const string RecordPath = "/var/lib/guest-agent/resetnetwork/transaction.json";
    public static readonly FileOwner OtherUser = new(4321, 4322);
    private static readonly ProcessResult Success = new(0, "", "");

    public InterruptedChange()
    {
        Root.WriteFile("/etc/network/interfaces", "old interfaces\n", "640");
        Root.WriteFile("/etc/network/interfaces.bak", "an administrator's backup\n", "600");
        Root.WriteFile("/etc/hostname", "old-name\n", "600");
        Root.WriteFile("/etc/netplan/50-cloud-init.yaml", "network: {version: 2}\n", "600");
        Root.WriteFile("/run/systemd/resolve/stub-resolv.conf", "nameserver 127.0.0.53\n");
        File.CreateSymbolicLink(Root.HostPath("/etc/resolv.conf"), "../run/systemd/resolve/stub-resolv.conf");
        if (Owners.AsRoot)
        {
            Root.System.FileSystem.SetOwner("/etc/hostname", OtherUser);
        }

        Before = TreeSnapshot.TakeExceptState(Root.HostPath("/"));
        FullDisk = new FullDiskWriter(Root.System.Writer, "/etc/network/interfaces.bak");
    }

    public CommandRoot Root { get; } = new();

    /// <summary>
    /// The real writer on an <c>/etc</c> too full for a copy of the administrator's earlier
    /// <c>/etc/network/interfaces.bak</c>, which a rollback must write back, until
    /// <see cref="FullDiskWriter.Full"/> is cleared: <see cref="FailRollbackAsync"/>'s obstacle.
    /// </summary>
    public FullDiskWriter FullDisk { get; }

    /// <summary>The tree before the change (without the agent's state directory).</summary>
    public string Before { get; }

    public static RenderResult Files(string version = "new") => new(
        [
            new RenderedFile("/etc/network/interfaces", $"{version} interfaces\n", RenderedFile.Public),
            new RenderedFile("/etc/hostname", $"{version}-name\n", RenderedFile.Public),
            new RenderedFile("/etc/resolv.conf", $"nameserver 192.0.2.{(version == "new" ? 1 : 2)}\n", RenderedFile.Public) { ReplacesSymbolicLink = true },
            new RenderedFile("/etc/network/interfaces.d/eth1", $"{version} eth1\n", RenderedFile.Public),
        ],
        ["/etc/netplan/50-cloud-init.yaml"]);

    /// <summary>
    /// ifupdown's plan: down with the old files, then the hostname and up with the new ones; the
    /// hostname step is undone by setting the old name, as <see cref="ApplyPlanner"/> plans it.
    /// </summary>
    public static ApplyPlan Plan { get; } = new(
        [ApplyStep.Try("ifdown", "--force", "eth0")],
        [ApplyStep.Run("hostname", "new-name") with { RepeatOnRollback = false, Undo = ApplyStep.Run("hostname", "old-name") }, ApplyStep.Run("ifup", "eth0")]);

    /// <summary>Runs <c>resetnetwork</c>'s apply until the crash; returns the exception it ended with.</summary>
    public async Task<Exception> RunUntilCrashAsync(IProcessRunner programs, IAtomicFileWriter? writer = null)
    {
        var system = Root.System with { Processes = programs, Writer = writer ?? Root.System.Writer };
        return await Assert.ThrowsAnyAsync<Exception>(() =>
            new NetworkApplier(system, NullLogger.Instance).ApplyAsync(Files(), Plan, TestContext.Current.CancellationToken));
    }

    /// <summary>Runs the change until it is killed in <c>ifup</c>, while applying: its record is in place.</summary>
    public async Task CrashWhileApplyingAsync()
    {
        Assert.IsType<SimulatedCrash>(await RunUntilCrashAsync(new ScriptedProcessRunner(spec => spec.Program == "ifup" ? throw new SimulatedCrash() : Success)));
        Assert.NotNull(Record());
    }

    /// <summary>
    /// A change whose <c>ifup</c> fails on a full <c>/etc</c> (<see cref="FullDisk"/>): its rollback
    /// renames every replaced file's <c>.bak</c> back (no space needed), but cannot write the
    /// administrator's earlier <c>/etc/network/interfaces.bak</c> back, and sets the record aside as unrestored.
    /// </summary>
    /// <returns>The record's file name.</returns>
    public async Task<string> FailRollbackAsync()
    {
        var error = await RunUntilCrashAsync(
            new ScriptedProcessRunner(spec => spec.Program == "ifup" ? new ProcessResult(1, "", "ifup: no such device\n") : Success), FullDisk);

        Assert.Contains("restoring the previous files failed for /etc/network/interfaces.bak", Assert.IsType<CommandException>(error).Message, StringComparison.Ordinal);
        Assert.Equal("old interfaces\n", File.ReadAllText(Root.HostPath("/etc/network/interfaces")));
        var aside = Assert.Single(RecordDirectory());
        Assert.StartsWith("transaction.unrestored-", aside, StringComparison.Ordinal);
        return aside;
    }

    /// <summary>Runs recovery as the next start of the agent would, with <paramref name="programs"/> playing the backend.</summary>
    public Task<NetworkRecoveryOutcome> RecoverAsync(IProcessRunner programs, RecordingLogger<NetworkRecovery>? logger = null, CancellationToken? stopping = null, IAtomicFileWriter? writer = null) =>
        new NetworkRecovery(Root.System with { Processes = programs, Writer = writer ?? Root.System.Writer }, new NetworkOptions(), logger ?? new RecordingLogger<NetworkRecovery>())
            .RecoverAsync(stopping ?? TestContext.Current.CancellationToken);

    public string? Record() => File.Exists(Root.HostPath(RecordPath)) ? File.ReadAllText(Root.HostPath(RecordPath)) : null;

    /// <summary>The names of the files in the record's directory, sorted, but for the lock file that stays there.</summary>
    public string[] RecordDirectory() =>
        Directory.Exists(Root.HostPath("/var/lib/guest-agent/resetnetwork"))
            ? [.. Directory.EnumerateFileSystemEntries(Root.HostPath("/var/lib/guest-agent/resetnetwork")).Select(Path.GetFileName).Where(name => name != "lock").Order(StringComparer.Ordinal)!]
            : [];

    /// <summary>Asserts every file is back byte for byte, with its mode, link and (as root) owner.</summary>
    public void AssertRestored()
    {
        Assert.Equal(Before, TreeSnapshot.TakeExceptState(Root.HostPath("/")));
        if (Owners.AsRoot)
        {
            Assert.Equal(OtherUser, Root.System.FileSystem.GetStatus("/etc/hostname")!.Value.Owner);
        }
    }

    public void Dispose() => Root.Dispose();
}

/// <summary>What a process killed at this point would leave: nothing after it runs.</summary>
internal sealed class SimulatedCrash : Exception
{
    public SimulatedCrash()
        : base("the agent was killed here")
    {
    }
}

/// <summary>The real writer, except for <paramref name="crashAt"/>, whose write dies before it starts.</summary>
internal sealed class CrashingWriter(IAtomicFileWriter inner, string crashAt) : IAtomicFileWriter
{
    public bool Write(string path, ReadOnlySpan<byte> contents, AtomicWriteOptions? options = null) =>
        path == crashAt ? throw new SimulatedCrash() : inner.Write(path, contents, options);

    public bool Write(string path, Stream contents, AtomicWriteOptions? options = null) =>
        path == crashAt ? throw new SimulatedCrash() : inner.Write(path, contents, options);

    public IStagedFile? Stage(string path, Stream contents, AtomicWriteOptions? options = null) =>
        path == crashAt ? throw new SimulatedCrash() : inner.Stage(path, contents, options);
}

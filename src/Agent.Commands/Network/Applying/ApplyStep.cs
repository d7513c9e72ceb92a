using GuestAgent.Commands.Network.Detection;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Network.Applying;

/// <summary>One program run while applying the configuration.</summary>
/// <param name="Process">What to run.</param>
/// <param name="MustSucceed">Whether a failure fails the whole <c>resetnetwork</c> (and rolls it back).</param>
internal sealed record ApplyStep(ProcessSpec Process, bool MustSucceed = true)
{
    /// <summary>
    /// Whether a rollback runs the step again to make the restored files live. Not for the hostname:
    /// run again it would set the new name, which the restored files no longer hold.
    /// </summary>
    public bool RepeatOnRollback { get; init; } = true;

    /// <summary>
    /// Whether the step brings back what was running in the boot the change was made in and no file
    /// gives: a connection an operator brought up by hand (NetworkManager's <c>autoconnect=no</c>).
    /// A reboot drops that state as it does <c>/run</c>, so recovery in a later boot skips the step
    /// (<see cref="Recovery.RecordedBoot"/>), leaving what the restored files give, as the boot would;
    /// a rollback, and recovery in the same boot, run it.
    /// </summary>
    public bool ThisBootOnly { get; init; }

    /// <summary>
    /// What puts back a change of this step that no file holds, or <c>null</c> when restoring the
    /// files (and repeating <see cref="RepeatOnRollback"/> steps) is enough. The hostname's sets the
    /// running name back. A rollback, and recovery after a crash, run it with the take-down, before
    /// the files go back, best effort: <c>hostnamectl</c> rewrites <c>/etc/hostname</c> as it sets
    /// the name, and the restore then puts the file back byte for byte.
    /// </summary>
    public ApplyStep? Undo { get; init; }

    /// <summary>
    /// The files the program itself may change, beyond those the agent writes: snapshotted with them
    /// in the change's record before anything changes, and put back exactly (or removed again, when
    /// there was none) by a rollback and by recovery after a crash. <c>hostnamectl set-hostname</c>
    /// rewrites <c>/etc/machine-info</c>: it sets the pretty hostname too, clearing a custom one.
    /// </summary>
    public IReadOnlyList<string> AlsoChanges { get; init; } = [];

    /// <summary>The step as the answer names it, for example <c>netplan apply</c>.</summary>
    public string Name => Process.ToDisplayString();

    /// <summary>
    /// How long one program may take. Restarting a network service waits for links and duplicate
    /// address detection; killing it early would roll back a configuration that was about to work.
    /// The <see cref="ApplyBudget"/> of the whole <c>resetnetwork</c> shortens it to what is left.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>A step that must succeed.</summary>
    public static ApplyStep Run(string program, params string[] arguments) =>
        new(new ProcessSpec(program, arguments) { Timeout = Timeout });

    /// <summary>A step whose failure is tolerated (bringing down an interface that is already down, for example).</summary>
    public static ApplyStep Try(string program, params string[] arguments) =>
        new(new ProcessSpec(program, arguments) { Timeout = Timeout }, MustSucceed: false);

    /// <summary>
    /// Removes the addresses an old configuration left on an interface (ifupdown leaves an old
    /// stanza's behind, Launchpad 1584682); its failure tolerated. Only those of scope global: the
    /// IPv6 link-local address every interface must have (RFC 4291 §2.1) is made by the kernel only
    /// when a link comes up, and <c>ifup</c> on a link already up never brings it back.
    /// </summary>
    public static ApplyStep FlushGlobalAddresses(string interfaceName) =>
        Try("ip", "addr", "flush", "dev", interfaceName, "scope", "global");

    /// <summary>A service restarted through systemd where it runs, else through its init script (SysV, OpenRC).</summary>
    public static ApplyStep RestartService(InstalledTools tools, string service) =>
        tools.Systemctl ? Run("systemctl", "restart", $"{service}.service") : Run($"/etc/init.d/{service}", "restart");
}

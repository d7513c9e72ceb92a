using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// A netplan guest whose <c>resetnetwork</c> record may be recovered in a later boot: cloud-init's
/// file, a runtime file in <c>/run/netplan</c> (a tmpfs every boot starts empty) and the boot id; the
/// change writes ours, edits the runtime file and moves cloud-init's aside, then runs <c>netplan apply</c>.
/// </summary>
internal sealed class NetplanAcrossBoots : IDisposable
{
    public const string Runtime = "/run/netplan/50-initramfs.yaml";
    public const string CloudInit = "/etc/netplan/50-cloud-init.yaml";
    public const string Ours = "/etc/netplan/90-guest-agent.yaml";
    public const string FirstBoot = "5f0c3a4e-0000-4000-8000-000000000001";

    public NetplanAcrossBoots()
    {
        Root.WriteFile(CloudInit, "network: {version: 2}\n", "600");
        Root.WriteFile(Runtime, "runtime before\n", "600");
        SetBoot(FirstBoot);
    }

    public CommandRoot Root { get; } = new();

    public static RenderResult ChangeFiles => new(
        [new RenderedFile(Ours, "ours\n", RenderedFile.Private), new RenderedFile(Runtime, "runtime edited\n", RenderedFile.Private)],
        [CloudInit]);

    public static ApplyPlan Plan => new([], [ApplyStep.Run("netplan", "apply")]);

    public void SetBoot(string id) => Root.WriteFile(KernelBootId.Path, id + "\n", "444");

    /// <summary>What a reboot does to what the change left: a new boot id, and <c>/run</c> empty again.</summary>
    public void Reboot()
    {
        Directory.Delete(Root.HostPath("/run"), recursive: true);
        Root.CreateDirectory("/run");
        SetBoot("5f0c3a4e-0000-4000-8000-000000000002");
    }

    /// <summary>Runs recovery as the next start would, <paramref name="backend"/> playing netplan, through <paramref name="writer"/> when given.</summary>
    public Task<NetworkRecoveryOutcome> RecoverAsync(IProcessRunner backend, RecordingLogger<NetworkRecovery>? logger = null, IAtomicFileWriter? writer = null) =>
        new NetworkRecovery(Root.System with { Processes = backend, Writer = writer ?? Root.System.Writer }, new NetworkOptions(), logger ?? new RecordingLogger<NetworkRecovery>())
            .RecoverAsync(TestContext.Current.CancellationToken);

    public void Dispose() => Root.Dispose();
}

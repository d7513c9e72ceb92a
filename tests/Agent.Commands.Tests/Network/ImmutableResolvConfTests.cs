using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// An administrator's <c>chattr +i /etc/resolv.conf</c> (a common way to keep a resolver list): the
/// kernel refuses the rename over it (<c>EPERM</c>) after the files before it were already written.
/// resetnetwork answers an error then, so nothing may be left changed: every earlier file, its
/// <c>.bak</c> (an older one kept, none made where there was none) and the immutable file itself are
/// as they were (docs/networking.md, "An immutable
/// /etc/resolv.conf").
/// </summary>
public sealed class ImmutableResolvConfTests : IAsyncDisposable
{
    private static readonly UnixFileMode Mode0644 = (UnixFileMode)Convert.ToInt32("644", 8);
    private readonly ScriptedProcessRunner _programs = new(_ => new ProcessResult(0, "", ""));
    private readonly CommandRoot _root;
    private ImmutableFlag? _immutable;

    public ImmutableResolvConfTests() => _root = new CommandRoot(processes: _programs);

    [Fact]
    public async Task A_refused_resolv_conf_leaves_every_file_written_before_it_as_it_was()
    {
        _root.WriteFile("/etc/network/interfaces", "old interfaces\n");
        _root.WriteFile("/etc/network/interfaces.bak", "older interfaces\n");
        _root.WriteFile("/etc/hosts", "127.0.0.1\tlocalhost\n");
        _root.WriteFile("/etc/hostname", "old-name\n");
        _root.WriteFile("/etc/resolv.conf", "nameserver 192.0.2.99\n");
        await MakeImmutable("/etc/resolv.conf");
        var before = TreeSnapshot.TakeExceptState(_root.HostPath("/"));
        var files = new RenderResult(
            [
                new RenderedFile("/etc/network/interfaces", "new interfaces\n", Mode0644),
                new RenderedFile("/etc/hosts", "127.0.0.1\tlocalhost\n192.0.2.42\tnew-name\n", Mode0644),
                new RenderedFile("/etc/hostname", "new-name\n", Mode0644),
                new RenderedFile("/etc/resolv.conf", "nameserver 192.0.2.2\n", Mode0644),
            ],
            []);
        var plan = new ApplyPlan([ApplyStep.Try("/sbin/ifdown", "-f", "eth0")], [ApplyStep.Run("/sbin/ifup", "-f", "eth0")]);

        var error = await Assert.ThrowsAsync<CommandException>(() =>
            new NetworkApplier(_root.System, NullLogger.Instance).ApplyAsync(files, plan, TestContext.Current.CancellationToken));

        Assert.StartsWith("Couldn't write the network configuration (Operation not permitted); ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("the previous files were restored", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TreeSnapshot.TakeExceptState(_root.HostPath("/")));
    }

    public async ValueTask DisposeAsync()
    {
        if (_immutable is not null)
        {
            await _immutable.DisposeAsync();
        }

        _root.Dispose();
    }

    private async Task MakeImmutable(string agentPath) => _immutable = await ImmutableFlag.SetAsync(_root.HostPath(agentPath));

}

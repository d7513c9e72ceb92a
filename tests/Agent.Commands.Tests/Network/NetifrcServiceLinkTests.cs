using GuestAgent.Commands.Network.Applying;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// netifrc's <c>ln -s net.lo /etc/init.d/net.&lt;if&gt;</c> runs again in a rollback and in recovery
/// after a crash, where the link it made is still there: the right link is accepted, anything else in
/// its place is refused and left alone. Run with the real <c>sh</c>, <c>readlink</c> and <c>ln</c>.
/// </summary>
public sealed class NetifrcServiceLinkTests : IDisposable
{
    private readonly TemporaryDirectory _initD = new("guestagent-initd-");

    private string Link => Path.Combine(_initD.Path, "net.eth0");

    [Fact]
    public void The_step_is_the_tested_script_with_the_link_as_its_argument()
    {
        var step = ApplyPlanner.NetifrcServiceLink("eth0");

        Assert.Equal("sh", step.Process.Program);
        Assert.Equal(["-c", ApplyPlanner.NetifrcLinkScript, "sh", "/etc/init.d/net.eth0"], step.Process.Arguments);
        Assert.True(step.MustSucceed);
        Assert.True(step.RepeatOnRollback);
    }

    [Fact]
    public async Task A_missing_link_is_made_and_running_it_again_succeeds_and_keeps_it()
    {
        var first = await RunAsync();
        var again = await RunAsync();

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal("net.lo", new FileInfo(Link).LinkTarget);
    }

    [Fact]
    public async Task A_link_to_another_service_is_refused_and_kept()
    {
        File.CreateSymbolicLink(Link, "net.br0");

        var result = await RunAsync();

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("File exists", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("net.br0", new FileInfo(Link).LinkTarget);
    }

    [Fact]
    public async Task An_administrators_own_script_is_refused_and_kept()
    {
        File.WriteAllText(Link, "#!/sbin/openrc-run\n");

        var result = await RunAsync();

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("File exists", result.StandardError, StringComparison.Ordinal);
        Assert.Null(new FileInfo(Link).LinkTarget);
        Assert.Equal("#!/sbin/openrc-run\n", File.ReadAllText(Link));
    }

    [Fact]
    public async Task A_name_with_shell_characters_is_only_ever_a_path()
    {
        var odd = Path.Combine(_initD.Path, "net.$(touch pwned);x");

        var result = await new ProcessRunner().RunAsync(
            new ProcessSpec("sh", "-c", ApplyPlanner.NetifrcLinkScript, "sh", odd), TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("net.lo", new FileInfo(odd).LinkTarget);
        Assert.False(File.Exists(Path.Combine(_initD.Path, "pwned")));
        Assert.False(File.Exists("pwned"));
    }

    public void Dispose() => _initD.Dispose();

    private Task<ProcessResult> RunAsync() =>
        new ProcessRunner().RunAsync(new ProcessSpec("sh", "-c", ApplyPlanner.NetifrcLinkScript, "sh", Link), TestContext.Current.CancellationToken);
}

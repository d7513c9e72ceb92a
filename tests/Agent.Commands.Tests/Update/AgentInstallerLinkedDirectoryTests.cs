using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Update;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// An install directory reached through a link of root's own with an absolute target (merged
/// <c>/usr</c> written as <c>/usr/sbin -> /usr/bin</c>): in root mode the binary the check runs is the
/// one under the root the install wrote, as the writer followed the link, not a file of the host's.
/// The target is a name no host has, so the kernel's walk of the lexical path would find nothing.
/// </summary>
public sealed class AgentInstallerLinkedDirectoryTests : IDisposable
{
    private const string Binary = "/usr/sbin/guest-agent";
    private static readonly byte[] NewAgent = "\u007fELF new agent"u8.ToArray();

    private readonly string _bin = "/usr-bin-" + Guid.NewGuid().ToString("N");
    private readonly List<(string Program, byte[]? Contents)> _ran = [];
    private readonly CommandRoot _root;
    private readonly TemporaryDirectory _download = new();

    public AgentInstallerLinkedDirectoryTests()
    {
        // What the program the agent runs holds at that moment, read by the path it was handed.
        _root = new CommandRoot(processes: new ScriptedProcessRunner(spec =>
        {
            _ran.Add((spec.Program, File.Exists(spec.Program) ? File.ReadAllBytes(spec.Program) : null));
            return new ProcessResult(0, "", "");
        }));
        _root.CreateDirectory(_bin);
        _root.CreateDirectory("/usr");
        File.CreateSymbolicLink(_root.HostPath("/usr/sbin"), _bin);
    }

    [Fact]
    public async Task The_check_runs_the_staged_binary_where_the_link_leads_under_the_root()
    {
        _root.WriteFile(_bin + "/guest-agent", "\u007fELF old agent", "755");

        var installed = await AgentInstaller.InstallAsync(_root.System, AgentUpdateOptions.Default, Download(), TestContext.Current.CancellationToken);

        Assert.False(installed.AlreadyInstalled);
        var check = _ran[0];
        Assert.Equal(_root.HostPath(_bin), Path.GetDirectoryName(check.Program));
        Assert.Equal(NewAgent, check.Contents);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(_bin + "/guest-agent")));
    }

    [Fact]
    public async Task The_check_of_a_binary_already_installed_runs_it_where_the_link_leads_under_the_root()
    {
        File.WriteAllBytes(_root.HostPath(_bin + "/guest-agent"), NewAgent);
        File.SetUnixFileMode(_root.HostPath(_bin + "/guest-agent"), (UnixFileMode)Convert.ToInt32("755", 8));

        var installed = await AgentInstaller.InstallAsync(_root.System, AgentUpdateOptions.Default, Download(), TestContext.Current.CancellationToken);

        Assert.True(installed.AlreadyInstalled);
        Assert.Equal(Binary, installed.InstallPath);
        Assert.Equal(_root.HostPath(_bin + "/guest-agent"), _ran[0].Program);
        Assert.Equal(NewAgent, _ran[0].Contents);
    }

    public void Dispose()
    {
        _download.Dispose();
        _root.Dispose();
    }

    private string Download()
    {
        var path = _download.Combine("guest-agent");
        File.WriteAllBytes(path, NewAgent);
        return path;
    }
}

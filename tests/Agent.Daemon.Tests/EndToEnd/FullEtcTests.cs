using System.Diagnostics;
using System.Globalization;
using System.Text;
using GuestAgent.Daemon.Demo;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The published daemon with the guest's <c>/etc</c> on a real 64 KiB tmpfs left with a given
/// number of free pages (the state directory elsewhere, with room: the record fits), so that a
/// command's writes run out of space (<c>ENOSPC</c>) at the first file, a later one, a backup's copy
/// or not at all; or, with room to spare, a given number of free inodes (<c>nr_inodes</c>), so that a
/// temp file cannot be created while a hard-linked backup and a rename still can. Whatever the answer, <c>/etc</c> is never half-changed: an error answer leaves every
/// file, backup and link byte for byte as it was with no temp file beside it, a success leaves the new
/// files complete (docs/networking.md, "A crash in the middle"; docs/daemon.md, "Out of descriptors
/// or disk space"). The tmpfs is mounted in a mount namespace a holder process keeps (<c>unshare
/// --mount --propagation private</c>, then <c>sleep</c>): the agent enters it with <c>nsenter</c>, and
/// a restarted agent finds the same <c>/etc</c>; the test reads it through <c>/proc/HOLDER/root</c>.
/// </summary>
public sealed class FullEtcTests
{
    private const string Hostname = "etc-full";
    private const string Restored = """{"returncode":"500","message":"Couldn't write the network configuration (No space left on device); the previous files were restored"}""";

    // A page each (tmpfs counts whole pages), so that every write, copy and backup costs one.
    private static readonly (string Path, string Contents)[] EarlierRun =
    [
        ("/etc/netplan/90-guest-agent.yaml", "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [198.51.100.7/24]\n"),
        ("/etc/netplan/90-guest-agent.yaml.bak", "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [198.51.100.6/24]\n"),
        ("/etc/hostname.bak", "older-name\n"),
        ("/etc/hosts.bak", "127.0.0.1 localhost older-name\n"),
    ];

    /// <summary>
    /// Free pages, and how many of the earlier run's files are there: with every <c>.bak</c> a write
    /// frees the page of the backup it replaces, so only a temp file can fail; with the netplan file
    /// and its backup only, the hostname's and hosts' writes each keep a page more, and a later write
    /// fails after earlier ones are done.
    /// </summary>
    public static TheoryData<int, int> FreePages => new()
    {
        { 0, 4 }, { 1, 4 }, { 2, 4 },
        { 0, 2 }, { 1, 2 }, { 2, 2 }, { 3, 2 }, { 4, 2 },
        { 0, 0 }, { 1, 0 }, { 2, 0 }, { 3, 0 },
    };

    [Theory]
    [MemberData(nameof(FreePages))]
    public async Task Resetnetwork_on_a_full_etc_restores_every_file_exactly_or_writes_them_all(int freePages, int earlierFiles)
    {
        await using var etc = await FullEtc.StartAsync(freePages, root => WriteEarlierRun(root, earlierFiles));
        await AssertResetRestoresOrCompletesAsync(etc);
    }

    /// <summary>
    /// Free inodes (bytes to spare), and how many of the earlier run's files are there: a hard-linked
    /// backup and a rename need no inode, but every temp file does, so the first, a later or no
    /// write fails with <c>ENOSPC</c> while space remains.
    /// </summary>
    public static TheoryData<int, int> FreeInodes => new()
    {
        { 0, 4 }, { 1, 4 }, { 2, 4 },
        { 0, 0 }, { 1, 0 }, { 2, 0 }, { 3, 0 }, { 4, 0 },
    };

    [Theory]
    [MemberData(nameof(FreeInodes))]
    public async Task Resetnetwork_on_an_etc_out_of_inodes_restores_every_file_exactly_or_writes_them_all(int freeInodes, int earlierFiles)
    {
        await using var etc = await FullEtc.StartAsync(freePages: 0, root => WriteEarlierRun(root, earlierFiles), freeInodes);
        await AssertResetRestoresOrCompletesAsync(etc);
    }

    private static void WriteEarlierRun(string root, int earlierFiles)
    {
        foreach (var (path, contents) in EarlierRun.Take(earlierFiles))
        {
            File.WriteAllText(Path.Combine(root, path.TrimStart('/')), contents);
        }
    }

    /// <summary>
    /// A <c>resetnetwork</c> answered with the restored error leaves <c>/etc</c> byte for byte as it was;
    /// answered with success, every new file is complete with the previous one as its <c>.bak</c>.
    /// Either way no temp file stays, the agent still serves, and the next start changes nothing.
    /// </summary>
    private static async Task AssertResetRestoresOrCompletesAsync(FullEtc etc)
    {
        var tools = etc.Agent.Tools;
        await tools.WriteAsync(
            $"{AgentUnderTest.Home}/vm-data/networking/bc764e206c5b", DemoGuest.NetworkingJson,
            $"{AgentUnderTest.Home}/vm-data/hostname", Hostname);
        var before = etc.Snapshot();

        await tools.WriteAsync($"{AgentUnderTest.Home}/data/host/reset-1", """{"name":"resetnetwork","value":""}""");
        var answer = await tools.WaitForResponseAsync(AgentUnderTest.Home, "reset-1");

        var after = etc.Snapshot();
        if (answer == Restored)
        {
            Assert.Equal(before, after);
        }
        else
        {
            // The whole answer when it is neither: the message names what was not restored.
            Assert.True(answer == """{"returncode":"0","message":""}""", answer);
            Assert.Contains(Convert.ToHexString(Encoding.UTF8.GetBytes("203.0.113.10")), after["netplan/90-guest-agent.yaml"], StringComparison.Ordinal);
            Assert.EndsWith(Convert.ToHexString(Encoding.UTF8.GetBytes(Hostname + "\n")), after["hostname"], StringComparison.Ordinal);
            Assert.Equal(before.GetValueOrDefault("netplan/90-guest-agent.yaml"), after.GetValueOrDefault("netplan/90-guest-agent.yaml.bak"));
            Assert.Equal(before["hostname"], after["hostname.bak"]);
            Assert.Equal(before["hosts"], after["hosts.bak"]);
        }

        Assert.DoesNotContain(after.Keys, name => Path.GetFileName(name).StartsWith('.'));
        await etc.AssertStillServingAsync();

        // The next start finds nothing to finish or roll back, and changes nothing.
        await etc.RestartAsync();
        Assert.Equal(after, etc.Snapshot());
        Assert.DoesNotContain("did not finish", etc.Agent.Agent!.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, await etc.Agent.StopAgentAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    public async Task Password_on_a_full_etc_keeps_the_old_shadow_or_writes_the_new_one_whole(int free, bool inodes = false)
    {
        ExternalTool.Require("openssl", "openssl");
        await using var etc = await FullEtc.StartAsync(inodes ? 0 : free, _ => { }, inodes ? free : -1);
        const string Password = "full-Etc-Pa55";
        var before = etc.Snapshot();

        await etc.Agent.Tools.WriteAsync($"{AgentUnderTest.Home}/data/host/pw-1", $$"""{"name": "password", "value": "{{await UnwritableStateDirectoryTests.EncryptAsync(etc.Agent, Password)}}"}""");
        var answer = await etc.Agent.Tools.WaitForResponseAsync(AgentUnderTest.Home, "pw-1");

        var after = etc.Snapshot();
        if (answer.StartsWith("""{"returncode":"500","message":""", StringComparison.Ordinal))
        {
            Assert.Contains("No space left on device", answer, StringComparison.Ordinal);
            Assert.Equal(before, after);
        }
        else
        {
            Assert.Equal("""{"returncode":"0","message":""}""", answer);
            await ShadowAssert.RootPasswordInFileIsAsync(etc.View("/etc/shadow"), Password);
            Assert.Equal(before["shadow"].Split(' ')[0], after["shadow"].Split(' ')[0]);
        }

        Assert.DoesNotContain(after.Keys, name => Path.GetFileName(name).StartsWith('.'));
        await etc.AssertStillServingAsync();
        Assert.Equal(0, await etc.Agent.StopAgentAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public async Task Injectfile_on_a_full_etc_keeps_the_old_file_or_writes_the_new_one_whole(int free, bool inodes = false)
    {
        await using var etc = await FullEtc.StartAsync(inodes ? 0 : free, root => File.WriteAllText(Path.Combine(root, "etc/motd"), "old message of the day\n"), inodes ? free : -1);
        var contents = new string('n', 3000) + "\n";
        var before = etc.Snapshot();

        await etc.Agent.Tools.WriteAsync($"{AgentUnderTest.Home}/data/host/inject-1", $$"""{"name": "injectfile", "value": "{{Convert.ToBase64String(Encoding.UTF8.GetBytes("/etc/motd," + contents))}}"}""");
        var answer = await etc.Agent.Tools.WaitForResponseAsync(AgentUnderTest.Home, "inject-1");

        var after = etc.Snapshot();
        if (answer.StartsWith("""{"returncode":"500","message":""", StringComparison.Ordinal))
        {
            Assert.Contains("No space left on device", answer, StringComparison.Ordinal);
            Assert.Equal(before, after);
        }
        else
        {
            Assert.Equal("""{"returncode":"0","message":""}""", answer);
            Assert.Equal(contents, await File.ReadAllTextAsync(etc.View("/etc/motd"), TestContext.Current.CancellationToken));
        }

        Assert.DoesNotContain(after.Keys, name => Path.GetFileName(name).StartsWith('.'));
        await etc.AssertStillServingAsync();
        Assert.Equal(0, await etc.Agent.StopAgentAsync());
    }

    /// <summary>The agent, and the holder of the mount namespace where its <c>/etc</c> is the small tmpfs.</summary>
    private sealed class FullEtc : IAsyncDisposable
    {
        private readonly Process _holder;

        private FullEtc(AgentUnderTest agent, Process holder)
        {
            Agent = agent;
            _holder = holder;
        }

        public AgentUnderTest Agent { get; }

        /// <summary>
        /// Copies the guest's <c>/etc</c> (after <paramref name="seed"/> adds to it) onto a 64 KiB tmpfs
        /// mounted over it, fills that with a hidden file and gives back <paramref name="freePages"/> pages of it.
        /// </summary>
        /// <param name="freeInodes">When not negative, the tmpfs is given room and left with this many free inodes instead.</param>
        public static async Task<FullEtc> StartAsync(int freePages, Action<string> seed, int freeInodes = -1)
        {
            var unshare = ExternalTool.Require("unshare", "util-linux");
            var nsenter = ExternalTool.Require("nsenter", "util-linux");
            var agent = await AgentUnderTest.StartAsync(startAgent: false);
            Process? holder = null;
            try
            {
                seed(agent.Root);
                const string Script = """
                    set -e
                    etc="$1"; free="$2"; inodes="$3"
                    copy=$(mktemp -d)
                    cp -a "$etc/." "$copy/"
                    if [ "$inodes" -ge 0 ]; then
                        mount -t tmpfs -o size=1m,nr_inodes=400,mode=0755 guest-etc "$etc"
                        cp -a "$copy/." "$etc/"
                        mkdir "$etc/.filler"
                        i=0
                        while [ "$(stat -f -c %d "$etc")" -gt "$inodes" ]; do : > "$etc/.filler/$i"; i=$((i + 1)); done
                        [ "$(stat -f -c %d "$etc")" -eq "$inodes" ]
                    else
                        mount -t tmpfs -o size=64k,mode=0755 guest-etc "$etc"
                        cp -a "$copy/." "$etc/"
                        dd if=/dev/zero of="$etc/.filler" bs=4096 2>/dev/null || true
                        size=$(stat -c %s "$etc/.filler")
                        [ "$size" -ge $((free * 4096)) ]
                        truncate -s $((size - free * 4096)) "$etc/.filler"
                    fi
                    rm -rf "$copy"
                    echo ready
                    exec sleep infinity
                    """;
                var start = new ProcessStartInfo("/usr/bin/env") { RedirectStandardOutput = true, UseShellExecute = false };
                foreach (var argument in new[] { "--default-signal", unshare, "--mount", "--propagation", "private", "/bin/sh", "-c", Script, "sh", agent.GuestFile("/etc"), freePages.ToString(CultureInfo.InvariantCulture), freeInodes.ToString(CultureInfo.InvariantCulture) })
                {
                    start.ArgumentList.Add(argument);
                }

                holder = Process.Start(start)!;
                // The line comes once the tmpfs is mounted and filled; end of output means the script failed.
                Assert.Equal("ready", await holder.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WithinSafetyNet());
                var etc = new FullEtc(agent, holder);
                await etc.StartAgentAsync(nsenter);
                return etc;
            }
            catch
            {
                Stop(holder);
                await agent.DisposeAsync();
                throw;
            }
        }

        /// <summary>A guest path as the agent sees it, inside the holder's mount namespace.</summary>
        public string View(string guestPath) => $"/proc/{_holder.Id.ToString(CultureInfo.InvariantCulture)}/root{Agent.GuestFile(guestPath)}";

        /// <summary>
        /// Every entry under <c>/etc</c> but the filler (a file, or a directory of empty files) and <c>.pwd.lock</c> (the empty lock file of
        /// <c>lckpwdf(3)</c>, which the password command takes as shadow's own tools do): kind, mode,
        /// contents or link target.
        /// </summary>
        public SortedDictionary<string, string> Snapshot()
        {
            var directory = View("/etc");
            var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var path in Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories))
            {
                var name = Path.GetRelativePath(directory, path);
                if (name is ".filler" or ".pwd.lock" || name.StartsWith(".filler/", StringComparison.Ordinal))
                {
                    continue;
                }

                var info = new FileInfo(path);
                files[name] = info.LinkTarget is { } target ? "-> " + target
                    : Directory.Exists(path) ? "dir " + File.GetUnixFileMode(path)
                    : File.GetUnixFileMode(path) + " " + Convert.ToHexString(File.ReadAllBytes(path));
            }

            return files;
        }

        /// <summary>The next request is served.</summary>
        public async Task AssertStillServingAsync()
        {
            await Agent.Tools.WriteAsync($"{AgentUnderTest.Home}/data/host/after", """{"name":"version","value":"agent"}""");
            Assert.StartsWith("""{"returncode":"0","message":""", await Agent.Tools.WaitForResponseAsync(AgentUnderTest.Home, "after"), StringComparison.Ordinal);
        }

        /// <summary>Stops the agent and starts it again in the same namespace.</summary>
        public async Task RestartAsync()
        {
            Assert.Equal(0, await Agent.StopAgentAsync());
            await StartAgentAsync(ExternalTool.Require("nsenter", "util-linux"));
        }

        public async ValueTask DisposeAsync()
        {
            await Agent.DisposeAsync();
            Stop(_holder);
        }

        private static void Stop(Process? holder)
        {
            if (holder is null)
            {
                return;
            }

            // The namespace, and the tmpfs with it, goes with its last process.
            holder.Kill();
            holder.WaitForExit();
            holder.Dispose();
        }

        private Task<string> StartAgentAsync(string nsenter) =>
            Agent.StartAgentWrappedAsync([nsenter, $"--mount=/proc/{_holder.Id.ToString(CultureInfo.InvariantCulture)}/ns/mnt", "--"]);
    }
}

using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using GuestAgent.Daemon.Demo;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The published daemon with its state directory on a real 64 KiB tmpfs that is full (every write
/// fails with the kernel's <c>ENOSPC</c>) or read-only (<c>EROFS</c>), mounted in a mount namespace of
/// the agent's own (<c>unshare --mount --propagation private</c>: nothing reaches this machine's mounts;
/// the test sees it through <c>/proc/PID/root</c>). A command that keeps state there answers with the
/// protocol's error form and changes no system file when it cannot keep it, one that only marks it
/// answers as usual, and the agent goes on serving (docs/daemon.md, "Out of descriptors or disk space").
/// </summary>
public sealed class UnwritableStateDirectoryTests
{
    // Not the default /var/lib/guest-agent: root mode's recorder logs the programs it "runs" there,
    // and that log is the test's, not the agent's state.
    private const string State = "/var/lib/ga-state";
    private const string Config = $$"""{"stateDirectory": "{{State}}"}""";
    private static readonly BigInteger Prime = (BigInteger.One << 107) - 1;

    public enum Condition
    {
        Full,
        ReadOnly,
    }

    [Theory]
    [InlineData(Condition.Full, "No space left on device", "Couldn't record the network change in /var/lib/ga-state/resetnetwork/transaction.json")]
    [InlineData(Condition.ReadOnly, "Read-only file system", "Couldn't record the network change in /var/lib/ga-state/resetnetwork/transaction.json")]
    public async Task Resetnetwork_without_room_for_its_record_changes_nothing_and_says_why(Condition condition, string reason, string failure)
    {
        await using var agent = await StartAsync(condition, withResetnetworkLock: true);
        var tools = agent.Tools;
        await tools.WriteAsync(
            $"{AgentUnderTest.Home}/vm-data/networking/bc764e206c5b", DemoGuest.NetworkingJson,
            $"{AgentUnderTest.Home}/vm-data/hostname", "unwritable-state");
        var before = Snapshot(agent.GuestFile("/etc"));
        var actionsBefore = Actions(agent);

        await tools.WriteAsync($"{AgentUnderTest.Home}/data/host/reset-1", """{"name":"resetnetwork","value":""}""");

        Assert.Equal(
            $$"""{"returncode":"500","message":"{{failure}} ({{reason}}); nothing was changed"}""",
            await tools.WaitForResponseAsync(AgentUnderTest.Home, "reset-1"));
        // Not a byte of /etc changed, no backup beside a file, no program run, no record or temp file left.
        Assert.Equal(before, Snapshot(agent.GuestFile("/etc")));
        Assert.Equal(actionsBefore, Actions(agent));
        Assert.Equal(["lock"], StateEntries(agent, "resetnetwork"));
        await AssertStillServingAsync(agent, reason);
    }

    [Theory]
    [InlineData(Condition.ReadOnly, "Read-only file system")]
    public async Task Resetnetwork_that_cannot_make_its_lock_changes_nothing_and_says_why(Condition condition, string reason)
    {
        // The first resetnetwork on a read-only state directory: its own directory cannot be made.
        await using var agent = await StartAsync(condition, withResetnetworkLock: false);
        var tools = agent.Tools;
        await tools.WriteAsync(
            $"{AgentUnderTest.Home}/vm-data/networking/bc764e206c5b", DemoGuest.NetworkingJson,
            $"{AgentUnderTest.Home}/vm-data/hostname", "unwritable-state");
        var before = Snapshot(agent.GuestFile("/etc"));

        await tools.WriteAsync($"{AgentUnderTest.Home}/data/host/reset-1", """{"name":"resetnetwork","value":""}""");

        Assert.Equal(
            $$"""{"returncode":"500","message":"Couldn't lock {{State}}/resetnetwork/lock against another resetnetwork ({{reason}}); nothing was changed"}""",
            await tools.WaitForResponseAsync(AgentUnderTest.Home, "reset-1"));
        Assert.Equal(before, Snapshot(agent.GuestFile("/etc")));
        await AssertStillServingAsync(agent, reason);
    }

    [Theory]
    [InlineData(Condition.Full, "No space left on device")]
    [InlineData(Condition.ReadOnly, "Read-only file system")]
    public async Task Password_without_room_for_its_mark_is_set_and_the_mark_s_loss_is_warned(Condition condition, string reason)
    {
        ExternalTool.Require("openssl", "openssl");
        await using var agent = await StartAsync(condition, withResetnetworkLock: false);
        const string Password = "full-State-Pa55";

        await agent.Tools.WriteAsync($"{AgentUnderTest.Home}/data/host/pw-1", $$"""{"name": "password", "value": "{{await EncryptAsync(agent, Password)}}"}""");

        // The mark only words the answer after a crash; the password is what the operator needs now.
        Assert.Equal("""{"returncode":"0","message":""}""", await agent.Tools.WaitForResponseAsync(AgentUnderTest.Home, "pw-1"));
        await ShadowAssert.RootPasswordIsAsync(agent, Password);
        await agent.Agent!.WaitForErrorTextAsync($"the attempt could not be marked in the state directory ({reason}); setting the password anyway");
        Assert.DoesNotContain("password-attempt", StateEntries(agent, ""));
        await AssertStillServingAsync(agent, reason);
    }

    [Fact]
    public async Task Kmsactivate_that_cannot_make_its_lock_on_a_read_only_state_directory_changes_nothing()
    {
        await using var agent = await StartAsync(Condition.ReadOnly, withResetnetworkLock: false, redHat: true);
        var before = Snapshot(agent.GuestFile("/etc"));
        var actionsBefore = Actions(agent);

        await agent.Tools.WriteAsync($"{AgentUnderTest.Home}/data/host/kms-1", """{"name":"kmsactivate","value":{"activation_key":"k-123","profile":"p","domains":["rhn.example.com"]}}""");

        Assert.Equal(
            $$"""{"returncode":"500","message":"Couldn't lock {{State}}/kmsactivate.lock against another kmsactivate (Read-only file system); nothing was changed"}""",
            await agent.Tools.WaitForResponseAsync(AgentUnderTest.Home, "kms-1"));
        Assert.Equal(before, Snapshot(agent.GuestFile("/etc")));
        Assert.Equal(actionsBefore, Actions(agent));
        await AssertStillServingAsync(agent, "Read-only file system");
    }

    [Fact]
    public async Task Kmsactivate_on_a_full_state_directory_registers_its_lock_needing_no_room()
    {
        // Its only state there is the lock, an empty file: a full disk still has room for its inode.
        await using var agent = await StartAsync(Condition.Full, withResetnetworkLock: false, redHat: true);

        await agent.Tools.WriteAsync($"{AgentUnderTest.Home}/data/host/kms-1", """{"name":"kmsactivate","value":{"activation_key":"k-123","profile":"p","domains":["rhn.example.com"]}}""");

        Assert.Equal("""{"returncode":"0","message":""}""", await agent.Tools.WaitForResponseAsync(AgentUnderTest.Home, "kms-1"));
        Assert.Contains("https://rhn.example.com/XMLRPC", await File.ReadAllTextAsync(agent.GuestFile("/etc/sysconfig/rhn/up2date"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains(Actions(agent), action => action.StartsWith("/usr/sbin/rhnreg_ks ", StringComparison.Ordinal));
        await AssertStillServingAsync(agent, "No space left on device");
    }

    [Fact]
    public async Task A_journal_wider_than_0600_on_a_read_only_state_directory_still_answers_what_it_holds()
    {
        // An older agent's journal (0644), this boot's, holding the answer to a request the host
        // writes again: the read-only file system keeps it from being made private, not from being read.
        var request = $$"""{"name":"injectfile","value":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes("/etc/motd,from the host\n"))}}"}""";
        const string Answered = """{"returncode":"0","message":"answered before the restart"}""";
        var boot = File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
        var journal = $"boot\t{boot}\ninject-1\t{Fnv1a(request)}\t{Convert.ToBase64String(Encoding.UTF8.GetBytes(Answered))}\n";
        await using var agent = await StartAsync(Condition.ReadOnly, withResetnetworkLock: false, journal: journal);
        var before = Snapshot(agent.GuestFile("/etc"));

        await agent.Tools.WriteAsync($"{AgentUnderTest.Home}/data/host/inject-1", request);

        Assert.Equal(Answered, await agent.Tools.WaitForResponseAsync(AgentUnderTest.Home, "inject-1"));
        Assert.Equal(before, Snapshot(agent.GuestFile("/etc")));
        await agent.Agent!.WaitForErrorTextAsync($"{State}/xenstore-journal is readable by others (mode 0644) and cannot be made private (Read-only file system); its answers are used");
        await AssertStillServingAsync(agent, "Read-only file system");
    }

    [Fact]
    public async Task Resetnetwork_whose_record_cannot_be_synced_changes_nothing_and_leaves_no_record_behind()
    {
        // The record renamed into place, the sync of its directory failing (EIO: a failing disk, the
        // moment ext4's errors=remount-ro turns the state directory read-only). The change must not start
        // on a record a power cut may take back; and a record left behind would be "recovered" at the
        // next start or resetnetwork, putting back over /etc whatever it held then and running the
        // rollback's programs, for a change that never happened.
        var strace = ExternalTool.Require("strace", "strace");
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        var records = agent.GuestFile("/var/lib/guest-agent/resetnetwork");
        Directory.CreateDirectory(records, (UnixFileMode)Convert.ToInt32("700", 8));
        File.WriteAllText(Path.Combine(records, "lock"), "");
        File.SetUnixFileMode(Path.Combine(records, "lock"), (UnixFileMode)Convert.ToInt32("600", 8));
        await agent.StartAgentWrappedAsync([strace, "-f", "-qq", "-o", "/dev/null", "-P", records, "-e", "trace=fsync", "-e", "inject=fsync:error=EIO"]);
        var tools = agent.Tools;
        await tools.WriteAsync(
            $"{AgentUnderTest.Home}/vm-data/networking/bc764e206c5b", DemoGuest.NetworkingJson,
            $"{AgentUnderTest.Home}/vm-data/hostname", "unsynced-record");
        var before = Snapshot(agent.GuestFile("/etc"));
        var actionsBefore = Actions(agent);

        await tools.WriteAsync($"{AgentUnderTest.Home}/data/host/reset-1", """{"name":"resetnetwork","value":""}""");

        Assert.Equal(
            """{"returncode":"500","message":"Couldn't record the network change in /var/lib/guest-agent/resetnetwork/transaction.json (Input/output error); nothing was changed"}""",
            await tools.WaitForResponseAsync(AgentUnderTest.Home, "reset-1"));
        Assert.Equal(before, Snapshot(agent.GuestFile("/etc")));
        Assert.Equal(actionsBefore, Actions(agent));
        Assert.Equal(["lock"], Directory.GetFileSystemEntries(records).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
        // strace runs the agent as its child: the stop goes to the agent, and strace ends with it.
        agent.Agent!.SignalChild(DaemonProcess.SigTerm);
        await agent.WaitForAgentDeathAsync();

        // The disk mended, the next start finds no change to roll back: it runs nothing, restores nothing.
        await agent.StartAgentAsync();
        Assert.Equal(actionsBefore, Actions(agent));
        Assert.DoesNotContain("did not finish", agent.Agent!.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(agent.GuestFile("/etc")));
    }

    // XenStore, then the agent wrapped so that its state directory is the small tmpfs, full or read-only.
    // A journal's text is put in the state directory first, readable by all (0644).
    private static async Task<AgentUnderTest> StartAsync(Condition condition, bool withResetnetworkLock, bool redHat = false, string journal = "")
    {
        var unshare = ExternalTool.Require("unshare", "util-linux");
        var agent = await AgentUnderTest.StartAsync(startAgent: false);
        try
        {
            if (redHat)
            {
                await File.WriteAllTextAsync(agent.GuestFile("/etc/os-release"), "NAME=\"Red Hat Enterprise Linux\"\nID=\"rhel\"\nID_LIKE=\"fedora\"\n", TestContext.Current.CancellationToken);
                FixtureDirectories.Create(agent.GuestFile("/etc/sysconfig/rhn"));
                await File.WriteAllTextAsync(agent.GuestFile("/etc/sysconfig/rhn/up2date"), "serverURL=https://old.example.com/XMLRPC\n", TestContext.Current.CancellationToken);
                await File.WriteAllTextAsync(agent.GuestFile("/etc/sysconfig/rhn/systemid"), "<old system id/>\n", TestContext.Current.CancellationToken);
                File.SetUnixFileMode(agent.GuestFile("/etc/sysconfig/rhn/up2date"), (UnixFileMode)Convert.ToInt32("644", 8));
                File.SetUnixFileMode(agent.GuestFile("/etc/sysconfig/rhn/systemid"), (UnixFileMode)Convert.ToInt32("600", 8));
            }

            Directory.CreateDirectory(agent.GuestFile(State), (UnixFileMode)Convert.ToInt32("700", 8));
            var script = """
                set -e
                state="$1"; journal="$2"; shift 2
                mount -t tmpfs -o size=64k,mode=0700 guest-agent-state "$state"
                if [ -n "$journal" ]; then printf '%s' "$journal" > "$state/xenstore-journal"; chmod 0644 "$state/xenstore-journal"; fi
                """ + "\n"
                + (withResetnetworkLock ? "mkdir -m 0700 \"$state/resetnetwork\" && (umask 077 && : > \"$state/resetnetwork/lock\")\n" : "")
                + (condition == Condition.Full
                    ? "dd if=/dev/zero of=\"$state/filler\" bs=4096 2>/dev/null || true\n"
                    : "mount -o remount,ro \"$state\"\n")
                + "exec \"$@\"\n";
            await agent.StartAgentWrappedAsync([unshare, "--mount", "--propagation", "private", "/bin/sh", "-c", script, "sh", agent.GuestFile(State), journal], Config);
            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    // The next request is served: the journal's failure is said, and not in place of an answer.
    private static async Task AssertStillServingAsync(AgentUnderTest agent, string reason)
    {
        await agent.Tools.WriteAsync($"{AgentUnderTest.Home}/data/host/after", """{"name":"version","value":"agent"}""");
        Assert.StartsWith("""{"returncode":"0","message":""", await agent.Tools.WaitForResponseAsync(AgentUnderTest.Home, "after"), StringComparison.Ordinal);
        await agent.Agent!.WaitForErrorTextAsync($"{State}/xenstore-journal could not be written");
        Assert.Contains(reason, agent.Agent.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, await agent.StopAgentAsync());
    }

    internal static async Task<string> EncryptAsync(AgentUnderTest agent, string password)
    {
        var privateKey = new BigInteger(RandomNumberGenerator.GetBytes(10), isUnsigned: true);
        await agent.Tools.WriteAsync($"{AgentUnderTest.Home}/data/host/key-1", $$"""{"name": "keyinit", "value": "{{BigInteger.ModPow(5, privateKey, Prime).ToString(CultureInfo.InvariantCulture)}}"}""");
        var keyInit = await agent.Tools.WaitForResponseAsync(AgentUnderTest.Home, "key-1");
        var secret = BigInteger.ModPow(BigInteger.Parse(keyInit.Split('"')[7], CultureInfo.InvariantCulture), privateKey, Prime).ToString(CultureInfo.InvariantCulture);
        var encrypted = await ExternalTool.RunAsync(ExternalTool.Require("openssl", "openssl"), ["aes-128-cbc", "-A", "-a", "-pass", "pass:" + secret, "-nosalt"], password + "\n");
        Assert.Equal(0, encrypted.ExitCode);
        return encrypted.StandardOutput.Trim('\n');
    }

    // The journal's fingerprint of a request (64-bit FNV-1a of its UTF-8, as 16 lowercase hex digits).
    private static string Fnv1a(string request)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(request))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    // The state directory as the agent sees it, inside its own mount namespace.
    private static string[] StateEntries(AgentUnderTest agent, string under)
    {
        var directory = $"/proc/{agent.Agent!.Id.ToString(CultureInfo.InvariantCulture)}/root{agent.GuestFile(State)}/{under}";
        return [.. Directory.GetFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
    }

    private static SortedDictionary<string, string> Snapshot(string directory)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories))
        {
            var info = new FileInfo(path);
            files[Path.GetRelativePath(directory, path)] = info.LinkTarget is { } target ? "-> " + target
                : Directory.Exists(path) ? "dir " + File.GetUnixFileMode(path)
                : File.GetUnixFileMode(path) + " " + Convert.ToHexString(File.ReadAllBytes(path));
        }

        return files;
    }

    private static string[] Actions(AgentUnderTest agent)
    {
        var log = agent.GuestFile("/var/lib/guest-agent/actions.log");
        return File.Exists(log) ? File.ReadAllLines(log) : [];
    }
}

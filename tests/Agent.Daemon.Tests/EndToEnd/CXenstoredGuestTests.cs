using System.Text;
using System.Text.RegularExpressions;
using GuestAgent.Testing;
using GuestAgent.XenStore;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The published agent judged by the real C xenstored 4.17 (<see cref="AgentOnCXenstored"/>) rather than
/// by our embedded server: Nova's first boot (resetnetwork included) through guest 7's ring, the
/// <c>xenstore-*</c> tools in the guest beside it, a <c>data/host</c> over 4096 bytes
/// of names listed with C's DIRECTORY_PART, a <c>data/guest</c> at C's node-size quota, a request the
/// guest may not read (C sends no event for it), and C xenstored killed and restarted under an agent
/// on its socket.
/// </summary>
public sealed class CXenstoredGuestTests
{
    private const string Home = AgentOnCXenstored.Home;
    private const string Version = """{"name":"version","value":"agent"}""";

    /// <summary>
    /// With <c>resetnetwork</c>, which reads <c>vm-data</c> over a second connection of its own while the
    /// first waits for requests: each is an open() of the guest's device, multiplexed over the one ring
    /// (the proxy in device mode, as Linux's xenbus driver does it).
    /// </summary>
    [Fact]
    public async Task Novas_first_boot_sequence_succeeds_through_guest_7s_ring()
    {
        await using var guest = await AgentOnCXenstored.StartAsync();
        await guest.Host.WriteAsync(
            $"{Home}/vm-data/networking/bc764e206c5b", GuestAgent.Daemon.Demo.DemoGuest.NetworkingJson,
            $"{Home}/vm-data/hostname", "nova-on-c-xenstored");
        await guest.StartGuestAgentAsync();
        var contents = Encoding.UTF8.GetBytes("caf\u00e9,na\u00efve,\n");
        const string Password = "C xenstored's p\u00e4ss";

        var lines = await NovaHostScript.RunAsync(guest.XenStore.Dom0Socket, Home, "first-boot", "ssh-ed25519 AAAAC3Nza nova@host\n", "/etc/nova-injected/blob", Convert.ToBase64String(contents), Password);

        var version = lines[0]["version ".Length..];
        Assert.Equal(
            [
                $"version {version}",
                $"upgrades 0.0.1:False {version}:False {version}.1:True 99:True",
                "ssh key file_inject ",
                "file file_inject ",
                "password ''",
                "resetnetwork ''",
            ],
            lines);
        Assert.Equal(contents, await File.ReadAllBytesAsync(guest.GuestFile("/etc/nova-injected/blob"), TestContext.Current.CancellationToken));
        await ShadowAssert.RootPasswordInFileIsAsync(guest.GuestFile("/etc/shadow"), Password);
        Assert.Equal("nova-on-c-xenstored\n", await File.ReadAllTextAsync(guest.GuestFile("/etc/hostname"), TestContext.Current.CancellationToken));
        Assert.Empty(await guest.Host.ListAsync($"{Home}/data/host"));
        guest.XenStore.AssertAlive();
    }

    /// <summary>
    /// A <c>resetnetwork</c> already waiting when the agent starts: READY=1 waits for its answer, which
    /// needs <c>vm-data</c> read over a second open of the device while the first serves the request.
    /// </summary>
    [Fact]
    public async Task A_resetnetwork_waiting_at_start_is_answered_before_ready()
    {
        await using var guest = await AgentOnCXenstored.StartAsync();
        await guest.Host.WriteAsync(
            $"{Home}/vm-data/networking/bc764e206c5b", GuestAgent.Daemon.Demo.DemoGuest.NetworkingJson,
            $"{Home}/vm-data/hostname", "queued-at-start",
            $"{Home}/data/host/queued", """{"name":"resetnetwork","value":""}""");

        await guest.StartGuestAgentAsync();

        // Already answered: READY=1 came after the answer, not after the wait for it gave up.
        Assert.Equal("""{"returncode":"0","message":""}""", await guest.Host.ReadAsync($"{Home}/data/guest/queued"));
        Assert.Equal("queued-at-start\n", await File.ReadAllTextAsync(guest.GuestFile("/etc/hostname"), TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// The <c>xenstore-*</c> tools run in the guest while the agent serves: each opens the device too,
    /// reads as guest 7 (its relative paths under its home), and the agent goes on answering.
    /// </summary>
    [Fact]
    public async Task The_xenstore_tools_run_in_the_guest_while_the_agent_serves_and_both_work()
    {
        await using var guest = await AgentOnCXenstored.StartAsync();
        await guest.StartGuestAgentAsync();
        await guest.Host.WriteAsync($"{Home}/data/host/before", Version);
        await guest.Host.WaitForResponseAsync(Home, "before", TimeSpan.FromMinutes(1));
        var inGuest = new XenStoreTools(guest.XenStore.GuestSocket);

        Assert.Equal("7", await inGuest.ReadAsync("domid"));
        Assert.Equal(["before"], await inGuest.ListAsync("data/guest"));
        var ls = await ExternalTool.RunAsync("xenstore-ls", ["-f", "data"], environment: new Dictionary<string, string> { ["XENSTORED_PATH"] = guest.XenStore.GuestSocket });
        Assert.True(ls.ExitCode == 0, ls.StandardError);
        Assert.Contains("data/guest/before = ", ls.StandardOutput, StringComparison.Ordinal);

        await guest.Host.WriteAsync($"{Home}/data/host/after", Version);
        Assert.StartsWith("""{"returncode":"0","message":""", await guest.Host.WaitForResponseAsync(Home, "after", TimeSpan.FromMinutes(1)), StringComparison.Ordinal);
        guest.XenStore.AssertAlive();
    }

    /// <summary>
    /// <c>guest-agent call</c> run in the guest itself (an operator checking the agent): its own open of
    /// the device writes the request to <c>data/host</c> and waits for the answer in <c>data/guest</c>
    /// while the agent, on its open, serves it.
    /// </summary>
    [Fact]
    public async Task The_call_verb_run_in_the_guest_is_answered_by_the_agent_serving_there()
    {
        await using var guest = await AgentOnCXenstored.StartAsync();
        await guest.StartGuestAgentAsync();

        var call = await ExternalTool.RunAsync(DaemonBinary.Require(), ["call", "--xenstore", guest.XenStore.GuestSocket, "--domid", "7", "--timeout", "600", "version"]);

        Assert.True(call.ExitCode == 0, call.StandardError);
        Assert.StartsWith("""{"returncode":"0","message":""", call.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(await guest.Host.ListAsync($"{Home}/data/host"));
        guest.XenStore.AssertAlive();
    }

    /// <summary>
    /// C 4.17 counts transactions per connection (<c>-t</c>, 10 by default; 2 here), and a guest's ring
    /// is one connection for every open of its device: other programs in the guest holding them make
    /// the agent's TRANSACTION_START fail <c>ENOSPC</c>. Its answer is written all the same (Nova reads
    /// it), and the request must still be removed, not left in <c>data/host</c> for good under an
    /// error saying the answer was not delivered (before session 70).
    /// </summary>
    [Fact]
    public async Task A_request_answered_while_other_opens_hold_the_rings_transactions_is_still_removed()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var guest = await AgentOnCXenstored.StartAsync("-t", "2");
        await guest.StartGuestAgentAsync();
        await using var other = await XenStoreClient.ConnectAsync(guest.XenStore.GuestSocket, cancellation);
        var held = new List<XenStoreTransaction>();
        for (var refused = false; !refused && held.Count < 100;)
        {
            try
            {
                held.Add(await other.BeginTransactionAsync(cancellation));
            }
            catch (XenStoreErrorException full) when (full.ErrorName == XenStoreErrors.NoSpace)
            {
                refused = true;
            }
        }

        await guest.Host.WriteAsync($"{Home}/data/host/held", Version);

        Assert.StartsWith("""{"returncode":"0","message":""", await guest.Host.WaitForResponseAsync(Home, "held", TimeSpan.FromMinutes(1)), StringComparison.Ordinal);
        Assert.True(await guest.Host.IsRemovedAsync($"{Home}/data/host/held"));
        Assert.DoesNotContain("could not be delivered", guest.Agent!.StandardError, StringComparison.Ordinal);
        foreach (var transaction in held)
        {
            await transaction.AbortAsync(cancellation);
        }
    }

    [Fact]
    public async Task A_data_host_over_4096_bytes_is_listed_in_parts_and_a_full_data_guest_gives_up_the_rest_and_keeps_serving()
    {
        await using var guest = await AgentOnCXenstored.StartAsync();
        // Waiting before the agent starts: 120 UUID ids are 4440 bytes of names, so the start's
        // DIRECTORY answers E2BIG and the agent lists data/host with DIRECTORY_PART, as C implements it.
        var ids = Enumerable.Range(0, 120).Select(_ => Guid.NewGuid().ToString()).ToArray();
        await guest.Host.WriteAsync([.. ids.SelectMany(id => new[] { $"{Home}/data/host/{id}", Version })]);

        await guest.StartGuestAgentAsync();
        await WaitUntilEmptyAsync(guest.Host, $"{Home}/data/host");

        var trace = await File.ReadAllTextAsync(guest.XenStore.TracePath, TestContext.Current.CancellationToken);
        // C's chunks: 110 names of 37 bytes (4070) fit under 4096 with the generation, the rest
        // follow; the listing asks at exactly those offsets (the start's scan and any after it),
        // never past the list's end.
        Assert.Equal(
            ["0", "4070"],
            Regex.Matches(trace, @"^IN \S+ \S+ \S+ DIRECTORY_PART \(data/host (\d+) \)$", RegexOptions.Multiline).Select(match => match.Groups[1].Value).Distinct());
        // C's node-size quota (-S, 2048 bytes) counts data/guest's record with its children's names:
        // 54 UUID-named answers fit. Every other request was given up (removed, unanswered), as
        // docs/xenstore.md says, and none was left waiting.
        var answered = await guest.Host.ListAsync($"{Home}/data/guest");
        Assert.Equal(54, answered.Count);
        Assert.All(answered, id => Assert.Contains(id, ids));
        foreach (var id in answered.Take(3))
        {
            Assert.StartsWith("""{"returncode":"0","message":""", await guest.Host.ReadAsync($"{Home}/data/guest/{id}"), StringComparison.Ordinal);
        }

        var agent = guest.Agent!;
        Assert.Equal(ids.Length - answered.Count, CountOf(agent.StandardError, "was refused (ENOSPC, over the guest's XenStore quota), and a short error answer would be no shorter, so none was tried; the request is given up"));

        // The host makes room: the agent still serves.
        await guest.Host.RemoveAsync($"{Home}/data/guest/{answered[0]}");
        await guest.Host.WriteAsync($"{Home}/data/host/after-room", Version);
        Assert.StartsWith("""{"returncode":"0","message":""", await guest.Host.WaitForResponseAsync(Home, "after-room", TimeSpan.FromMinutes(1)), StringComparison.Ordinal);
        guest.XenStore.AssertAlive();
    }

    [Fact]
    public async Task A_request_the_guest_may_not_read_is_answered_once_the_host_lets_it()
    {
        await using var guest = await AgentOnCXenstored.StartAsync();
        await guest.StartGuestAgentAsync();
        var hidden = $"{Home}/data/host/hidden";
        await using (var dom0 = await XenStoreClient.ConnectAsync(guest.XenStore.Dom0Socket, TestContext.Current.CancellationToken))
        {
            // Created unreadable in one transaction: C fires no event the guest may see.
            await dom0.TransactAsync(
                async (transaction, token) =>
                {
                    await transaction.WriteAsync(hidden, Version, token);
                    await transaction.SetPermissionsAsync(hidden, [new XenStorePermission(XenStoreAccess.None, 0)], token);
                },
                TestContext.Current.CancellationToken);
        }

        await guest.Host.WriteAsync($"{Home}/data/host/visible", Version);
        await guest.Host.WaitForResponseAsync(Home, "visible", TimeSpan.FromMinutes(1));
        Assert.Null(await guest.Host.ReadAsync($"{Home}/data/guest/hidden"));
        Assert.Equal(Version, await guest.Host.ReadAsync(hidden));

        // SET_PERMS fires the watch; now the guest may read the request.
        var chmod = await ExternalTool.RunAsync("xenstore-chmod", [hidden, "n7"], environment: new Dictionary<string, string> { ["XENSTORED_PATH"] = guest.XenStore.Dom0Socket });
        Assert.True(chmod.ExitCode == 0, chmod.StandardError);

        Assert.StartsWith("""{"returncode":"0","message":""", await guest.Host.WaitForResponseAsync(Home, "hidden", TimeSpan.FromMinutes(1)), StringComparison.Ordinal);
        Assert.True(await guest.Host.IsRemovedAsync(hidden));
    }

    [Fact]
    public async Task C_xenstored_killed_and_restarted_under_an_agent_on_its_socket_is_reconnected_to_and_served()
    {
        await using var guest = await AgentOnCXenstored.StartAsync();
        await guest.StartDom0AgentAsync();
        await guest.Host.WriteAsync($"{Home}/data/host/before", Version);
        await guest.Host.WaitForResponseAsync(Home, "before", TimeSpan.FromMinutes(1));

        await guest.XenStore.RestartDaemonAsync();
        // A fresh store: the toolstack made the guest's home again; Nova writes its next request.
        await guest.Host.WriteAsync($"{Home}/data/host/after", Version);

        Assert.StartsWith("""{"returncode":"0","message":""", await guest.Host.WaitForResponseAsync(Home, "after", TimeSpan.FromMinutes(1)), StringComparison.Ordinal);
        var agent = guest.Agent!;
        await agent.WaitForErrorTextAsync("XenStore exchange serving again");
        Assert.Contains("XenStore exchange lost its connection", agent.StandardError, StringComparison.Ordinal);
        Assert.False(agent.HasExited);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Waits (a safety net of minutes, only against a hang) until the directory has no children.</summary>
    private static async Task WaitUntilEmptyAsync(XenStoreTools tools, string path)
    {
        var deadline = Deadline.After(TimeSpan.FromMinutes(3));
        while ((await tools.ListAsync(path)).Count > 0)
        {
            Assert.False(deadline.HasPassed, $"{path} still has children");
            await Task.Delay(100);
        }
    }
}

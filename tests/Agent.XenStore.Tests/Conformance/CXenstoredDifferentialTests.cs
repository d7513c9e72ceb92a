using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;

namespace GuestAgent.XenStore.Tests.Conformance;

/// <summary>
/// The same request sequences sent to the embedded server and to the real C xenstored 4.17 (Debian
/// xen-utils-4.17, run without Xen under scripts/c-xenstored/shim.c), as dom0 over a socket and as
/// guest 7 (over its ring, through ringproxy.py), and the transcripts compared line by line. Both
/// run with the same small quotas, so the guest reaches them in a few requests.
/// <para>
/// Each row is one sequence (<see cref="WireScript"/>'s syntax, steps split at <c>;</c>) under a
/// root of its own, removed afterwards; adding a case is adding a row. What is masked, and why:
/// transaction ids and DIRECTORY_PART's generation count (each server numbers its own; named in
/// order of appearance, so sameness still compares), and the steps marked <c>*</c>, whose answer's
/// events only are compared: dom0's CONTROL (the embedded server answers <c>ENOSYS</c> by choice,
/// docs/xenstore.md "What differs from C xenstored 4.17").
/// </para>
/// </summary>
public sealed class CXenstoredDifferentialTests(CXenstoredDifferentialTests.Servers servers) : IClassFixture<CXenstoredDifferentialTests.Servers>
{
    /// <summary>The quotas both run with: C xenstored's options and the embedded server's equivalents.</summary>
    private static readonly string[] CQuotas = ["-E", "40", "-S", "600", "-W", "8", "-t", "3", "-A", "4"];

    private static readonly XenStoreServerOptions EmbeddedQuotas = new()
    {
        MaxNodesPerDomain = 40,
        MaxNodeSize = 600,
        MaxWatchesPerDomain = 8,
        MaxTransactionsPerConnection = 3,
        MaxPermissionsPerNode = 4,
    };

    /// <summary>The sequences: name (the root under which it runs), whether the guest sends them, the steps.</summary>
    public static TheoryData<string, bool, string> Sequences => new()
    {
        { "values", false, "WRITE ~/a hello; READ ~/a; WRITE ~/bin a\\0b\\x; READ ~/bin; READ ~/missing; WRITE ~/a ''; READ ~/a; WRITE ~/v {x*4000}; READ ~/v" },
        { "tree", false, "MKDIR ~/dir/sub; READ ~/dir; MKDIR ~/dir; DIRECTORY ~; DIRECTORY ~/dir/sub; DIRECTORY ~/missing; RM ~/dir; RM ~/dir; RM ~/missing/deeper; DIRECTORY ~; RM ~/a/b" },
        { "invalid", false, "READ ''; READ ~/; READ ~//x; READ ~/bad*char; READ ~/sp ace; WRITE! ~/nonul; READ! ~/a; READ ~/a extra; WRITE relative v; READ /local/domain/0/relative; RM relative; INVALID ~; GET_DOMAIN_PATH abc; RM /" },
        { "directory-part", false, "WRITE ~/big/child-with-a-long-name-{0..319} v; DIRECTORY ~/big; DIRECTORY_PART ~/big 0; DIRECTORY_PART ~/big 4000; DIRECTORY_PART ~/big 8000; DIRECTORY_PART ~/big 10240; DIRECTORY_PART ~/big 10241; DIRECTORY_PART ~/big 99999; WRITE ~/big/child-with-a-long-name-0000 w; DIRECTORY_PART ~/big 0; WRITE ~/big/another v; DIRECTORY_PART ~/big 0; DIRECTORY_PART ~/missing 0; DIRECTORY_PART ~/big; DIRECTORY_PART ~/big abc" },
        { "perms", false, "WRITE ~/p v; GET_PERMS ~/p; SET_PERMS ~/p n7 r0; GET_PERMS ~/p; SET_PERMS ~/p b0 r7 w7; GET_PERMS ~/p; SET_PERMS! ~/p; SET_PERMS ~/p x1; SET_PERMS ~/p r08; SET_PERMS ~/p n0 r0x10; GET_PERMS ~/p; SET_PERMS ~/missing n0; GET_PERMS ~/missing; SET_PERMS ~/p n0 r7 r7 r7 r7; SET_PERMS ~/p n0 r7 r7 r7; GET_PERMS ~/p; SET_PERMS ~/p n0 r99; GET_PERMS ~/p" },
        { "transactions", false, "TRANSACTION_START; WRITE@t1 ~/x 1; READ ~/x; READ@t1 ~/x; DIRECTORY@t1 ~; TRANSACTION_END@t1 T; READ ~/x; TRANSACTION_END@t1 T; TRANSACTION_START; WRITE@t2 ~/x 2; RM@t2 ~/x; TRANSACTION_END@t2 F; READ ~/x; READ@424242 ~/x; TRANSACTION_START; TRANSACTION_START@t3; TRANSACTION_END@t3 X; TRANSACTION_END@t3 ''; TRANSACTION_END@t3 F" },
        { "conflict", false, "WRITE ~/c 0; TRANSACTION_START; READ@t1 ~/c; d2:WRITE ~/c other; WRITE@t1 ~/c mine; TRANSACTION_END@t1 T; READ ~/c; TRANSACTION_START; READ@t2 ~/c; d2:WRITE ~/unrelated v; WRITE@t2 ~/c mine; TRANSACTION_END@t2 T; READ ~/c; TRANSACTION_START; WRITE@t3 ~/c again; d2:RM ~/c; TRANSACTION_END@t3 T; READ ~/c" },
        { "watches", false, "WATCH ~/w tok; WRITE ~/w/a v; WRITE ~/other v; d2:WRITE ~/w/b v; MKDIR ~/w/c/d; RM ~/w; UNWATCH ~/w tok; UNWATCH ~/w tok; WRITE ~/w v; WATCH ~/w tok; WATCH ~/w tok; WATCH ~/w other; TRANSACTION_START; WRITE@t1 ~/w/x 1; WRITE@t1 ~/w/x 2; TRANSACTION_END@t1 T; SET_PERMS ~/w n0; WATCH @bogus t; WATCH @introduceDomain t; WATCH ~/bad*path t; UNWATCH ~/never t" },
        { "domains", false, "IS_DOMAIN_INTRODUCED 7; IS_DOMAIN_INTRODUCED 0; IS_DOMAIN_INTRODUCED 9; GET_DOMAIN_PATH 7; GET_DOMAIN_PATH 0; RESUME 7; RESUME 9; RESET_WATCHES; *CONTROL help" },
        { "domain-lifecycle", false, "WATCH @introduceDomain i; WATCH @releaseDomain r; IS_DOMAIN_INTRODUCED 9; INTRODUCE 9 1 0; INTRODUCE 9 1 1; IS_DOMAIN_INTRODUCED 9; GET_DOMAIN_PATH 9; WRITE /local/domain/9/x v; SET_PERMS /local/domain/9/x n9; WRITE /local/domain/9/y v; INTRODUCE 9 1 1; SET_TARGET 9 7; WATCH /local/domain/9 w; RELEASE 9; IS_DOMAIN_INTRODUCED 9; READ /local/domain/9/x; READ /local/domain/9/y; GET_PERMS /local/domain/9/y; RELEASE 9; RELEASE 0; RM /local/domain/9; SET_PERMS @introduceDomain n0 r7; GET_PERMS @introduceDomain; SET_PERMS @other n0; SET_PERMS @introduceDomain n0" },
        { "nova-exchange", true, "WATCH data/host h; d:WRITE /local/domain/7/data/host/req1 {\"name\":\"version\",\"value\":\"agent\"}; DIRECTORY data/host; READ data/host/req1; WRITE data/guest/req1 {\"returncode\":\"0\",\"message\":\"1.0\"}; RM data/host/req1; d:READ /local/domain/7/data/guest/req1; d:GET_PERMS /local/domain/7/data/guest/req1; TRANSACTION_START; READ@t1 data/guest/req1; RM@t1 data/guest/req1; TRANSACTION_END@t1 T; READ data/guest/req1; UNWATCH data/host h; UNWATCH data/host h" },
        { "guest-special", true, "WATCH @introduceDomain i; WATCH @releaseDomain r; d:INTRODUCE 9 1 1; d:RELEASE 9; d:SET_PERMS @introduceDomain n0 r7; d:SET_PERMS @releaseDomain n0 r7; d:INTRODUCE 9 1 1; d:RELEASE 9; GET_PERMS @introduceDomain; d:SET_PERMS @introduceDomain n0; d:SET_PERMS @releaseDomain n0; d:INTRODUCE 9 1 1; d:RELEASE 9" },
        { "guest-conflict", true, "MKDIR ^; WRITE ^/c 0; TRANSACTION_START; READ@t1 ^/c; d:WRITE ~/c other; WRITE@t1 ^/c mine; TRANSACTION_END@t1 T; READ ^/c; TRANSACTION_START; WRITE@t2 ^/d v; MKDIR@t2 ^/e; TRANSACTION_END@t2 T; DIRECTORY ^" },
        { "guest-access", true, "READ /local/domain/0/name; READ domid; READ /local/domain/7; DIRECTORY /local/domain/7; GET_PERMS /local/domain/7; WRITE /local/domain/7/x v; MKDIR /x; RM /tool; DIRECTORY /local/domain; READ /tool/xenstored; WRITE ^/a v; READ ^/a; GET_PERMS ^/a; SET_PERMS ^/a n7 r0; GET_PERMS ^/a; SET_PERMS ^/a n0 r7; GET_PERMS ^/a; READ ^/a; WRITE ^/a w; RM ^/a; WRITE vm-data/x v; READ vm-data" },
        { "guest-domains", true, "GET_DOMAIN_PATH 7; GET_DOMAIN_PATH 0; IS_DOMAIN_INTRODUCED 7; INTRODUCE 9 1 1; RELEASE 7; RESUME 7; SET_TARGET 9 7; CONTROL help; RESET_WATCHES; READ ^" },
        { "guest-nodes", true, "MKDIR ^; WRITE ^/n{0..40} v; WRITE ^/n0 replaced; MKDIR ^/n0/over; RM ^/n40; RM ^/n39; WRITE ^/n39 v; WRITE ^/n40 v; RM ^/n0; d:WRITE ~/fromdom0 v; WRITE ^/n0 v" },
        { "guest-node-size", true, "WRITE ^/v {x*500}; WRITE ^/v {x*560}; WRITE ^/v {x*580}; WRITE ^/v {x*600}; READ ^/v; MKDIR ^/d; SET_PERMS ^/d n7 r0 r1 r2; SET_PERMS ^/d n7 r0 r1 r2 r3; GET_PERMS ^/d; WRITE ^/d/child-{0..30} v; d:WRITE ~/d {x*600}" },
        { "guest-watches", true, "WATCH ^/w{0..8} tok; WATCH ^/w9 tok; UNWATCH ^/w8 tok; WATCH ^/w9 tok; RESET_WATCHES; d:WRITE ~/w0 v; WATCH ^/w0 tok; RESET_WATCHES; TRANSACTION_START; RESET_WATCHES; TRANSACTION_END@t1 F; READ@t1 domid" },
        { "guest-events", true, "WATCH data/host req; WATCH domid rel; WATCH /local/domain/0 hidden; WATCH ^ mine; d:WRITE /local/domain/7/data/host/r1 {}; d:WRITE /local/domain/7/domid 7; d:WRITE /local/domain/0/name Domain-0; d:WRITE ~/x v; d:SET_PERMS ~/x n0; d:WRITE ~/x w; d:SET_PERMS ~/x n0 r7; d:WRITE ~/x w; d:RM ~/x; WATCH @introduceDomain t; WATCH @releaseDomain t; WATCH @other t; RM /local/domain/7/data/host/r1; MKDIR ^/a/b; RM ^/a" },
        { "event-subtree", false, "WRITE ~/t/a/b/c v; WRITE ~/t/a/d v; WATCH ~/t/a top; WATCH ~/t/a/b/c exact; WATCH ~/t/a/d leaf; RM ~/t/a; WATCH ~/t tok; TRANSACTION_START; WRITE@t1 ~/t/y v; RM@t1 ~/t/y; WRITE@t1 ~/t/z v; TRANSACTION_END@t1 T; TRANSACTION_START; RM@t2 ~/t; TRANSACTION_END@t2 T" },
        { "event-duplicates", false, "WATCH ~/a tok; WATCH ~/a/b tok; WRITE ~/a/b/c v; WATCH ~/a/b other; d2:WRITE ~/a/b/c w; TRANSACTION_START; WRITE@t1 ~/a/b/c 1; WRITE@t1 ~/a/b/c 2; TRANSACTION_END@t1 T" },
        { "guest-directory-part", true, "MKDIR ^; d:WRITE ~/child-with-a-long-name-{0..199} v; d:SET_PERMS ~ n7; DIRECTORY ^; DIRECTORY_PART ^ 0; DIRECTORY_PART ^ 3000; DIRECTORY_PART ^ 99999; d:SET_PERMS ~ n0; DIRECTORY_PART ^ 0" },
        { "guest-transactions", true, "MKDIR ^; TRANSACTION_START; TRANSACTION_START; TRANSACTION_START; TRANSACTION_START; TRANSACTION_START; TRANSACTION_END@t1 F; TRANSACTION_START; WRITE@t2 ^/x v; READ@t2 /local/domain/0/name; TRANSACTION_END@t2 T; READ ^/x; TRANSACTION_END@t3 F; TRANSACTION_START; WRITE@t6 ^/y {x*700}; WRITE@t6 ^/z v; TRANSACTION_END@t6 T; READ ^/y; READ ^/z; TRANSACTION_START; SET_PERMS@t7 ^ n7 r0 r1 r2 r3; WRITE@t7 ^/z v; TRANSACTION_END@t7 T; TRANSACTION_START; WRITE@t8 ^/n{0..40} v; TRANSACTION_END@t8 F; TRANSACTION_START; WRITE@t9 ^/y {x*700}; TRANSACTION_END@t9 F; READ ^/y" },
        { "guest-special-owner", true, "WATCH @introduceDomain i; SET_PERMS @introduceDomain n99; SET_PERMS @introduceDomain n7 r0 r1 r2 r3 r4; SET_PERMS @introduceDomain x7; SET_PERMS! @introduceDomain; d:SET_PERMS @introduceDomain n7; d:INTRODUCE 9 1 1; d:RELEASE 9; SET_PERMS @introduceDomain n7 r0 r99; d:INTRODUCE 9 1 1; d:RELEASE 9; TRANSACTION_START; SET_PERMS@t1 @introduceDomain n0; TRANSACTION_END@t1 F; d:INTRODUCE 9 1 1; d:RELEASE 9; d:SET_PERMS @introduceDomain n7; SET_PERMS @introduceDomain n0 r7; d:INTRODUCE 9 1 1; d:RELEASE 9; d:SET_PERMS @introduceDomain n0; d:INTRODUCE 9 1 1; d:RELEASE 9; WATCH @releaseDomain r; d:SET_PERMS @releaseDomain n7; SET_PERMS @releaseDomain n7 r0; d:INTRODUCE 9 1 1; d:RELEASE 9; d:SET_PERMS @releaseDomain n0; d:INTRODUCE 9 1 1; d:RELEASE 9" },
        { "guest-watch-forms", true, "MKDIR ^; WATCH ^ h; UNWATCH ~ h; UNWATCH ^ h; WATCH ~ a; UNWATCH ^ a; WATCH ^ s; WATCH ~ s; d:WRITE ~/x v; UNWATCH ~ s; UNWATCH ^ s; UNWATCH ^ s; WATCH ~ r; WATCH ^ r; UNWATCH ^ r; WATCH ^/ t; WATCH '' t; WATCH ^/../x t; WATCH ^//x t; UNWATCH '' t" },
        { "node-names", false, "WRITE ~/a@b v; WRITE ~/A-Z_0-9 v; WRITE ~/a.b v; WRITE ~/a:b v; WRITE ~/a+b v; WRITE ~/a=b v; WRITE ~/a%b v; WRITE ~/\u00e9 v; WRITE ~/a,b v; WRITE ~/@x v; DIRECTORY ~" },
        { "guest-tx-isolation", true, "MKDIR ^; d:TRANSACTION_START; READ@t1 domid; WRITE@t1 ^/x v; TRANSACTION_END@t1 T; d:WRITE@t1 ~/y v; d:TRANSACTION_END@t1 T; READ ^/y; READ ^/x" },
        { "guest-inherit", true, "MKDIR ^; WRITE ^/deep/er/x v; GET_PERMS ^/deep; GET_PERMS ^/deep/er/x; d:WRITE ~/byd/deep v; GET_PERMS ^/byd; GET_PERMS ^/byd/deep; d:MKDIR ~/w; d:SET_PERMS ~/w n0 w7; WRITE ^/w/c v; GET_PERMS ^/w/c; READ ^/w/c; READ ^/w; DIRECTORY ^/w; RM ^/w/c; WRITE ^/w v; READ ^/w; d:MKDIR ~/ro/mine; d:SET_PERMS ~/ro n0 r7; d:SET_PERMS ~/ro/mine n7; WATCH ^/ro t; RM ^/ro/mine; READ ^/ro/mine; DIRECTORY ^/ro; WRITE ^/ro/new v" },
        { "event-edges", false, "WRITE ~/e/old v; WRITE ~/e/keep v; WATCH ~/e w; WATCH ~/e/old o; d2:WATCH ~ other; MKDIR ~/e; MKDIR ~/e/keep; WRITE ~/e/keep v; SET_PERMS ~/e/keep n0; SET_PERMS ~/e/keep n0; RM ~/e/missing; RM ~/e/missing/deeper; TRANSACTION_START; READ@t1 ~/e/keep; TRANSACTION_END@t1 T; TRANSACTION_START; MKDIR@t2 ~/e/keep; TRANSACTION_END@t2 T; TRANSACTION_START; SET_PERMS@t3 ~/e/keep n0 r7; TRANSACTION_END@t3 T; TRANSACTION_START; RM@t4 ~/e; WRITE@t4 ~/e/new v; TRANSACTION_END@t4 T; DIRECTORY ~/e; TRANSACTION_START; WRITE@t5 ~/e/new/x v; RM@t5 ~/e/new; TRANSACTION_END@t5 T; DIRECTORY ~/e" },
        { "guest-event-edges", true, "MKDIR ^/a; WATCH ^ g; d:WATCH ~ d; WRITE ^/a v; MKDIR ^/a; RM ^/none; TRANSACTION_START; WRITE@t1 ^/a/b v; MKDIR@t1 ^/c; RM@t1 ^/a; WRITE@t1 ^/a v; TRANSACTION_END@t1 T; TRANSACTION_START; RM@t2 ^/c; TRANSACTION_END@t2 F; d:RM ~; MKDIR ^" },
        { "event-size", false, "WATCH ~/w {t*3900}; WRITE ~/w/{c*150} v; WRITE ~/w/{c*300} v; WRITE ~/w v; RM ~/w" },
        { "guest-event-size", true, "MKDIR ^/w; WATCH ^/w {t*3900}; d:WRITE ~/w/{c*165} v; d:WRITE ~/w/{c*175} v; WATCH ~/w {t*3880}; d:WRITE ~/w/{c*160} v; d:RM ~/w" },
        { "oversized", false, "WRITE ~/a v; READ {a*5000}; READ ~/a; WRITE ~/b {x*4090}; READ ~/a" },
        { "guest-paths", true, "WRITE ^/{a*2100} v; WRITE ^/{a*1900} v; READ ^/{a*1900}; WATCH ^/{a*2100} t; READ /local/domain/7/../7; READ @introduceDomain" },
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public async Task The_embedded_server_answers_as_C_xenstored_does(string name, bool asGuest, string script)
    {
        servers.C.Require();
        servers.C.AssertAlive();
        var steps = script.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        var c = await WireScript.RunAsync(servers.C.Dom0Socket, servers.C.GuestSocket, name, asGuest, steps);
        var ours = await WireScript.RunAsync(servers.Embedded.Dom0Socket, servers.Embedded.GuestSocket, name, asGuest, steps);

        // To see what a new row does (both transcripts, also when they agree).
        if (Environment.GetEnvironmentVariable("CXS_TRANSCRIPTS") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            await File.WriteAllLinesAsync(Path.Combine(keep, name + ".c.txt"), c);
            await File.WriteAllLinesAsync(Path.Combine(keep, name + ".ours.txt"), ours);
        }

        if (!c.SequenceEqual(ours))
        {
            var width = c.Max(line => line.Length) + 2;
            Assert.Fail("The transcripts differ (C xenstored | embedded server):\n" + string.Join('\n',
                Enumerable.Range(0, Math.Max(c.Count, ours.Count)).Select(i =>
                {
                    var left = i < c.Count ? c[i] : "";
                    var right = i < ours.Count ? ours[i] : "";
                    return (left == right ? "  " : "! ") + left.PadRight(width) + "| " + right;
                })));
        }
    }

    /// <summary>Both servers, started once for the class with the same quotas; C xenstored and its proxy killed at the end.</summary>
    public sealed class Servers : IAsyncLifetime
    {
        internal CXenstored C { get; private set; } = null!;

        internal EmbeddedXenStore Embedded { get; } = new(EmbeddedQuotas);

        public async ValueTask InitializeAsync() => C = await CXenstored.StartAsync(CQuotas);

        public async ValueTask DisposeAsync()
        {
            // A fixture that failed to start has no C to stop, only the embedded server.
            if (C is not null)
            {
                await C.DisposeAsync();
            }

            await Embedded.DisposeAsync();
        }
    }
}

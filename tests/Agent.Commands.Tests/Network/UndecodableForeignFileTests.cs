using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// A foreign <c>.network</c> file or NetworkManager keyfile whose name is not valid UTF-8 (an image's
/// Latin-1 <c>00-caf\xE9.network</c>): the real systemd-networkd and NetworkManager read it like any other
/// name (they take names as bytes), so it may take eth0 from ours; <c>resetnetwork</c>, reading the real
/// file system (<see cref="RootedFileSystem"/>), must refuse it as it refuses such a file with a readable name,
/// and name it exactly, its bytes that are not UTF-8 as <c>%XX</c>.
/// </summary>
public sealed class UndecodableForeignFileTests
{
    private const string Networkd = "/etc/systemd/network";
    private const string Keyfiles = "/etc/NetworkManager/system-connections";
    private static readonly byte[] NetworkdName = RawFileNames.Latin1("00-caf\xE9.network");
    private static readonly byte[] KeyfileName = RawFileNames.Latin1("caf\xE9.nmconnection");

    private const string ForeignNetwork = "[Match]\nName=eth0\n\n[Network]\nAddress=198.51.100.7/24\nIPv6AcceptRA=no\n";

    private const string ForeignKeyfile = "[connection]\nid=cafe eth0\nuuid=00000000-0000-4000-8000-000000000001\ntype=ethernet\ninterface-name=eth0\nautoconnect-priority=999\n\n[ipv4]\nmethod=manual\naddress1=198.51.100.7/24\n\n[ipv6]\nmethod=ignore\n";

    [Fact]
    public async Task Networkd_configures_eth0_with_a_foreign_file_whose_name_is_not_utf8_and_resetnetwork_refuses_it()
    {
        var configuration = NetworkFixture.Load("ipv4-only").Build();
        using var files = new TemporaryDirectory();
        WriteOurs(configuration, files);

        NetworkdDaemon.WithoutRouterSolicitation(files.Path);
        RawFileNames.Create(files.Path, NetworkdName, ForeignNetwork, RenderedFile.Public);
        try
        {
            // Waited for by networkd's link states: systemd-networkd-wait-online cannot read eth0's, whose NETWORK_FILE= is
            // this name, and would wait out its whole timeout on every run.
            var state = await NetworkdDaemon.RunAsync(configuration, files.Path, waitOnline: false);
            var used = state.NetworkFiles.GetValueOrDefault("eth0");
            Assert.True(used == $"{Networkd}/00-caf\uFFFD.network" && state.Addresses.Contains("eth0 198.51.100.7/24"), $"networkd configures eth0 from '{used}':\n{state.Transcript}");
        }
        finally
        {
            RawFileNames.Remove(files.Path, NetworkdName);
        }

        var refusal = Refusal(Networkd, NetworkdName, ForeignNetwork, RenderedFile.Public, view => new NetworkdRenderer().Render(configuration, view));
        Assert.StartsWith($"{Networkd}/00-caf%E9.network has a name that is not valid UTF-8", refusal, StringComparison.Ordinal);
        Assert.Contains("eth0", refusal, StringComparison.Ordinal);
        Assert.EndsWith("nothing was changed", refusal, StringComparison.Ordinal);
    }

    // networkd reads a drop-in by its bytes too. Before session 66 one of our own file whose name is not UTF-8 went unread (a known limit):
    // its address was applied beside ours under a 0 answer.
    [Fact]
    public async Task Networkd_applies_a_drop_in_of_our_file_whose_name_is_not_utf8_and_resetnetwork_refuses_it()
    {
        const string ours = "05-guest-agent-eth0.network";
        var dropIn = RawFileNames.Latin1("caf\xE9.conf");
        const string adds = "[Network]\nAddress=198.51.100.7/24\n";
        var configuration = NetworkFixture.Load("ipv4-only").Build();
        using var files = new TemporaryDirectory();
        WriteOurs(configuration, files);

        Directory.CreateDirectory(files.Combine($"{ours}.d"), (UnixFileMode)Convert.ToInt32("755", 8));
        RawFileNames.Create(files.Combine($"{ours}.d"), dropIn, adds, RenderedFile.Public);
        try
        {
            var state = await NetworkdDaemon.RunAsync(configuration, files.Path, waitOnline: false);
            Assert.True(
                state.NetworkFiles.GetValueOrDefault("eth0") == $"{Networkd}/{ours}" && state.Addresses.Contains("eth0 198.51.100.7/24"),
                $"networkd applies the drop-in to eth0:\n{state.Transcript}");
        }
        finally
        {
            RawFileNames.Remove(files.Combine($"{ours}.d"), dropIn);
        }

        var refusal = Refusal($"{Networkd}/{ours}.d", dropIn, adds, RenderedFile.Public, view => new NetworkdRenderer().Render(configuration, view));
        Assert.Equal(
            $"{Networkd}/{ours}.d/caf%E9.conf is a drop-in of {ours}, which resetnetwork writes for eth0, and its name is not valid UTF-8, so resetnetwork cannot read it: " +
            "systemd-networkd reads it after that file and applies what it sets too (a [Match] that leaves eth0 out, more addresses, DHCP), so eth0 may not get just the configured addresses; " +
            "rename it in UTF-8 (to be checked) or remove it, or let another network system configure this guest; nothing was changed",
            refusal);
    }

    // A foreign file before ours that leaves eth0 out (Name=eth9) but whose drop-in, named in Latin-1, adds eth0: networkd 252
    // configures eth0 from it. Before session 66 such a drop-in went unread (a known limit) and the reset answered 0.
    [Fact]
    public async Task Networkd_configures_eth0_from_a_foreign_file_through_a_drop_in_whose_name_is_not_utf8_and_resetnetwork_refuses_it()
    {
        const string foreign = "00-foo.network";
        const string eth9 = "[Match]\nName=eth9\n\n[Network]\nAddress=198.51.100.7/24\nIPv6AcceptRA=no\n";
        var dropIn = RawFileNames.Latin1("caf\xE9.conf");
        const string addsEth0 = "[Match]\nName=eth0\n";
        var configuration = NetworkFixture.Load("ipv4-only").Build();
        using var files = new TemporaryDirectory();
        WriteOurs(configuration, files);

        NetworkdDaemon.WithoutRouterSolicitation(files.Path);
        File.WriteAllText(files.Combine(foreign), eth9);
        File.SetUnixFileMode(files.Combine(foreign), RenderedFile.Public);
        Directory.CreateDirectory(files.Combine($"{foreign}.d"), (UnixFileMode)Convert.ToInt32("755", 8));
        RawFileNames.Create(files.Combine($"{foreign}.d"), dropIn, addsEth0, RenderedFile.Public);
        try
        {
            var state = await NetworkdDaemon.RunAsync(configuration, files.Path, waitOnline: false);
            Assert.True(
                state.NetworkFiles.GetValueOrDefault("eth0") == $"{Networkd}/{foreign}" && state.Addresses.Contains("eth0 198.51.100.7/24"),
                $"networkd configures eth0 from {foreign} through its drop-in:\n{state.Transcript}");
        }
        finally
        {
            RawFileNames.Remove(files.Combine($"{foreign}.d"), dropIn);
        }

        using var root = new TemporaryDirectory();
        var host = root.Path + Networkd;
        Directory.CreateDirectory($"{host}/{foreign}.d", (UnixFileMode)Convert.ToInt32("755", 8));
        File.WriteAllText($"{host}/{foreign}", eth9);
        RawFileNames.Create($"{host}/{foreign}.d", dropIn, addsEth0, RenderedFile.Public);
        try
        {
            var view = new FileSystemView(new RootedFileSystem(root.Path));
            Assert.Equal(
                $"{Networkd}/{foreign}.d/caf%E9.conf is a drop-in of {foreign}, which comes before 05-guest-agent-eth0.network in the order systemd-networkd reads its files (by name, across its directories), " +
                "and its name is not valid UTF-8, so resetnetwork cannot read it: networkd applies it after that file, so whether that file's [Match] catches eth0 cannot be told here; if it does, networkd configures eth0 with that file, not with the configured addresses; " +
                $"rename it in UTF-8 (to be checked) or remove it, rename {foreign} to sort after 05-guest-agent-eth0.network, or let another network system configure this guest; nothing was changed",
                Assert.IsType<InvalidNetworkDataException>(Record.Exception(() => new NetworkdRenderer().Render(configuration, view))).Message);
        }
        finally
        {
            RawFileNames.Remove($"{host}/{foreign}.d", dropIn);
        }
    }

    // A foreign file that catches eth0 as read, whose unread drop-in (in /usr/lib, for a file in /etc) may leave it out or not:
    // refused unread too, naming the drop-in, not for a [Match] that cannot be told.
    [Fact]
    public void A_foreign_file_matching_eth0_as_read_with_an_unreadable_drop_in_elsewhere_is_refused_naming_the_drop_in()
    {
        var view = new InMemoryFileView(
            new Dictionary<string, string>(StringComparer.Ordinal) { [$"{Networkd}/00-a.network"] = "[Match]\nName=eth0\n" },
            undecodable: new Dictionary<string, byte[][]>(StringComparer.Ordinal) { ["/usr/lib/systemd/network/00-a.network.d"] = [RawFileNames.Latin1("\xE9.conf")] });

        Assert.StartsWith(
            "/usr/lib/systemd/network/00-a.network.d/%E9.conf is a drop-in of 00-a.network, which comes before 05-guest-agent-eth0.network",
            Assert.Throws<InvalidNetworkDataException>(() => new NetworkdRenderer().Render(NetworkFixture.Load("ipv4-only").Build(), view)).Message,
            StringComparison.Ordinal);
    }

    /// <summary>A drop-in of our file networkd does not read, or one after ours of a foreign file, is no refusal whatever its name.</summary>
    [Theory]
    [InlineData("/etc/systemd/network/05-guest-agent-eth0.network.d", ".caf\xE9.conf")]
    [InlineData("/etc/systemd/network/05-guest-agent-eth0.network.d", "caf\xE9.conf.bak")]
    [InlineData("/etc/systemd/network/05-guest-agent-eth1.network.d", "caf\xE9.conf")]
    [InlineData("/etc/systemd/network/99-x.network.d", "caf\xE9.conf")]
    [InlineData("/etc/systemd/network/00-foo.network.d", ".caf\xE9.conf")]
    [InlineData("/run/systemd/network/00-foo.network.d", "caf\xE9.conf.bak")]
    [InlineData("/etc/systemd/network/00-none.network.d", "caf\xE9.conf")]
    [InlineData("/etc/systemd/network/00-empty.network.d", "caf\xE9.conf")]
    public void A_drop_in_whose_name_is_not_utf8_that_networkd_does_not_apply_to_our_file_is_no_refusal(string directory, string latin1)
    {
        // 00-foo leaves eth0 out and sorts before ours; 00-none has no file; 00-empty is empty, which networkd skips whatever its drop-ins say.
        var view = new InMemoryFileView(
            new Dictionary<string, string>(StringComparer.Ordinal) { [$"{Networkd}/00-foo.network"] = "[Match]\nName=eth9\n", [$"{Networkd}/00-empty.network"] = "" },
            undecodable: new Dictionary<string, byte[][]>(StringComparer.Ordinal) { [directory] = [RawFileNames.Latin1(latin1)] });

        Assert.Null(Record.Exception(() => new NetworkdRenderer().Render(NetworkFixture.Load("ipv4-only").Build(), view)));
    }

    [Fact]
    public async Task NetworkManager_activates_a_keyfile_whose_name_is_not_utf8_and_resetnetwork_refuses_it()
    {
        var configuration = NetworkFixture.Load("ipv4-only").Build();
        using var files = new TemporaryDirectory();
        File.SetUnixFileMode(files.Path, (UnixFileMode)Convert.ToInt32("700", 8));
        RawFileNames.Create(files.Path, KeyfileName, ForeignKeyfile, RenderedFile.Private);
        try
        {
            var state = await NetworkManagerDaemon.RunAsync(configuration, new Dictionary<string, string>(StringComparer.Ordinal) { [Keyfiles] = files.Path });
            Assert.True(state.Devices["eth0"].Connection == "cafe eth0" && state.Addresses.Contains("eth0 198.51.100.7/24"), $"eth0 has '{state.Devices["eth0"].Connection}':\n{state.Transcript}");
        }
        finally
        {
            RawFileNames.Remove(files.Path, KeyfileName);
        }

        var refusal = Refusal(Keyfiles, KeyfileName, ForeignKeyfile, RenderedFile.Private, view => new NetworkManagerRenderer().Render(configuration, view));
        Assert.StartsWith($"{Keyfiles}/caf%E9.nmconnection has a name that is not valid UTF-8", refusal, StringComparison.Ordinal);
        Assert.Contains("eth0", refusal, StringComparison.Ordinal);
        Assert.EndsWith("nothing was changed", refusal, StringComparison.Ordinal);
    }

    /// <summary>
    /// Which such names are refused, unread: a <c>.network</c> one that sorts before ours (networkd sorts names as bytes, so a
    /// name starting with a byte above ASCII sorts after), in any of networkd's directories; a keyfile NetworkManager reads
    /// by its name (not hidden, a backup, a temporary or a certificate in <c>/etc</c>; only <c>*.nmconnection</c> elsewhere; networkd
    /// reads no hidden name either, as <see cref="NetworkdDropInTests"/> checks for a UTF-8 one).
    /// Each named with its bytes escaped, quotes and <c>%</c> too (<c>null</c>: not refused).
    /// </summary>
    public static TheoryData<string, string, string?> Names() => new()
    {
        { Networkd, "00-caf\xE9.network", "/etc/systemd/network/00-caf%E9.network has a name that is not valid UTF-8, so resetnetwork cannot read it, and comes before 05-guest-agent-eth0.network" },
        { "/run/systemd/network", "05-a'%\xE9.network", "/run/systemd/network/05-a%27%25%E9.network has a name" },
        { "/lib/systemd/network", "05-guest-agent-d\xE9.network", "/lib/systemd/network/05-guest-agent-d%E9.network has a name" },
        { Networkd, "05-guest-agent-eth0\xE9.network", null },
        { Networkd, "\xE9.network", null },
        { Networkd, "99-caf\xE9.network", null },
        { Networkd, "00-caf\xE9.network.bak", null },
        { Networkd, "00-caf\xE9.networ", null },
        { Networkd, ".00-caf\xE9.network", null },
        { Keyfiles, "caf\xE9", "/etc/NetworkManager/system-connections/caf%E9 has a name that is not valid UTF-8, so resetnetwork cannot read it, and NetworkManager reads it: it may be a connection at autoconnect-priority=999, the priority of guest-agent-eth0.nmconnection" },
        { Keyfiles, "guest-agent-eth0\xE9.nmconnection", "/etc/NetworkManager/system-connections/guest-agent-eth0%E9.nmconnection has a name" },
        { Keyfiles, ".caf\xE9.nmconnection", null },
        { Keyfiles, "caf\xE9.nmconnection~", null },
        { Keyfiles, "caf\xE9.Ab12cD", null },
        { Keyfiles, "caf\xE9.PEM", null },
        { "/run/NetworkManager/system-connections", "caf\xE9.nmconnection", "/run/NetworkManager/system-connections/caf%E9.nmconnection has a name" },
        { "/usr/lib/NetworkManager/system-connections", "\xE9.nmconnection", "/usr/lib/NetworkManager/system-connections/%E9.nmconnection has a name" },
        { "/usr/lib/NetworkManager/system-connections", "caf\xE9", null },
        { "/run/NetworkManager/system-connections", "caf\xE9.nmconnection.bak", null },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void A_name_that_is_not_utf8_is_refused_where_the_daemon_reads_it_before_ours(string directory, string latin1, string? refused)
    {
        var name = RawFileNames.Latin1(latin1);
        var view = new InMemoryFileView(undecodable: new Dictionary<string, byte[][]>(StringComparer.Ordinal) { [directory] = [name] });
        var configuration = NetworkFixture.Load("ipv4-only").Build();
        Func<RenderResult> render = directory.Contains("NetworkManager", StringComparison.Ordinal)
            ? () => new NetworkManagerRenderer().Render(configuration, view)
            : () => new NetworkdRenderer().Render(configuration, view);

        var refusal = Record.Exception(render);

        if (refused is null)
        {
            Assert.Null(refusal);
        }
        else
        {
            var message = Assert.IsType<InvalidNetworkDataException>(refusal).Message;
            Assert.StartsWith(refused, message, StringComparison.Ordinal);
            Assert.EndsWith("nothing was changed", message, StringComparison.Ordinal);
            Assert.All(message, c => Assert.InRange(c, ' ', '~'));
        }
    }

    [Fact]
    public void A_readable_file_before_an_undecodable_one_is_named_and_a_name_in_etc_does_not_hide_the_bytes_elsewhere()
    {
        var configuration = NetworkFixture.Load("ipv4-only").Build();
        var both = new InMemoryFileView(
            new Dictionary<string, string>(StringComparer.Ordinal) { [$"{Networkd}/00-a.network"] = "[Match]\nName=eth0\n" },
            undecodable: new Dictionary<string, byte[][]>(StringComparer.Ordinal) { [Networkd] = [RawFileNames.Latin1("00-\xE9.network")] });
        Assert.StartsWith($"{Networkd}/00-a.network also matches eth0", Assert.Throws<InvalidNetworkDataException>(() => new NetworkdRenderer().Render(configuration, both)).Message, StringComparison.Ordinal);

        // The same bytes in /etc and /run: networkd reads the one in /etc, which is named.
        var twice = new InMemoryFileView(undecodable: new Dictionary<string, byte[][]>(StringComparer.Ordinal)
        {
            ["/run/systemd/network"] = [RawFileNames.Latin1("00-\xE9.network")],
            [Networkd] = [RawFileNames.Latin1("00-\xE9.network")],
        });
        Assert.StartsWith($"{Networkd}/00-%E9.network has a name", Assert.Throws<InvalidNetworkDataException>(() => new NetworkdRenderer().Render(configuration, twice)).Message, StringComparison.Ordinal);
    }

    // networkd's own name with a foreign tail that is not UTF-8, sorting after ours (so not refused): .NET's listing decodes it with
    // U+FFFD, which matched our prefix and suffix, so the reset listed it as a stale file of its own and moved a path that names
    // nothing; every reset failed ("Couldn't write the network configuration (…)") until the file went. No name of ours is ever
    // anything but UTF-8: it is not ours, and stays.
    [Fact]
    public async Task A_name_like_ours_that_is_not_utf8_is_no_stale_file_of_ours_and_stays()
    {
        using var root = ResetNetworkEndToEndTests.RackspaceMachine("debian");
        root.Write("/usr/lib/systemd/systemd-networkd", "");
        root.Link("/etc/systemd/system/multi-user.target.wants/systemd-networkd.service", "/usr/lib/systemd/system/systemd-networkd.service");
        var directory = root.Host(Networkd);
        FixtureDirectories.Create(directory);
        var name = RawFileNames.Latin1("05-guest-agent-old\xE9.network");
        RawFileNames.Create(directory, name, ForeignNetwork.Replace("eth0", "eth9", StringComparison.Ordinal), RenderedFile.Public);
        try
        {
            var view = new FileSystemView(root.CreateSystem().FileSystem);
            var removals = new NetworkdRenderer().Render(NetworkFixture.Load("rackspace").Build(), view).Removals;

            Assert.Equal(CommandResult.Ok(), await ResetNetworkEndToEndTests.ResetAsync(root, ResetNetworkEndToEndTests.VmData()));
            Assert.Empty(removals);
            Assert.NotNull(root.Read($"{Networkd}/05-guest-agent-eth0.network"));
            Assert.Equal([name], root.CreateSystem().FileSystem.ListUndecodableNames(Networkd));
        }
        finally
        {
            RawFileNames.Remove(directory, name);
        }
    }

    /// <summary>The renderer's refusal over a root holding the file <paramref name="name"/> in <paramref name="directory"/>, read through the real file system.</summary>
    /// <summary>Our networkd files for <paramref name="configuration"/>, as resetnetwork writes them, in a directory networkd reads.</summary>
    private static void WriteOurs(NetworkConfiguration configuration, TemporaryDirectory files)
    {
        File.SetUnixFileMode(files.Path, (UnixFileMode)Convert.ToInt32("755", 8));
        foreach (var file in new NetworkdRenderer().Render(configuration, new InMemoryFileView()).Files)
        {
            File.WriteAllText(files.Combine(Path.GetFileName(file.Path)), file.Contents);
            File.SetUnixFileMode(files.Combine(Path.GetFileName(file.Path)), RenderedFile.Public);
        }
    }

    private static string Refusal(string directory, byte[] name, string contents, UnixFileMode mode, Func<IFileView, RenderResult> render)
    {
        using var root = new TemporaryDirectory();
        var host = root.Path + directory;
        Directory.CreateDirectory(host, (UnixFileMode)Convert.ToInt32("755", 8));
        RawFileNames.Create(host, name, contents, mode);
        try
        {
            var view = new FileSystemView(new RootedFileSystem(root.Path));
            return Assert.IsType<InvalidNetworkDataException>(Record.Exception(() => render(view))).Message;
        }
        finally
        {
            RawFileNames.Remove(host, name);
        }
    }
}

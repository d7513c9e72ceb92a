using System.Collections.Immutable;
using System.Globalization;
using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// The watch registry on its own: which watches a change matches and in what order (registration
/// order over every connection, before the permission check), and what registering and removing
/// leaves behind, also with tens of thousands of watches (dom0 has no watch quota). The order over
/// connections is not on any one wire (each connection hears its own part in order:
/// <see cref="WatchEventOrderTests"/>), so it is read here, from <see cref="WatchRegistry.Matching"/>.
/// </summary>
public sealed class WatchRegistryTests : IDisposable
{
    private const int Many = 20_000;

    private readonly DetachedConnections _connections = new();
    private readonly WatchRegistry _registry = new();

    public void Dispose() => _connections.Dispose();

    [Fact]
    public void A_change_matches_in_registration_order_over_all_connections()
    {
        var first = _connections.Create(XenStoreIdentity.Dom0);
        var second = _connections.Create(XenStoreIdentity.Dom0);
        var guest = _connections.Create(XenStoreIdentity.Guest(7));
        Add(first, "/n/a/b", "1");
        Add(second, "/n/a", "2");
        Add(guest, "/", "3");
        Add(first, "/n/a/b/x/y", "below"); // below the change
        Add(second, "/n/a/b/x", "4");
        Add(first, "/n", "5");
        Add(guest, "/n/ab", "sibling"); // a sibling sharing a prefix
        Add(second, "/n/a/b", "6");

        Assert.Equal(["1", "2", "3", "4", "5", "6"], Tokens(Change("/n/a/b/x")));
        Assert.Equal([first, second, guest, second, first, second], _registry.Matching(Change("/n/a/b/x")).Select(w => w.Connection));
    }

    [Fact]
    public void An_exact_only_change_or_a_special_path_matches_only_watches_on_the_path_itself()
    {
        var first = _connections.Create(XenStoreIdentity.Dom0);
        var second = _connections.Create(XenStoreIdentity.Dom0);
        Add(first, "/e", "above");
        Add(second, "/e/f", "1");
        Add(first, "/e/f/g", "below");
        Add(first, "/e/f", "2");
        Add(second, XenStorePath.ReleaseDomain, "3");
        Add(first, "/", "root");
        Add(first, XenStorePath.ReleaseDomain, "4");
        Add(second, XenStorePath.IntroduceDomain, "other");

        Assert.Equal(["1", "2"], Tokens(Change("/e/f", exactOnly: true)));
        Assert.Equal(["3", "4"], Tokens(Change(XenStorePath.ReleaseDomain)));
        Assert.Equal(["above", "1", "2", "root"], Tokens(Change("/e/f")));
    }

    [Fact]
    public void A_watch_removed_and_added_again_comes_after_the_others()
    {
        var first = _connections.Create(XenStoreIdentity.Dom0);
        var second = _connections.Create(XenStoreIdentity.Dom0);
        Add(first, "/r", "a");
        Add(second, "/r", "b");
        Add(first, "/", "c");

        Assert.True(_registry.Remove(first, "/r", "a"));
        Assert.False(_registry.Contains(first, "/r", "a"));
        Assert.Equal(["b", "c"], Tokens(Change("/r/q")));
        Add(first, "/r", "a");

        Assert.True(_registry.Contains(first, "/r", "a"));
        Assert.Equal(["b", "c", "a"], Tokens(Change("/r/q")));
    }

    [Fact]
    public void Removing_needs_the_connection_the_resolved_path_and_the_token()
    {
        var first = _connections.Create(XenStoreIdentity.Dom0);
        var second = _connections.Create(XenStoreIdentity.Dom0);
        Add(first, "/p", "t");

        Assert.False(_registry.Contains(second, "/p", "t"));
        Assert.False(_registry.Remove(second, "/p", "t"));
        Assert.False(_registry.Remove(first, "/p", "other"));
        Assert.False(_registry.Remove(first, "/p/q", "t"));
        Assert.Equal(["t"], Tokens(Change("/p")));
        Assert.True(_registry.Remove(first, "/p", "t"));
        Assert.False(_registry.Remove(first, "/p", "t"));
        Assert.Empty(Tokens(Change("/p")));
    }

    [Fact]
    public void Duplicates_of_a_device_connection_all_fire_and_one_unwatch_removes_them_all()
    {
        // The kernel's xenbus registers duplicates without complaint; UNWATCH removes every copy.
        var device = _connections.Create(XenStoreIdentity.Guest(7), emulatesDevice: true);
        Add(device, "/dup", "t");
        Add(device, "/", "between");
        Add(device, "/dup", "t");

        Assert.Equal(["t", "between", "t"], Tokens(Change("/dup")));
        Assert.Equal(3, _registry.CountFor(7));
        Assert.True(_registry.Remove(device, "/dup", "t"));
        Assert.Equal(["between"], Tokens(Change("/dup")));
        Assert.Equal(1, _registry.CountFor(7));
    }

    [Fact]
    public void The_count_is_per_domain_over_all_its_connections()
    {
        var first = _connections.Create(XenStoreIdentity.Guest(7));
        var second = _connections.Create(XenStoreIdentity.Guest(7));
        var other = _connections.Create(XenStoreIdentity.Guest(8));
        Add(first, "/a", "1");
        Add(first, "/b", "2");
        Add(second, "/a", "3");
        Add(other, "/a", "4");

        Assert.Equal(3, _registry.CountFor(7));
        Assert.Equal(1, _registry.CountFor(8));
        Assert.Equal(0, _registry.CountFor(0));
        _registry.RemoveAll(first);
        Assert.Equal(1, _registry.CountFor(7));
        Assert.True(_registry.Remove(second, "/a", "3"));
        Assert.Equal(0, _registry.CountFor(7));
        Assert.Equal(["4"], Tokens(Change("/a")));
    }

    [Fact]
    public void With_twenty_thousand_watches_on_distinct_paths_a_change_matches_exactly_its_own_and_its_ancestors()
    {
        var many = _connections.Create(XenStoreIdentity.Dom0);
        var other = _connections.Create(XenStoreIdentity.Dom0);
        Add(many, "/", "root");
        for (var i = 0; i < Many; i++)
        {
            Add(many, Path(i), Token(i));
        }

        Add(other, "/s", "top");

        Assert.Equal(["root", Token(12_345), "top"], Tokens(Change(Path(12_345) + "/x")));
        Assert.Equal(["root", Token(1_234), "top"], Tokens(Change(Path(1_234))));
        Assert.Equal([Token(1_234)], Tokens(Change(Path(1_234), exactOnly: true)));
        Assert.Equal(["root", "top"], Tokens(Change("/s")));
        Assert.Equal(["root", "top"], Tokens(Change("/s/none")));
        Assert.Equal(["root"], Tokens(Change("/t/0")));
        Assert.Equal(Many + 2, _registry.CountFor(0));
        Assert.True(_registry.Contains(many, Path(Many - 1), Token(Many - 1)));
        Assert.False(_registry.Contains(many, Path(Many - 1), Token(Many - 2)));
    }

    [Fact]
    public void Removing_a_connection_with_twenty_thousand_watches_drops_every_one_and_nothing_else()
    {
        var many = _connections.Create(XenStoreIdentity.Dom0);
        var other = _connections.Create(XenStoreIdentity.Dom0);
        for (var i = 0; i < Many; i++)
        {
            Add(many, Path(i), Token(i));
            if (i % 1_000 == 0)
            {
                Add(other, Path(i), "kept" + Token(i));
            }
        }

        _registry.RemoveAll(many);

        Assert.Equal(Many / 1_000, _registry.CountFor(0));
        Assert.Empty(Tokens(Change(Path(12_345))));
        Assert.Equal(["kept" + Token(12_000)], Tokens(Change(Path(12_000) + "/x")));
        Assert.False(_registry.Contains(many, Path(12_000), Token(12_000)));
        Assert.False(_registry.Remove(many, Path(12_000), Token(12_000)));
        Add(many, Path(12_000), Token(12_000));
        Assert.Equal(["kept" + Token(12_000), Token(12_000)], Tokens(Change(Path(12_000))));
    }

    [Fact]
    public void Nothing_is_kept_for_a_path_a_connection_or_a_domain_once_its_last_watch_is_gone()
    {
        var first = _connections.Create(XenStoreIdentity.Guest(7));
        var second = _connections.Create(XenStoreIdentity.Guest(8), emulatesDevice: true);
        for (var i = 0; i < 100; i++)
        {
            Add(first, Path(i), Token(i));
            Add(second, Path(i), "shared");
            Add(second, Path(i), "shared"); // a device's duplicate
        }

        Assert.Equal((100, 2, 2), _registry.Footprint);
        for (var i = 0; i < 50; i++)
        {
            Assert.True(_registry.Remove(second, Path(i), "shared"));
        }

        Assert.Equal((100, 2, 2), _registry.Footprint); // the first connection still watches them
        _registry.RemoveAll(first);
        Assert.Equal((50, 1, 1), _registry.Footprint);
        for (var i = 50; i < 100; i++)
        {
            Assert.True(_registry.Remove(second, Path(i), "shared"));
        }

        Assert.Equal((0, 0, 0), _registry.Footprint);
    }

    [Fact]
    public void Paths_and_tokens_match_byte_for_byte()
    {
        var connection = _connections.Create(XenStoreIdentity.Dom0);
        Add(connection, "/Case", "Token");
        Add(connection, "/case/x", "lower");

        Assert.Equal(["Token"], Tokens(Change("/Case/x")));
        Assert.Equal(["lower"], Tokens(Change("/case/x")));
        Assert.Empty(Tokens(Change("/CASE/x")));
        Assert.False(_registry.Contains(connection, "/case", "Token"));
        Assert.False(_registry.Contains(connection, "/Case", "token"));
        Assert.False(_registry.Remove(connection, "/Case", "TOKEN"));
    }

    private static string Path(int i) => "/s/" + i.ToString(CultureInfo.InvariantCulture);

    private static string Token(int i) => "w" + i.ToString(CultureInfo.InvariantCulture);

    private static StoreEvent Change(string path, bool exactOnly = false) =>
        new(path, exactOnly, ImmutableArray<XenStorePermission>.Empty);

    private void Add(ServerConnection connection, string resolvedPath, string token) =>
        _registry.Add(new ServerWatch(connection, resolvedPath, resolvedPath, token, RelativePrefix: null));

    private List<string> Tokens(StoreEvent change) => [.. _registry.Matching(change).Select(watch => watch.Token)];
}

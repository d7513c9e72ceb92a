using GuestAgent.XenStore.Tests.Infrastructure;
using static GuestAgent.XenStore.Tests.Infrastructure.XenStoreTools;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// The path length rule as C xenstored 4.17's <c>is_valid_nodename</c> applies it: 2048 bytes after
/// <c>/local/domain/&lt;id&gt;/</c> where <c>sscanf("/local/domain/%5u/%n")</c> reads a home there,
/// and for the whole path otherwise. Driven with the real <c>xenstore-write</c> (dom0's socket).
/// </summary>
public sealed class PathLengthTests : IAsyncLifetime
{
    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Theory]
    [InlineData("/local/domain/abc/")]
    [InlineData("/local/domain/123456/")]
    [InlineData("/local/domain/")]
    public async Task A_path_whose_home_component_is_no_domain_id_is_limited_as_a_whole(string prefix)
    {
        var longest = prefix + new string('a', 2048 - prefix.Length);
        var tooLong = prefix + new string('a', 2049 - prefix.Length);

        var refused = await RunAsync(_store.Dom0Socket, "xenstore-write", tooLong, "v");
        await SucceedAsync(_store.Dom0Socket, "xenstore-write", longest, "v");

        Assert.Equal(1, refused.ExitCode);
        Assert.Null(_store.Server.TryRead(tooLong));
        Assert.Equal("v"u8.ToArray(), _store.Server.TryRead(longest));
    }

    [Fact]
    public async Task Below_a_domain_home_2048_bytes_follow_the_home()
    {
        var longest = "/local/domain/12345/" + new string('a', 2048);

        await SucceedAsync(_store.Dom0Socket, "xenstore-write", longest, "v");
        var refused = await RunAsync(_store.Dom0Socket, "xenstore-write", longest + "b", "v");

        Assert.Equal("v"u8.ToArray(), _store.Server.TryRead(longest));
        Assert.Equal(1, refused.ExitCode);
    }
}

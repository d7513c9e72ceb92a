using GuestAgent.Protocol;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Client;

/// <summary>
/// What a <see cref="XenStoreErrorException"/> from a real ERROR reply carries: the error's name, the
/// request's type and its whole path, while its message (which ends up in log lines) quotes the path
/// only as far as <see cref="HostTextForLog"/> allows.
/// </summary>
public sealed class ErrorReplyExceptionTests
{
    [Fact]
    public async Task A_long_paths_error_keeps_the_whole_path_and_quotes_it_capped()
    {
        await using var store = new EmbeddedXenStore();
        await using var dom0 = await store.Dom0Async();
        var path = "/missing/" + new string('a', 1500);

        var error = await Assert.ThrowsAsync<XenStoreErrorException>(() => dom0.DirectoryAsync(path));

        Assert.Equal("ENOENT", error.ErrorName);
        Assert.True(error.IsKnownError);
        Assert.Equal(XenStoreMessageType.Directory, error.RequestType);
        Assert.Equal(path, error.Path);
        Assert.Equal($"XenStore Directory '{HostTextForLog.Cap(path)}' failed: ENOENT", error.Message);
        Assert.DoesNotContain(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EQUOTA")] // oxenstored's, outside the 4.17 table
    [InlineData("EWHATEVER")]
    public void A_name_outside_the_table_is_kept_and_not_known(string name)
    {
        var error = new XenStoreErrorException(name, XenStoreMessageType.Write, "/a");

        Assert.Equal(name, error.ErrorName);
        Assert.False(error.IsKnownError);
    }
}

using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Update;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>A download that cannot be stored (the staging directory's disk is full) is answered with the reason.</summary>
public sealed class DownloadDiskFullTests : IAsyncDisposable
{
    private readonly TinyHttpServer _server = new();

    [Fact]
    public async Task A_full_disk_is_answered_as_a_download_failure_that_says_so()
    {
        _server.Serve("/update.tgz", new byte[200_000]);

        var error = await Assert.ThrowsAsync<CommandException>(() => UpdateDownloader.DownloadAsync(
            new Uri(_server.Url("/update.tgz")), "/unused", new AgentUpdateOptions { AllowHttp = true }, null, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
            TestContext.Current.CancellationToken, FullDevice.Open));

        Assert.Equal("500", error.ReturnCode);
        Assert.Equal("Couldn't download the update: No space left on device", error.Message);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

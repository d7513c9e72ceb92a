using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Verbs;
using GuestAgent.Testing;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Tests.Cli;

/// <summary>
/// The limits line <c>guest-agent xenstored</c> logs at start-up says what the server really
/// enforces: the values its options added up to, the guest quotas only when there is a guest socket
/// for them to apply to. Runs the verb in-process (the published daemon's run is in
/// <c>XenstoredLimitsTests</c>).
/// </summary>
public sealed class XenstoredLimitsDescriptionTests
{
    [Fact]
    public void Each_guest_quota_is_named_with_its_own_value()
    {
        var options = new XenStoreServerOptions
        {
            MaxQueuedBytesPerConnection = 5000,
            MaxNodesPerDomain = 11,
            MaxNodeSize = 222,
            MaxWatchesPerDomain = 33,
            MaxTransactionsPerConnection = 4,
            MaxPermissionsPerNode = 6,
            MaxNodesPerTransaction = 77,
        };

        Assert.Equal(
            "limits: a client leaving more than 5000 bytes unread is disconnected; guest quotas: 11 nodes, node records below 222 bytes, "
            + "33 watches, 4 transactions per connection (each refused only once exceeded, as in C xenstored 4.17), 6 permission entries per node, "
            + "77 nodes touched per transaction",
            XenstoredVerb.DescribeLimits(options, guestConnections: true));
    }

    [Fact]
    public void Without_guest_connections_only_the_queue_cap_is_named()
    {
        Assert.Equal(
            "limits: a client leaving more than 5000 bytes unread is disconnected",
            XenstoredVerb.DescribeLimits(new XenStoreServerOptions { MaxQueuedBytesPerConnection = 5000 }, guestConnections: false));
    }

    [Fact]
    public async Task The_running_server_logs_the_limits_its_options_set()
    {
        using var directory = new TemporaryDirectory();
        var limits = await RunUntilLimitsLoggedAsync(["xenstored", "--socket", Path.Combine(directory.Path, "xs.sock"), "--max-queued-bytes", "8K"]);

        Assert.Equal("<6>xenstored: limits: a client leaving more than 8192 bytes unread is disconnected", limits);
    }

    [Fact]
    public async Task The_running_server_with_a_guest_socket_logs_the_guest_quotas_it_was_given()
    {
        using var directory = new TemporaryDirectory();
        var limits = await RunUntilLimitsLoggedAsync([
            "xenstored", "--socket", Path.Combine(directory.Path, "xs.sock"), "--guest-domid", "5",
            "--guest-socket", Path.Combine(directory.Path, "guest.sock"), "--guest-max-transaction-nodes", "77"]);

        Assert.StartsWith("<6>xenstored: limits: a client leaving more than 16777216 bytes unread is disconnected; guest quotas: 1000 nodes", limits, StringComparison.Ordinal);
        Assert.EndsWith(", 77 nodes touched per transaction", limits, StringComparison.Ordinal);
    }

    // Runs the verb until it has logged its limits line, then stops it; the line.
    private static async Task<string> RunUntilLimitsLoggedAsync(string[] arguments)
    {
        using var error = new LineSignallingWriter("xenstored: limits:");
        using var stop = new CancellationTokenSource();
        var run = Program.RunAsync(arguments, new StandardStreams(TextReader.Null, TextWriter.Null, error), stop.Token);
        var logged = await Task.WhenAny(error.Line, run).WaitAsync(TimeSpan.FromMinutes(1));
        await stop.CancelAsync();
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
        }

        Assert.True(logged == error.Line, $"the server ended before logging its limits: {error}");
        return await error.Line;
    }

    /// <summary>A StringWriter that completes <see cref="Line"/> with the first line containing a marker.</summary>
    private sealed class LineSignallingWriter(string marker) : StringWriter
    {
        private readonly TaskCompletionSource<string> _line = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> Line => _line.Task;

        public override void WriteLine(string? value)
        {
            lock (_line)
            {
                base.WriteLine(value);
            }

            if (value is not null && value.Contains(marker, StringComparison.Ordinal))
            {
                _line.TrySetResult(value);
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }
    }
}

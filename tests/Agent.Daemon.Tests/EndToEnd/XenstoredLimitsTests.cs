using System.Buffers.Binary;
using System.Net.Sockets;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// <c>guest-agent xenstored</c>'s limits as a real process: <c>--max-queued-bytes</c> cuts off a
/// client that never reads well before the default cap would, <c>--guest-max-nodes</c> is the
/// guest's node quota as the real <c>xenstore-write</c> meets it, the limits in force are logged,
/// and a bad value exits 2 with one clear line.
/// </summary>
public sealed class XenstoredLimitsTests
{
    private const int BigValueSize = 4000;

    private const int HeaderSize = 16;

    /// <summary>2,000 replies of 4,016 bytes: 8 MB, half the default cap and a thousand times the one set here.</summary>
    private const int Requests = 2_000;

    [Fact]
    public async Task A_client_that_never_reads_is_cut_off_at_the_queue_cap_given_on_the_command_line()
    {
        using var directory = new TemporaryDirectory("gaxsl-");
        var socket = directory.Combine("xs.sock");
        await using var server = await DaemonProcess.StartReadyAsync(directory, ["xenstored", "--socket", socket, "--max-queued-bytes", "8K"]);
        var tools = new XenStoreTools(socket);
        await tools.WriteAsync("/big", new string('x', BigValueSize));

        var replies = await PipelineReadsThenCollectAsync(socket);

        // The default cap (16 MiB) would have queued all 8 MB and delivered every reply.
        Assert.InRange(replies, 0, Requests - 1);
        Assert.Equal(new string('x', BigValueSize), await tools.ReadAsync("/big"));
        await server.WaitForErrorTextAsync("xenstored: limits: a client leaving more than 8192 bytes unread is disconnected");
        server.Signal(DaemonProcess.SigTerm);
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    [Fact]
    public async Task Without_the_option_the_same_client_gets_every_reply()
    {
        using var directory = new TemporaryDirectory("gaxsl-");
        var socket = directory.Combine("xs.sock");
        await using var server = await DaemonProcess.StartReadyAsync(directory, ["xenstored", "--socket", socket]);
        await new XenStoreTools(socket).WriteAsync("/big", new string('x', BigValueSize));

        Assert.Equal(Requests, await PipelineReadsThenCollectAsync(socket));
        await server.WaitForErrorTextAsync("xenstored: limits: a client leaving more than 16777216 bytes unread is disconnected");
        server.Signal(DaemonProcess.SigTerm);
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    [Fact]
    public async Task The_guest_node_quota_given_on_the_command_line_refuses_the_guests_next_node()
    {
        using var directory = new TemporaryDirectory("gaxsl-");
        var socket = directory.Combine("xs.sock");
        var guestSocket = directory.Combine("guest.sock");

        // The guest owns data, data/host and data/guest: with a quota of 4 it may create one node more.
        await using var server = await DaemonProcess.StartReadyAsync(directory, ["xenstored", "--socket", socket, "--guest-domid", "5", "--guest-socket", guestSocket, "--guest-max-nodes", "4"]);
        var guest = new XenStoreTools(guestSocket);

        await guest.WriteAsync("data/guest/first", "1");
        var second = await guest.TryWriteAsync("data/guest/second", "2");

        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("could not write path data/guest/second", second.StandardError, StringComparison.Ordinal);
        Assert.Null(await new XenStoreTools(socket).ReadAsync("/local/domain/5/data/guest/second"));
        await server.WaitForErrorTextAsync("; guest quotas: 4 nodes, node records below 2048 bytes, 128 watches, 10 transactions per connection");
        server.Signal(DaemonProcess.SigTerm);
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    [Theory]
    [InlineData("xenstored: option '--max-queued-bytes' needs a number of bytes from 4112 to 9223372036854775807 (K, M and G are powers of 1024), not '4K'", "--max-queued-bytes", "4K")]
    [InlineData("xenstored: option '--guest-max-nodes N' limits the guest's connections: it needs '--guest-socket PATH' (connections on --socket act as dom0, which has no quotas)", "--guest-max-nodes", "10")]
    public async Task A_bad_limit_exits_2_with_one_line_and_listens_on_nothing(string message, string option, string value)
    {
        using var directory = new TemporaryDirectory("gaxsl-");
        var socket = directory.Combine("xs.sock");

        var result = await AgentUnderTest.RunBinaryAsync(["xenstored", "--socket", socket, option, value]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"guest-agent: {message}", result.StandardError.Split('\n')[0]);
        Assert.False(File.Exists(socket), "a refused command line must not create the socket");
    }

    /// <summary>
    /// Sends <see cref="Requests"/> READs of /big without reading a reply (until the server refuses
    /// more), then reads the replies until the server closes the connection or all have come.
    /// </summary>
    /// <returns>How many replies arrived.</returns>
    private static async Task<int> PipelineReadsThenCollectAsync(string socketPath)
    {
        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await client.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        // READ (type 2) of /big: the header's four little-endian 32-bit fields, then the path and its NUL.
        var read = new byte[HeaderSize + 5];
        BinaryPrimitives.WriteUInt32LittleEndian(read, 2);
        BinaryPrimitives.WriteUInt32LittleEndian(read.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(read.AsSpan(12), 5);
        "/big\0"u8.CopyTo(read.AsSpan(HeaderSize));
        try
        {
            for (var i = 0; i < Requests; i++)
            {
                await client.SendAsync(read);
            }
        }
        catch (SocketException)
        {
            // The server shut the connection: what it sent before is still to be read.
        }

        var replySize = HeaderSize + BigValueSize;
        var expected = (long)Requests * replySize;
        var buffer = new byte[64 * 1024];
        long received = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            while (received < expected)
            {
                var count = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                if (count == 0)
                {
                    break;
                }

                received += count;
            }
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
        {
            // Closed with requests of ours still unread on its side: a reset, still the end.
        }

        return (int)(received / replySize);
    }
}

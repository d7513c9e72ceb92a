using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using GuestAgent.Platform.Native;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="UnixListeningSocket"/> against the kernel: the socket's file has the mode asked for
/// and exactly the path's name, it listens, its descriptor is close-on-exec, a taken path is
/// <c>EADDRINUSE</c>, and a failed bind closes the socket it made (seen with <see cref="SyscallTrace"/>).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class UnixListeningSocketTests
{
    private const int EAddrInUse = 98;
    private const int CloseOnExec = 0x80000;

    [Fact]
    public async Task The_socket_listens_at_exactly_its_path_with_the_mode_asked_for()
    {
        using var root = new TemporaryDirectory();
        var path = root.Combine("agent.sock");

        using var listener = UnixListeningSocket.Open(path, Convert.ToUInt32("600", 8), 4);

        Assert.Equal(["agent.sock"], Directory.GetFileSystemEntries(root.Path).Select(Path.GetFileName));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await client.ConnectAsync(new UnixDomainSocketEndPoint(path), TestContext.Current.CancellationToken);
        using var accepted = await listener.AcceptAsync(TestContext.Current.CancellationToken);
        Assert.True(accepted.Connected);
    }

    [Fact]
    public void The_socket_is_closed_on_exec()
    {
        using var root = new TemporaryDirectory();

        using var listener = UnixListeningSocket.Open(root.Combine("agent.sock"), Convert.ToUInt32("600", 8), 4);

        var fd = ((int)listener.SafeHandle.DangerousGetHandle()).ToString(CultureInfo.InvariantCulture);
        var flags = File.ReadLines($"/proc/thread-self/fdinfo/{fd}").Single(line => line.StartsWith("flags:", StringComparison.Ordinal));
        Assert.NotEqual(0, Convert.ToInt32(flags["flags:".Length..].Trim(), 8) & CloseOnExec);
    }

    [Fact]
    public void A_taken_path_is_address_in_use_and_the_socket_made_for_it_is_closed()
    {
        using var root = new TemporaryDirectory();
        var path = root.Combine("agent.sock");
        using var first = UnixListeningSocket.Open(path, Convert.ToUInt32("600", 8), 4);
        Exception? failure = null;

        var calls = SyscallTrace.Calls(() => failure = Record.Exception(() => UnixListeningSocket.Open(path, Convert.ToUInt32("600", 8), 4)), "socket,close");

        Assert.Equal(EAddrInUse, Assert.IsType<IOException>(failure).HResult);
        // The descriptor as strace shows it, "7<socket:[1234]>": the number alone may be one closed before.
        var made = calls.Select((line, index) => (Match: MadeSocket().Match(line), Index: index)).Single(call => call.Match.Success);
        var socket = made.Match.Groups[1].Value;
        Assert.Contains(calls.Skip(made.Index + 1), line => line.StartsWith($"close({socket})", StringComparison.Ordinal) && line.EndsWith("= 0", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^socket\(AF_UNIX, .*\) = (\d+<socket:\[\d+\]>)$")]
    private static partial Regex MadeSocket();
}

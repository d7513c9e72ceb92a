using System.Globalization;
using System.Runtime.InteropServices;
using GuestAgent.Platform.Native;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="TerminalEcho"/> on a real pseudo-terminal, its settings read back by Python's
/// <c>termios</c> (the C headers' layout and flag values, not this code's): echo off, a line at a
/// time even from raw mode, the Enter not echoed with <c>stty echonl</c>, input typed before the prompt discarded, the settings put back once, and echo turned off again
/// after a restore or another program's change.
/// </summary>
public sealed class TerminalEchoTests
{
    private const string Settings = """
        import os, sys, termios
        fd = os.open(sys.argv[1], os.O_RDWR | os.O_NOCTTY)
        if len(sys.argv) > 2 and sys.argv[2] == "raw":
            import tty
            tty.setraw(fd)
        elif len(sys.argv) > 2 and sys.argv[2] == "noecho":
            attributes = termios.tcgetattr(fd)
            attributes[3] &= ~termios.ECHO
            termios.tcsetattr(fd, termios.TCSANOW, attributes)
        elif len(sys.argv) > 2 and sys.argv[2] == "echo":
            attributes = termios.tcgetattr(fd)
            attributes[3] |= termios.ECHO
            termios.tcsetattr(fd, termios.TCSANOW, attributes)
        elif len(sys.argv) > 2 and sys.argv[2] == "echonl":
            attributes = termios.tcgetattr(fd)
            attributes[3] |= termios.ECHONL
            termios.tcsetattr(fd, termios.TCSANOW, attributes)
        attributes = termios.tcgetattr(fd)
        print(int(attributes[3] & termios.ECHO != 0), int(attributes[3] & termios.ICANON != 0), int(attributes[3] & termios.ECHONL != 0), attributes)
        """;

    [Fact]
    public async Task Echo_goes_off_and_the_very_settings_come_back()
    {
        using var terminal = Pty.Open();
        var before = await SettingsAsync(terminal.SlavePath);
        Assert.StartsWith("1 1 ", before, StringComparison.Ordinal);

        using (var echo = TerminalEcho.Disable(terminal.Slave))
        {
            Assert.NotNull(echo);
            Assert.StartsWith("0 1 ", await SettingsAsync(terminal.SlavePath), StringComparison.Ordinal);
        }

        Assert.Equal(before, await SettingsAsync(terminal.SlavePath));
    }

    [Fact]
    public async Task With_stty_echonl_the_Enter_is_not_echoed_either_and_echonl_comes_back()
    {
        using var terminal = Pty.Open();
        var before = await SettingsAsync(terminal.SlavePath, "echonl");
        Assert.StartsWith("1 1 1 ", before, StringComparison.Ordinal);

        using (var echo = TerminalEcho.Disable(terminal.Slave))
        {
            Assert.NotNull(echo);
            Assert.StartsWith("0 1 0 ", await SettingsAsync(terminal.SlavePath), StringComparison.Ordinal);
        }

        Assert.Equal(before, await SettingsAsync(terminal.SlavePath));
    }

    [Fact]
    public async Task A_raw_terminal_reads_the_secret_a_line_at_a_time()
    {
        using var terminal = Pty.Open();
        Assert.StartsWith("0 0 ", await SettingsAsync(terminal.SlavePath, "raw"), StringComparison.Ordinal);

        using var echo = TerminalEcho.Disable(terminal.Slave);

        Assert.NotNull(echo);
        Assert.StartsWith("0 1 ", await SettingsAsync(terminal.SlavePath), StringComparison.Ordinal);
    }

    [Fact]
    public void Input_typed_before_echo_goes_off_is_discarded_not_read_as_the_secret()
    {
        using var terminal = Pty.Open();
        var typed = "typed ahead\n"u8.ToArray();
        Assert.Equal(typed.Length, (int)Write(terminal.Master, typed, typed.Length));
        // The line reaches the terminal's input queue through the kernel's work queue: wait for it.
        Assert.Equal(1, Poll(terminal.Slave, (int)TimeSpan.FromMinutes(1).TotalMilliseconds));

        using var echo = TerminalEcho.Disable(terminal.Slave);

        Assert.NotNull(echo);
        Assert.Equal(0, Poll(terminal.Slave, 0));
    }

    [Fact]
    public async Task A_second_restore_does_nothing_to_what_changed_since_the_first()
    {
        using var terminal = Pty.Open();
        var echo = TerminalEcho.Disable(terminal.Slave)!;
        echo.Restore();
        Assert.StartsWith("0 1 ", await SettingsAsync(terminal.SlavePath, "noecho"), StringComparison.Ordinal);

        echo.Dispose();

        Assert.StartsWith("0 1 ", await SettingsAsync(terminal.SlavePath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reapply_turns_echo_off_again_after_a_restore_or_another_program_and_the_first_settings_still_come_back()
    {
        using var terminal = Pty.Open();
        var before = await SettingsAsync(terminal.SlavePath);
        var echo = TerminalEcho.Disable(terminal.Slave)!;

        // Restored (a Ctrl-Z), then echo off again (fg).
        echo.Restore();
        Assert.True(echo.Reapply());
        Assert.StartsWith("0 1 ", await SettingsAsync(terminal.SlavePath), StringComparison.Ordinal);

        // Another program turned echo on behind its back (.NET's runtime on SIGCONT): off again.
        Assert.StartsWith("1 1 ", await SettingsAsync(terminal.SlavePath, "echo"), StringComparison.Ordinal);
        Assert.True(echo.Reapply());
        Assert.StartsWith("0 1 ", await SettingsAsync(terminal.SlavePath), StringComparison.Ordinal);

        echo.Dispose();
        Assert.Equal(before, await SettingsAsync(terminal.SlavePath));
    }

    [Fact]
    public void Only_a_terminal_is_one()
    {
        using var terminal = Pty.Open();
        using var root = new TemporaryDirectory();
        using var file = File.Create(root.Combine("file"));
        var fileDescriptor = (int)file.SafeFileHandle.DangerousGetHandle();

        Assert.True(TerminalEcho.IsTerminal(terminal.Slave));
        Assert.False(TerminalEcho.IsTerminal(fileDescriptor));
        Assert.Null(TerminalEcho.Disable(fileDescriptor));
    }

    private static async Task<string> SettingsAsync(string path, string change = "")
    {
        var python = ExternalTool.Require("python3", "python3");
        var result = await ExternalTool.RunAsync(python, ["-c", Settings, path, change]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return result.StandardOutput.Trim();
    }

    private static int Poll(int fd, int timeoutMilliseconds)
    {
        var descriptors = new PollDescriptor[] { new() { Fd = fd, Events = PollIn } };
        var ready = PollNative(descriptors, 1, timeoutMilliseconds);
        Assert.True(ready >= 0, "poll failed: " + Marshal.GetLastPInvokeError().ToString(CultureInfo.InvariantCulture));
        return ready;
    }

    private const short PollIn = 1;

    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int PollNative([In, Out] PollDescriptor[] descriptors, nuint count, int timeout);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint Write(int fd, byte[] bytes, nint count);

    /// <summary>A pseudo-terminal pair from <c>openpty</c> (in glibc's libc since 2.34), both ends closed on dispose.</summary>
    private sealed class Pty : IDisposable
    {
        private Pty(int master, int slave)
        {
            Master = master;
            Slave = slave;
            SlavePath = new FileInfo($"/proc/self/fd/{slave.ToString(CultureInfo.InvariantCulture)}").LinkTarget!;
        }

        public int Master { get; }

        public int Slave { get; }

        public string SlavePath { get; }

        public static Pty Open()
        {
            if (OpenPty(out var master, out var slave, 0, 0, 0) != 0)
            {
                Requirement.Unmet("openpty failed: " + Marshal.GetLastPInvokeError().ToString(CultureInfo.InvariantCulture));
            }

            return new Pty(master, slave);
        }

        public void Dispose()
        {
            _ = Close(Slave);
            _ = Close(Master);
        }

        [DllImport("libc", EntryPoint = "openpty", SetLastError = true)]
        private static extern int OpenPty(out int master, out int slave, nint name, nint termios, nint windowSize);

        [DllImport("libc", EntryPoint = "close")]
        private static extern int Close(int fd);
    }
}

using System.Globalization;
using GuestAgent.Daemon.Cli;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Cli;

/// <summary>
/// <c>JOURNAL_STREAM</c> against a stream's identity: systemd writes <c>st_dev:st_ino</c> in decimal,
/// which coreutils' <c>stat -c %d:%i</c> prints the same way, and the device number is glibc's
/// <c>makedev</c> encoding, which Python's <c>os.makedev</c> calls.
/// </summary>
public sealed class JournalStreamTests
{
    [Theory]
    [InlineData("/dev/null")]
    [InlineData("/proc/self/status")]
    [InlineData("/")]
    public async Task A_stream_is_named_by_its_device_and_inode_as_stat_prints_them(string path)
    {
        var printed = await ExternalTool.RunAsync(ExternalTool.Require("stat", "coreutils"), ["-L", "-c", "%d:%i %Hd %Ld", path]);
        var fields = printed.StandardOutput.Trim().Split(' ');
        var inode = ulong.Parse(fields[0].Split(':')[1], CultureInfo.InvariantCulture);
        var id = (inode, uint.Parse(fields[1], CultureInfo.InvariantCulture), uint.Parse(fields[2], CultureInfo.InvariantCulture));

        Assert.True(JournalStream.Names(fields[0], id), printed.StandardOutput);
        Assert.False(JournalStream.Names(fields[0], (inode + 1, id.Item2, id.Item3)));
        Assert.False(JournalStream.Names(fields[0], (inode, id.Item2, id.Item3 + 1)));
        Assert.False(JournalStream.Names(fields[0], null));
        Assert.False(JournalStream.Names(null, id));
    }

    [Theory]
    [InlineData(0u, 0u)]
    [InlineData(8u, 1u)]
    [InlineData(259u, 65536u)]
    [InlineData(4095u, 255u)]
    [InlineData(4096u, 256u)]
    [InlineData(0xfffffu, 0xfffffu)]
    [InlineData(0x7fffffffu, 0x7ffffffeu)]
    public async Task The_device_number_is_glibc_makedev(uint major, uint minor)
    {
        var python = ExternalTool.Require("python3", "python3");
        var printed = await ExternalTool.RunAsync(python, ["-c", $"import os; print(os.makedev({major}, {minor}))"]);

        Assert.Equal(printed.StandardOutput.Trim(), JournalStream.DeviceNumber(major, minor).ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("8")]
    [InlineData("8:")]
    [InlineData(":12")]
    [InlineData("8:12:1")]
    [InlineData(" 8:12")]
    [InlineData("8:12 ")]
    [InlineData("+8:12")]
    [InlineData("0x8:12")]
    [InlineData("8:-12")]
    [InlineData("08:012")]
    public void Only_two_decimal_numbers_name_a_stream(string value)
    {
        // Device 0:8 is dev_t 8, inode 12: "8:12" names it, and so does "08:012" (decimal still); every other
        // value above differs from it by its form alone.
        Assert.True(JournalStream.Names("8:12", (12, 0, 8)));
        Assert.Equal(value == "08:012", JournalStream.Names(value, (12, 0, 8)));
    }
}

using System.Globalization;
using GuestAgent.Commands.Security;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// The last-change day a guest whose clock has not been set writes. Day 0 in that field means "the
/// password must be changed at the next login" (shadow(5)); a guest booted with its clock at the epoch
/// would otherwise set root's password and force its change at once, so chpasswd, passwd, usermod and
/// useradd write an empty field on day 0 ("better disable aging than requiring a password change"),
/// and the agent does too, also for a clock before 1970, where the day would be negative.
/// </summary>
public sealed class PasswordClockTests
{
    [Theory]
    [InlineData("1970-01-01T00:00:00Z", "")]
    [InlineData("1970-01-01T23:59:59Z", "")]
    [InlineData("1969-12-31T12:00:00Z", "")]
    [InlineData("1969-12-25T00:00:00Z", "")]
    [InlineData("1970-01-02T00:00:00Z", "1")]
    [InlineData("2026-12-06T08:00:00Z", "20793")]
    public async Task The_last_change_day_is_left_empty_rather_than_zero(string now, string expected)
    {
        using var root = new CommandRoot(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture));
        root.WriteFile("/etc/shadow", "daemon:*:19000:0:99999:7:::\nroot:" + PasswordCommandTests.Sha512 + ":19000:0:99999:7:::\n", "640");
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        Assert.Equal(CommandResult.Ok(), await PasswordCommand.Password("jTmi0N1qNIJmjcIeFAInYA==", root.Context("password")));

        var lines = File.ReadAllLines(root.HostPath("/etc/shadow"));
        Assert.Equal("daemon:*:19000:0:99999:7:::", lines[0]);
        var fields = lines[1].Split(':');
        Assert.Equal(["root", fields[1], expected, "0", "99999", "7", "", "", ""], fields);
        Assert.Equal(await CryptHashes.MkpasswdAsync("Passw0rd!", fields[1]), fields[1]);
    }
}

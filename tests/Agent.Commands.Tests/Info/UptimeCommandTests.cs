using System.Globalization;
using GuestAgent.Commands.Info;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Hosting;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Info;

public sealed class UptimeCommandTests
{
    [Theory]
    [InlineData("350735.47 234388.90\n", 350735)]
    [InlineData("0.00 0.00\n", 0)]
    [InlineData("59.99 100.10\n", 59)]
    [InlineData("86400\n", 86400)]
    public void Uptime_answers_the_whole_seconds_of_proc_uptime_under_the_root(string contents, long seconds)
    {
        using var root = new CommandRoot();
        root.WriteFile(UptimeCommand.UptimePath, contents, "444");

        Assert.Equal(seconds, UptimeCommand.Uptime(root.Context("uptime")));
    }

    [Fact]
    public void Uptime_at_the_real_root_lies_between_two_readings_of_the_kernels_own_file()
    {
        var services = AgentSystem.ForRoot("/").AddTo(new ServiceMap());
        var context = new CommandContext("real", "uptime", new ExchangeSession(), services, TestContext.Current.CancellationToken);

        var before = KernelSeconds();
        var uptime = UptimeCommand.Uptime(context);
        var after = KernelSeconds();

        Assert.InRange(uptime, before, after);
    }

    [Fact]
    public void Uptime_without_proc_uptime_says_why_it_could_not_read_it()
    {
        using var root = new CommandRoot();

        var refused = Assert.Throws<CommandException>(() => UptimeCommand.Uptime(root.Context("uptime")));

        Assert.Equal("Couldn't read /proc/uptime: No such file or directory", refused.Message);
        Assert.Equal(ReturnCodes.Error, refused.ReturnCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData(" 12.00 3.00\n")]
    [InlineData("abc 1.00\n")]
    [InlineData("-5.00 1.00\n")]
    [InlineData("+5.00 1.00\n")]
    [InlineData("1. 2.00\n")]
    [InlineData(".50 2.00\n")]
    [InlineData("1,50 2.00\n")]
    [InlineData("1.5.0 2.00\n")]
    [InlineData("12.0x 3.00\n")]
    [InlineData("\u0661\u0662.00 3.00\n")]
    [InlineData("99999999999999999999.00 1.00\n")]
    public void Uptime_refuses_contents_that_are_not_the_kernels_format(string contents)
    {
        using var root = new CommandRoot();
        root.WriteFile(UptimeCommand.UptimePath, contents, "444");

        var refused = Assert.Throws<CommandException>(() => UptimeCommand.Uptime(root.Context("uptime")));

        Assert.Equal("Unexpected contents in /proc/uptime", refused.Message);
    }

    [Fact]
    public void Uptime_without_the_system_fails_rather_than_read_the_real_proc()
    {
        var context = new CommandContext("no-system", "uptime", new ExchangeSession(), new ServiceMap(), TestContext.Current.CancellationToken);

        Assert.Throws<InvalidOperationException>(() => UptimeCommand.Uptime(context));
    }

    [Fact]
    public void The_registry_describes_uptime_as_taking_no_value_and_answering_an_integer()
    {
        var descriptor = GuestAgent.Generated.AgentCommands.CreateRegistry().Commands.Single(c => c.Name == "uptime");

        Assert.Empty(descriptor.Parameters);
        Assert.Equal(CommandResultEncoding.Json, descriptor.ResultEncoding);
        Assert.Contains("\"type\":\"integer\"", descriptor.ResultSchema, StringComparison.Ordinal);
        Assert.StartsWith("Whole seconds since the guest booted", descriptor.Summary, StringComparison.Ordinal);
    }

    private static long KernelSeconds() =>
        long.Parse(File.ReadAllText(UptimeCommand.UptimePath).Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture);
}

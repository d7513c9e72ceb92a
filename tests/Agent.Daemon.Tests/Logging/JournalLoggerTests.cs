using GuestAgent.Daemon.Logging;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Tests.Logging;

public sealed class JournalLoggerTests
{
    private static (JournalLoggerFactory Factory, StringWriter Output) Create(LogLevel minimum)
    {
        var output = new StringWriter { NewLine = "\n" };
        return (new JournalLoggerFactory(new JournalWriter(output, minimum)), output);
    }

    [Theory]
    [InlineData(LogLevel.Trace, 7)]
    [InlineData(LogLevel.Debug, 7)]
    [InlineData(LogLevel.Information, 6)]
    [InlineData(LogLevel.Warning, 4)]
    [InlineData(LogLevel.Error, 3)]
    [InlineData(LogLevel.Critical, 2)]
    public void Each_level_gets_its_syslog_priority_prefix(LogLevel level, int priority)
    {
        var (factory, output) = Create(LogLevel.Trace);

        factory.CreateLogger("GuestAgent.Protocol.NovaJsonParser").Log(level, "Request {Id} done", "abc");

        Assert.Equal($"<{priority}>NovaJsonParser: Request abc done\n", output.ToString());
    }

    [Fact]
    public void Messages_below_the_minimum_level_are_dropped()
    {
        var (factory, output) = Create(LogLevel.Warning);
        var logger = factory.CreateLogger<JournalLoggerTests>(nameof(JournalLoggerTests));

        logger.LogInformation("quiet");
        logger.LogWarning("loud");

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.Equal("<4>JournalLoggerTests: loud\n", output.ToString());
    }

    [Fact]
    public void A_message_is_always_one_line_even_with_line_breaks_and_an_exception()
    {
        var (factory, output) = Create(LogLevel.Information);

        factory.CreateLogger("Agent").LogError(new IOException("disk\nfull"), "Write failed:\r\nretrying");

        Assert.Equal("<3>Agent: Write failed:  retrying (IOException: disk full)\n", output.ToString());
    }

    [Fact]
    public void Level_none_logs_nothing()
    {
        var (factory, output) = Create(LogLevel.None);

        factory.CreateLogger("Agent").LogCritical("boom");

        Assert.Empty(output.ToString());
    }
}

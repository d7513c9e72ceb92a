using GuestAgent.Daemon.Logging;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Tests.Logging;

/// <summary>Log level names as <c>--log-level</c> and <c>logLevel</c> take them, and as check-config writes them.</summary>
public sealed class LogLevelNamesTests
{
    [Theory]
    [InlineData("trace", LogLevel.Trace)]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("information", LogLevel.Information)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("warning", LogLevel.Warning)]
    [InlineData("warn", LogLevel.Warning)]
    [InlineData("error", LogLevel.Error)]
    [InlineData("critical", LogLevel.Critical)]
    [InlineData("none", LogLevel.None)]
    [InlineData("TRACE", LogLevel.Trace)]
    [InlineData(" Debug\t", LogLevel.Debug)]
    public void Each_documented_name_and_alias_is_read_whatever_its_case_and_surrounding_space(string text, LogLevel expected)
    {
        Assert.True(LogLevelNames.TryParse(text, out var level));
        Assert.Equal(expected, level);
    }

    [Theory]
    [InlineData("loud")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("inform ation")]
    public void Anything_else_is_refused(string? text)
    {
        Assert.False(LogLevelNames.TryParse(text, out _));
    }

    [Fact]
    public void Every_level_is_written_by_the_name_it_is_read_by_as_the_documentation_lists_them()
    {
        var levels = new[] { LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical, LogLevel.None };

        Assert.Equal(LogLevelNames.Accepted.Split(", "), levels.Select(LogLevelNames.Name));
        Assert.All(levels, level => Assert.True(LogLevelNames.TryParse(LogLevelNames.Name(level), out var read) && read == level, LogLevelNames.Name(level)));
    }
}

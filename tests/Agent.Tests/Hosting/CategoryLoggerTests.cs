using GuestAgent.Hosting;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// A <see cref="CategoryLogger{T}"/> logs under the category it is given (the daemon's short names),
/// not the type's, and passes everything through to that logger.
/// </summary>
public sealed class CategoryLoggerTests
{
    private sealed class Factory : ILoggerFactory
    {
        public Dictionary<string, RecordingLogger<Factory>> Loggers { get; } = [];

        public ILogger CreateLogger(string categoryName)
        {
            var logger = new RecordingLogger<Factory>(LogLevel.Information);
            Loggers.Add(categoryName, logger);
            return logger;
        }

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }

    [Fact]
    public void Logs_under_the_given_category_through_that_logger()
    {
        using var factory = new Factory();

        ILogger<AgentHost> logger = new CategoryLogger<AgentHost>(factory, "guest-agent");
        logger.LogInformation("Serving {Count} exchange(s)", 1);

        var inner = Assert.Single(factory.Loggers, entry => entry.Key == "guest-agent").Value;
        Assert.Equal(["Serving 1 exchange(s)"], inner.At(LogLevel.Information));
        Assert.False(logger.IsEnabled(LogLevel.Debug));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }
}

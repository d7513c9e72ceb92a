using System.Collections.Concurrent;
using GuestAgent.Hosting;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Logging;

/// <summary>
/// An <see cref="ILoggerFactory"/> whose loggers all write to one <see cref="JournalWriter"/>. Kept
/// to the abstractions package on purpose: the full Microsoft.Extensions.Logging stack (options,
/// configuration binding, filters) would add size to the NativeAOT binary and buys nothing here.
/// </summary>
internal sealed class JournalLoggerFactory : ILoggerFactory
{
    private readonly JournalWriter _writer;
    private readonly ConcurrentDictionary<string, JournalLogger> _loggers = new(StringComparer.Ordinal);

    public JournalLoggerFactory(JournalWriter writer) => _writer = writer;

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (name, writer) => new JournalLogger(name, writer), _writer);

    /// <summary>Typed loggers, as the SDK's classes take them, for a category named without reflection.</summary>
    public ILogger<T> CreateLogger<T>(string category) => new CategoryLogger<T>(this, category);

    /// <summary>Not supported: this factory has exactly one destination.</summary>
    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("The journal logger factory writes to stderr only.");

    public void Dispose()
    {
    }
}

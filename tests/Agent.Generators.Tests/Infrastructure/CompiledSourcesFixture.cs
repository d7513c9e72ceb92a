namespace GuestAgent.Generators.Tests.Infrastructure;

/// <summary>
/// A class fixture for classes whose tests compile a few sources many times over (a theory's
/// cases on one sample): each distinct source is compiled and loaded once, when a test first asks
/// for it, and unloaded with the fixture. What it keeps is only the compiled result of a source,
/// which no test can change (each request goes through a registry of its own).
/// </summary>
public sealed class CompiledSourcesFixture : IDisposable
{
    private readonly Dictionary<string, LoadedCommands> _loaded = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The commands <paramref name="source"/> compiles to, compiled on first use.</summary>
    internal LoadedCommands Compile(string source)
    {
        lock (_gate)
        {
            if (!_loaded.TryGetValue(source, out var commands))
            {
                commands = LoadedCommands.Compile(source);
                _loaded.Add(source, commands);
            }

            return commands;
        }
    }

    public void Dispose()
    {
        foreach (var commands in _loaded.Values)
        {
            commands.Dispose();
        }
    }
}

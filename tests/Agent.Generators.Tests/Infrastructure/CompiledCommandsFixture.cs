namespace GuestAgent.Generators.Tests.Infrastructure;

/// <summary>
/// A class fixture holding commands compiled and loaded once for all the tests of a class: xunit
/// builds a test class once per test, so a compilation made in its constructor was redone for
/// every test. The loaded commands hold no state a test can change (each request goes through a
/// registry of its own), so sharing them keeps the tests independent.
/// </summary>
public abstract class CompiledCommandsFixture : IDisposable
{
    private protected CompiledCommandsFixture(LoadedCommands commands) => Commands = commands;

    internal LoadedCommands Commands { get; }

    public void Dispose()
    {
        Commands.Dispose();
        GC.SuppressFinalize(this);
    }
}

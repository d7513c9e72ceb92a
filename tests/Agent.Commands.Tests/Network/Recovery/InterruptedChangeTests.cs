using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// A test class over an <see cref="InterruptedChange"/>: xunit makes an instance for each test, so each
/// test has a guest of its own, disposed after it.
/// </summary>
public abstract class InterruptedChangeTests : IDisposable
{
    /// <summary>What a backend program the test scripts as succeeding answers.</summary>
    private protected static readonly ProcessResult Success = new(0, "", "");

    /// <summary>The test's guest, whose change the test interrupts (named as a private field: the classes' own name for it).</summary>
    private protected readonly InterruptedChange _change = new();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the guest; a class with more of its own disposes that first.</summary>
    protected virtual void Dispose(bool disposing) => _change.Dispose();
}

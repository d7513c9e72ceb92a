namespace GuestAgent.Commands;

/// <summary>A service provider that has no services.</summary>
public sealed class EmptyServiceProvider : IServiceProvider
{
    /// <summary>The single instance.</summary>
    public static EmptyServiceProvider Instance { get; } = new();

    private EmptyServiceProvider()
    {
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType) => null;
}

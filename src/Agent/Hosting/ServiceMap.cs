using Microsoft.Extensions.DependencyInjection;

namespace GuestAgent.Hosting;

/// <summary>
/// A small, AOT-safe <see cref="IServiceProvider"/>: services are registered as instances or
/// factories keyed by their type, nothing is activated through reflection. Factories run once, on
/// first use. Hosts that already use Microsoft.Extensions.DependencyInjection can pass that
/// provider instead.
/// </summary>
public sealed class ServiceMap : IServiceProvider, IServiceProviderIsService
{
    private readonly Dictionary<Type, Func<IServiceProvider, object>> _factories = [];
    private readonly Dictionary<Type, object> _instances = [];
    private readonly Lock _gate = new();

    /// <summary>Registers an instance as the service <typeparamref name="T"/>, replacing an earlier one.</summary>
    public ServiceMap Add<T>(T instance) where T : class
    {
        ArgumentNullException.ThrowIfNull(instance);
        lock (_gate)
        {
            _factories.Remove(typeof(T));
            _instances[typeof(T)] = instance;
        }

        return this;
    }

    /// <summary>Registers a factory for the service <typeparamref name="T"/>; it runs once, on first use.</summary>
    public ServiceMap Add<T>(Func<IServiceProvider, T> factory) where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        lock (_gate)
        {
            _instances.Remove(typeof(T));
            _factories[typeof(T)] = factory;
        }

        return this;
    }

    /// <summary>Whether the service <typeparamref name="T"/> is registered.</summary>
    public bool Contains<T>() where T : class
    {
        lock (_gate)
        {
            return _instances.ContainsKey(typeof(T)) || _factories.ContainsKey(typeof(T));
        }
    }

    /// <summary>
    /// Whether <paramref name="serviceType"/> is registered (or is <see cref="IServiceProvider"/>),
    /// without running its factory: how <c>FindMissingServices</c> checks a registry at start.
    /// </summary>
    public bool IsService(Type serviceType)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceType == typeof(IServiceProvider))
        {
            return true;
        }

        lock (_gate)
        {
            return _instances.ContainsKey(serviceType) || _factories.ContainsKey(serviceType);
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceType == typeof(IServiceProvider))
        {
            return this;
        }

        Func<IServiceProvider, object>? factory;
        lock (_gate)
        {
            if (_instances.TryGetValue(serviceType, out var instance))
            {
                return instance;
            }

            if (!_factories.TryGetValue(serviceType, out factory))
            {
                return null;
            }
        }

        // The factory runs outside the lock: it may resolve other services.
        var created = factory(this);
        lock (_gate)
        {
            if (_instances.TryGetValue(serviceType, out var raced))
            {
                return raced;
            }

            _instances[serviceType] = created;
            _factories.Remove(serviceType);
            return created;
        }
    }
}

using GuestAgent.Commands;
using GuestAgent.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GuestAgent.Tests.Commands;

/// <summary>
/// <see cref="RegistryServices.FindMissingServices"/> checks at start, without creating anything,
/// that each service a command class takes is registered, or its alternative is.
/// </summary>
public sealed class RegistryServicesTests
{
    private sealed class Options;

    private sealed class OptionsContext;

    private sealed class RequiringRegistry(params RequiredService[] required) : ICommandRegistry, IRequiredServices
    {
        public IReadOnlyList<CommandDescriptor> Commands { get; } =
            required.Select(service => new CommandDescriptor(service.CommandName, "", "Test." + service.CommandName, [], "{}", "{}")).ToArray();

        public IReadOnlyList<RequiredService> RequiredServices => required;

        public bool TryDispatch(ReadOnlySpan<byte> utf8Name, ReadOnlyMemory<byte> value, in CommandInvocation invocation, out ValueTask<CommandResult> result)
        {
            result = default;
            return false;
        }
    }

    /// <summary>A container that answers <see cref="IServiceProviderIsService"/> as a service, as Microsoft's does, and counts what else it is asked.</summary>
    private sealed class ContainerOfferingIsService(params Type[] registered) : IServiceProvider, IServiceProviderIsService
    {
        public List<Type> Resolved { get; } = [];

        public object? GetService(Type serviceType)
        {
            if (serviceType == typeof(IServiceProviderIsService))
            {
                return new IsServiceView(this);
            }

            Resolved.Add(serviceType);
            return null;
        }

        public bool IsService(Type serviceType) => registered.Contains(serviceType);

        // Not the container itself: FindMissingServices must ask for it, not cast.
        private sealed class IsServiceView(ContainerOfferingIsService container) : IServiceProviderIsService
        {
            public bool IsService(Type serviceType) => container.IsService(serviceType);
        }
    }

    /// <summary>Offers <see cref="IServiceProviderIsService"/> only through GetService.</summary>
    private sealed class ProviderOnly(ContainerOfferingIsService container) : IServiceProvider
    {
        public object? GetService(Type serviceType) => container.GetService(serviceType);
    }

    [Fact]
    public void A_container_offering_is_service_as_a_service_is_asked_and_resolves_nothing()
    {
        var registry = new RequiringRegistry(
            new RequiredService("version", "Test.Info", typeof(Uri), "System.Uri"),
            new RequiredService("password", "Test.Secrets", typeof(Version), "System.Version"));
        var container = new ContainerOfferingIsService(typeof(Uri));

        var missing = registry.FindMissingServices(new ProviderOnly(container));

        Assert.Equal(["password"], missing.Select(service => service.CommandName));
        Assert.Empty(container.Resolved);
    }

    [Fact]
    public void Checking_a_service_map_runs_none_of_its_factories()
    {
        var created = 0;
        var services = new ServiceMap().Add(_ =>
        {
            created++;
            return new Uri("http://example.invalid/");
        });

        Assert.Empty(new RequiringRegistry(new RequiredService("version", "Test.Info", typeof(Uri), "System.Uri")).FindMissingServices(services));
        Assert.Equal(0, created);
    }

    [Fact]
    public void A_service_with_an_alternative_is_there_when_either_is_registered()
    {
        var required = new RequiredService("sample", "Test.Sample", typeof(Options), "Options", typeof(OptionsContext));
        var registry = new RequiringRegistry(required);

        Assert.Same(typeof(OptionsContext), required.AlternativeServiceType);
        Assert.Empty(registry.FindMissingServices(new ServiceMap().Add(new OptionsContext())));
        Assert.Empty(registry.FindMissingServices(new ServiceMap().Add(new Options())));
        Assert.Same(required, Assert.Single(registry.FindMissingServices(new ServiceMap().Add("unrelated"))));
    }
}

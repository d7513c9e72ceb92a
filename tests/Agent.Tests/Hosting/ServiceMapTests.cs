using GuestAgent.Hosting;

namespace GuestAgent.Tests.Hosting;

public sealed class ServiceMapTests
{
    [Fact]
    public void Resolves_instances_and_runs_each_factory_once()
    {
        var calls = 0;
        var services = new ServiceMap()
            .Add("text")
            .Add<List<int>>(_ =>
            {
                calls++;
                return [1];
            });

        Assert.Equal("text", services.GetService(typeof(string)));
        var first = services.GetService(typeof(List<int>));
        Assert.Same(first, services.GetService(typeof(List<int>)));
        Assert.Equal(1, calls);
        Assert.Null(services.GetService(typeof(Uri)));
        Assert.Same(services, services.GetService(typeof(IServiceProvider)));
    }

    [Fact]
    public void Says_whether_a_service_is_registered_without_running_its_factory()
    {
        var calls = 0;
        var services = new ServiceMap().Add("text").Add<List<int>>(_ =>
        {
            calls++;
            return [1];
        });

        Assert.True(services.IsService(typeof(string)));
        Assert.True(services.IsService(typeof(List<int>)));
        Assert.True(services.IsService(typeof(IServiceProvider)));
        Assert.False(services.IsService(typeof(Uri)));
        Assert.Equal(0, calls);
    }

    [Fact]
    public void The_last_registration_of_a_type_wins_whether_instance_or_factory()
    {
        var services = new ServiceMap().Add("instance").Add<string>(_ => "factory");

        Assert.True(services.Contains<string>());
        Assert.Equal("factory", services.GetService(typeof(string)));

        services.Add<Uri>(_ => new Uri("http://factory.invalid/"));
        Assert.True(services.Contains<Uri>());
        services.Add(new Uri("http://instance.invalid/"));
        Assert.Equal(new Uri("http://instance.invalid/"), services.GetService(typeof(Uri)));
        Assert.False(services.Contains<Version>());
    }
}

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
}

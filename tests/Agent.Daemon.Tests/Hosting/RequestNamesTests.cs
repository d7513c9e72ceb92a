using GuestAgent.Daemon.Hosting;

namespace GuestAgent.Daemon.Tests.Hosting;

/// <summary>Start-up readiness reads request names: no request the host can write may stop the daemon there.</summary>
public sealed class RequestNamesTests
{
    [Theory]
    [InlineData("""{"name":"resetnetwork","value":""}""", "resetnetwork")]
    [InlineData("""{"value":"","name":"reset\u006eetwork"}""", "resetnetwork")]
    [InlineData("""{"name":"\ud800","value":""}""", null)]
    [InlineData("""{"name":1}""", null)]
    [InlineData("""not json""", null)]
    public void Reads_the_name_or_nothing_and_never_throws(string request, string? expected) =>
        Assert.Equal(expected, RequestNames.Read(System.Text.Encoding.UTF8.GetBytes(request)));
}

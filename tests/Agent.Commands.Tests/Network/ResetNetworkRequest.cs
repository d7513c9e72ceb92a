using GuestAgent.Hosting;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>The context the host gives <c>resetnetwork</c>: a request id and the test's token (its services come through the constructor).</summary>
internal static class ResetNetworkRequest
{
    public const string Id = "reset-request-1";

    public static CommandContext Context(string id = Id) =>
        new(id, "resetnetwork", new ExchangeSession(), new ServiceMap(), TestContext.Current.CancellationToken);
}

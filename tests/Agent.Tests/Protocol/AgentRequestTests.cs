using GuestAgent.Commands;
using GuestAgent.Protocol;

namespace GuestAgent.Tests.Protocol;

/// <summary>
/// An exchange's request without an id or a session is refused where it is made, naming what is
/// missing, rather than failing later in the host's loop (which matches answers by id and takes the
/// session's answer binding).
/// </summary>
public sealed class AgentRequestTests
{
    [Fact]
    public void A_request_without_an_id_or_a_session_is_refused_naming_the_parameter()
    {
        Assert.Equal("id", Assert.Throws<ArgumentNullException>(() => new AgentRequest(null!, null, new ExchangeSession())).ParamName);
        Assert.Equal("session", Assert.Throws<ArgumentNullException>(() => new AgentRequest("1", null, null!)).ParamName);
    }

    [Fact]
    public void A_request_without_data_keeps_its_id_and_session()
    {
        var session = new ExchangeSession();

        var request = new AgentRequest("", null, session);

        Assert.Equal(("", null), (request.Id, request.Data));
        Assert.Same(session, request.Session);
    }
}

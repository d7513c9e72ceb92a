using GuestAgent.Commands.Tests.Support;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// A '%' that starts no escape (<c>/%zz</c>, a '%' at the end) in the URL's path or query, or in a
/// redirect's, is sent as <c>%25</c>, as wget 1.21 sends it (curl 7.88 sends it as written): the
/// request goes out in .NET's canonical form, the one the redirect checks looked at
/// (docs/commands.md). The request line is the one the test server receives.
/// </summary>
public sealed partial class AgentUpdateCommandTests
{
    [Theory]
    [InlineData("/a%zz.tgz?v=%g1", null, new[] { "/a%25zz.tgz?v=%25g1" })]
    [InlineData("/a%.tgz?v=%", null, new[] { "/a%25.tgz?v=%25" })]
    // A '%' written as its escape stays that escape.
    [InlineData("/a%25zz.tgz", null, new[] { "/a%25zz.tgz" })]
    [InlineData("/start.tgz", "/b%zz.tgz", new[] { "/start.tgz", "/b%25zz.tgz" })]
    public async Task A_percent_that_starts_no_escape_is_sent_as_its_escape_as_wget_sends_it(string path, string? redirectedTo, string[] requested)
    {
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        var origin = new Uri(_server.Url("/")).GetLeftPart(UriPartial.Authority);
        if (redirectedTo is not null)
        {
            _server.Redirect(path, redirectedTo);
        }

        _server.Serve(requested[^1], archive);

        var result = await Update($"\"{origin}{path},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(requested, _server.Requests);
        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
    }
}

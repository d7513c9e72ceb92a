using System.Text;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Generated;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Tests.Files;

/// <summary>
/// An injection into a full directory is answered with the system's reason, and the agent's log says
/// it too (the parser logs every error answer), never with the file's contents.
/// </summary>
public sealed class InjectFileDiskFullTests : IDisposable
{
    private const string Contents = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIsecret-key-material";
    private readonly CommandRoot _root = new();
    private readonly RecordingLogger<NovaJsonParser> _log = new();
    private readonly NovaJsonParser _parser;

    public InjectFileDiskFullTests()
    {
        _root.Services.Add(_root.System with { Writer = new FullDiskWriter() });
        _parser = new NovaJsonParser(AgentCommands.CreateRegistry(_root.Services), _root.Services, _log);
    }

    [Theory]
    [InlineData("injectfile")]
    [InlineData("file_inject")]
    public async Task A_full_disk_is_answered_and_logged_with_its_reason_and_never_the_contents(string command)
    {
        var path = "/root/.ssh/authorized_keys";
        var value = command == "injectfile"
            ? $"\"{B64(path + "," + Contents)}\""
            : $"{{\"b64_path\":\"{B64(path)}\",\"b64_file\":\"{B64(Contents)}\"}}";

        var response = await Send("req-1", $"{{\"name\":\"{command}\",\"value\":{value}}}");

        Assert.Equal("""{"returncode":"500","message":"Couldn't write the file: No space left on device"}""", response);
        Assert.Equal(
            $"Request req-1: command '{command}' answered '500': Couldn't write the file: No space left on device",
            Assert.Single(_log.At(LogLevel.Warning)));
        Assert.DoesNotContain(_log.Entries, entry => entry.Message.Contains("secret-key-material", StringComparison.Ordinal) || entry.Message.Contains(B64(Contents), StringComparison.Ordinal));
    }

    public void Dispose() => _root.Dispose();

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private async Task<string> Send(string id, string request)
    {
        var response = await _parser.ParseRequestAsync(new AgentRequest(id, Encoding.UTF8.GetBytes(request), _root.Session), TestContext.Current.CancellationToken);
        return response.ToJson();
    }
}

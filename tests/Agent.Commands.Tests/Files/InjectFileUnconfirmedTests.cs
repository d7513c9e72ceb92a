using System.Text;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Generated;
using GuestAgent.Protocol;

namespace GuestAgent.Commands.Tests.Files;

/// <summary>
/// An injection whose file was renamed into place but whose directory could not be synced is
/// answered as written-but-unconfirmed, never as "Couldn't write the file": the new key is there.
/// </summary>
public sealed class InjectFileUnconfirmedTests : IDisposable
{
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAInew-key\n";
    private readonly CommandRoot _root = new();
    private readonly NovaJsonParser _parser;

    public InjectFileUnconfirmedTests()
    {
        _root.WriteFile("/root/.ssh/authorized_keys", "ssh-rsa OLDKEY\n", "600");
        _root.Services.Add(_root.System with { Writer = new UnsyncedDirectoryWriter(_root.System.Writer) });
        _parser = new NovaJsonParser(AgentCommands.CreateRegistry(_root.Services), _root.Services);
    }

    [Theory]
    [InlineData("injectfile")]
    [InlineData("file_inject")]
    public async Task The_answer_says_the_file_was_written_but_not_confirmed(string command)
    {
        const string Path = "/root/.ssh/authorized_keys";
        var value = command == "injectfile"
            ? $"\"{B64(Path + "," + Key)}\""
            : $"{{\"b64_path\":\"{B64(Path)}\",\"b64_file\":\"{B64(Key)}\"}}";

        var response = await _parser.ParseRequestAsync(
            new AgentRequest("req-1", Encoding.UTF8.GetBytes($"{{\"name\":\"{command}\",\"value\":{value}}}"), _root.Session), TestContext.Current.CancellationToken);

        Assert.Equal("""{"returncode":"500","message":"The file was written, but the change could not be confirmed on disk: Input/output error"}""", response.ToJson());
        Assert.Equal(Key, File.ReadAllText(_root.HostPath(Path)));
        Assert.Equal("ssh-rsa OLDKEY\n", File.ReadAllText(_root.HostPath(Path + ".bak~")));
    }

    public void Dispose() => _root.Dispose();

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}

using System.Text;
using GuestAgent.Commands.Files;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Files;

/// <summary>
/// An administrator's <c>chattr +i</c> (an immutable <c>/etc/resolv.conf</c> is a common one) makes
/// the final rename over the target fail after the backup was already taken: the refusal must leave
/// the directory as it was, the previous backup included, since the answer says nothing changed.
/// </summary>
public sealed class InjectFileImmutableTargetTests : IAsyncDisposable
{
    private const string Target = "/etc/resolv.conf";
    private readonly CommandRoot _root = new();
    private ImmutableFlag? _immutable;

    [Fact]
    public async Task A_refused_rename_over_an_immutable_file_keeps_the_previous_backup()
    {
        _root.WriteFile(Target, "nameserver 192.0.2.1\n", "644");
        _root.WriteFile(Target + ".bak~", "nameserver 192.0.2.99\n", "644");
        await MakeImmutable(Target);
        var before = TreeSnapshot.Take(_root.System.FileSystem.Root);

        var error = Assert.Throws<CommandException>(() => InjectFileCommands.InjectFile(Encode(Target, "nameserver 198.51.100.7\n"), _root.Context("injectfile")));

        Assert.Equal(InjectFileMessages.WriteFailed + ": Operation not permitted", error.Message);
        Assert.Equal(before, TreeSnapshot.Take(_root.System.FileSystem.Root));
        Assert.Equal("nameserver 192.0.2.99\n", File.ReadAllText(_root.HostPath(Target + ".bak~")));
    }

    [Fact]
    public async Task A_refused_rename_over_an_immutable_file_leaves_no_backup_where_there_was_none()
    {
        _root.WriteFile(Target, "nameserver 192.0.2.1\n", "644");
        await MakeImmutable(Target);
        var before = TreeSnapshot.Take(_root.System.FileSystem.Root);

        Assert.Throws<CommandException>(() => InjectFileCommands.FileInject(Json(Target, "nameserver 198.51.100.7\n"), _root.Context("file_inject")));

        Assert.Equal(before, TreeSnapshot.Take(_root.System.FileSystem.Root));
        Assert.False(File.Exists(_root.HostPath(Target + ".bak~")));
    }

    public async ValueTask DisposeAsync()
    {
        if (_immutable is not null)
        {
            await _immutable.DisposeAsync();
        }

        _root.Dispose();
    }

    private async Task MakeImmutable(string agentPath) => _immutable = await ImmutableFlag.SetAsync(_root.HostPath(agentPath));


    private static string Encode(string path, string contents) => Convert.ToBase64String(Encoding.UTF8.GetBytes(path + "," + contents));

    private static System.Text.Json.JsonElement Json(string path, string contents)
    {
        using var document = System.Text.Json.JsonDocument.Parse(
            $"{{\"b64_path\":\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(path))}\",\"b64_file\":\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(contents))}\"}}");
        return document.RootElement.Clone();
    }
}

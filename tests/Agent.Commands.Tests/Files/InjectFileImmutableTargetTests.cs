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
public sealed class InjectFileImmutableTargetTests : IDisposable
{
    private const string Target = "/etc/resolv.conf";
    private readonly CommandRoot _root = new();
    private string? _immutable;

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

    public void Dispose()
    {
        if (_immutable is { } path)
        {
            // The temporary root cannot be removed while the flag is set.
            ExternalTool.RunAsync("chattr", ["-i", path]).GetAwaiter().GetResult();
        }

        _root.Dispose();
    }

    private async Task MakeImmutable(string agentPath)
    {
        Assert.SkipUnless(Owners.AsRoot, "Setting the immutable flag needs root (CAP_LINUX_IMMUTABLE)");
        var chattr = ExternalTool.Require("chattr", "e2fsprogs");
        var path = _root.HostPath(agentPath);
        var result = await ExternalTool.RunAsync(chattr, ["+i", path]);
        if (result.ExitCode != 0)
        {
            Requirement.Unmet($"The temporary directory's file system has no immutable flag: {result.StandardError}");
        }

        _immutable = path;
    }

    private static string Encode(string path, string contents) => Convert.ToBase64String(Encoding.UTF8.GetBytes(path + "," + contents));

    private static System.Text.Json.JsonElement Json(string path, string contents)
    {
        using var document = System.Text.Json.JsonDocument.Parse(
            $"{{\"b64_path\":\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(path))}\",\"b64_file\":\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(contents))}\"}}");
        return document.RootElement.Clone();
    }
}

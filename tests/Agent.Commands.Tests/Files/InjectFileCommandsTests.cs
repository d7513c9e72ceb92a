using System.Text;
using System.Text.Json;
using GuestAgent.Commands.Files;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Hosting;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Tests.Files;

public sealed class InjectFileCommandsTests
{
    private static readonly UnixFileMode Mode0600 = (UnixFileMode)Convert.ToInt32("600", 8);
    private static readonly UnixFileMode Mode0666 = (UnixFileMode)Convert.ToInt32("666", 8);
    private static readonly UnixFileMode Mode0755 = (UnixFileMode)Convert.ToInt32("755", 8);

    [Fact]
    public void Binary_contents_are_written_exactly_to_a_new_file_with_0600_root_and_0755_directories()
    {
        using var root = new CommandRoot();
        var contents = new byte[2048];
        new Random(42).NextBytes(contents);
        contents[10] = (byte)',';
        contents[11] = 0;

        var result = InjectFileCommands.InjectFile(Encode("/root/.ssh/authorized_keys", contents), root.Context("injectfile"));

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(contents, File.ReadAllBytes(root.HostPath("/root/.ssh/authorized_keys")));
        var status = root.System.FileSystem.GetStatus("/root/.ssh/authorized_keys")!.Value;
        Assert.Equal(Mode0600, status.Mode);
        Assert.Equal(Mode0755, root.System.FileSystem.GetStatus("/root/.ssh")!.Value.Mode);
        Assert.Equal(Mode0755, root.System.FileSystem.GetStatus("/root")!.Value.Mode);
        if (Owners.AsRoot)
        {
            Assert.Equal(FileOwner.Root, status.Owner);
        }

        Assert.Equal(["/root/.ssh/authorized_keys"], root.System.FileSystem.ListDirectory("/root/.ssh"));
    }

    [Fact]
    public void Commas_in_the_contents_are_kept_and_only_the_first_comma_splits()
    {
        using var root = new CommandRoot();
        const string Contents = "\n# The following ssh key was injected by Nova\nssh-rsa AAAA,B,C user@host\n";

        InjectFileCommands.InjectFile(Encode("/etc/motd", Encoding.UTF8.GetBytes(Contents)), root.Context("injectfile"));

        Assert.Equal(Contents, File.ReadAllText(root.HostPath("/etc/motd")));
    }

    [Fact]
    public void Empty_contents_empty_a_file_in_either_form_and_the_previous_contents_are_backed_up()
    {
        // "<path>," and b64_file "": an injected file Nova means to be empty, not a malformed request.
        using var root = new CommandRoot();
        root.WriteFile("/etc/issue", "old banner", "644");

        Assert.Equal(CommandResult.Ok(), InjectFileCommands.InjectFile(Encode("/etc/issue", []), root.Context("injectfile")));
        Assert.Equal(CommandResult.Ok(), InjectFileCommands.FileInject(Json($"{{\"b64_path\":\"{B64("/etc/new/empty")}\",\"b64_file\":\"\"}}"), root.Context("file_inject")));

        Assert.Empty(File.ReadAllBytes(root.HostPath("/etc/issue")));
        Assert.Equal("old banner", File.ReadAllText(root.HostPath("/etc/issue.bak~")));
        Assert.Empty(File.ReadAllBytes(root.HostPath("/etc/new/empty")));
    }

    [Fact]
    public void An_existing_file_keeps_owner_and_mode_and_is_backed_up_once()
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/app.conf", "old", "666");
        if (Owners.AsRoot)
        {
            root.System.FileSystem.SetOwner("/etc/app.conf", new FileOwner(0, 1));
        }

        var owner = root.System.FileSystem.GetStatus("/etc/app.conf")!.Value.Owner;

        InjectFileCommands.InjectFile(Encode("/etc/app.conf", "new"u8.ToArray()), root.Context("injectfile"));
        InjectFileCommands.InjectFile(Encode("/etc/app.conf", "newer"u8.ToArray()), root.Context("injectfile"));

        Assert.Equal("newer", File.ReadAllText(root.HostPath("/etc/app.conf")));
        Assert.Equal(Mode0666, root.System.FileSystem.GetStatus("/etc/app.conf")!.Value.Mode);
        Assert.Equal(owner, root.System.FileSystem.GetStatus("/etc/app.conf")!.Value.Owner);
        Assert.Equal("new", File.ReadAllText(root.HostPath("/etc/app.conf.bak~")));
        Assert.Equal(Mode0666, root.System.FileSystem.GetStatus("/etc/app.conf.bak~")!.Value.Mode);
        Assert.Equal(["/etc/app.conf", "/etc/app.conf.bak~"], root.System.FileSystem.ListDirectory("/etc"));
    }

    [Fact]
    public void The_dictionary_form_writes_the_same_way()
    {
        using var root = new CommandRoot();
        var value = Json($"{{\"b64_path\":\"{B64("/etc/hello")}\",\"b64_file\":\"{B64("a,b\u0000c")}\"}}");

        var result = InjectFileCommands.FileInject(value, root.Context("file_inject"));

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal("a,b\0c", File.ReadAllText(root.HostPath("/etc/hello")));
    }

    [Fact]
    public void A_path_with_doubled_slashes_or_dot_components_is_written_at_the_file_the_kernel_names_by_it()
    {
        using var root = new CommandRoot();

        // Nova passes a personality file's path as its user gave it; the original agent wrote these
        // (os.rename resolves them as the kernel does), so they name one file, never a way out.
        Assert.Equal(CommandResult.Ok(), InjectFileCommands.InjectFile(Encode("//etc//app.conf", "one"u8.ToArray()), root.Context("injectfile")));
        Assert.Equal(CommandResult.Ok(), InjectFileCommands.FileInject(Json($"{{\"b64_path\":\"{B64("/etc/./conf.d/./two.conf")}\",\"b64_file\":\"{B64("two")}\"}}"), root.Context("file_inject")));

        Assert.Equal("one", File.ReadAllText(root.HostPath("/etc/app.conf")));
        Assert.Equal("two", File.ReadAllText(root.HostPath("/etc/conf.d/two.conf")));

        // The allow-list judges the path the kernel resolves, not the text as sent.
        root.Services.Add(new InjectFileOptions { AllowedDirectories = ["/srv/data"] });
        Assert.Equal(CommandResult.Ok(), InjectFileCommands.InjectFile(Encode("//srv/./data//three", "three"u8.ToArray()), root.Context("injectfile")));
        Assert.Equal("three", File.ReadAllText(root.HostPath("/srv/data/three")));
    }

    public static TheoryData<string, string> RejectedPaths() => new()
    {
        { "etc/passwd", "it must be absolute" },
        { "", "it must be absolute" },
        { "/", "it must name a file" },
        { "//", "it must name a file" },
        { "/etc/../root/x", "it must name a file" },
        { "/etc//../root/x", "it must name a file" },
        { "/etc/x/", "it must name a file" },
        { "/etc/x/.", "it must name a file" },
        { "/etc/x/..", "it must name a file" },
        { "/etc/x\0y", "it contains a NUL character" },
        { "/etc/link", "is a symbolic link" },
        { "/etc", "is not a regular file" },
        // 129 components: refused before a directory is made (the write would hold a descriptor for each).
        { "/tmp" + string.Concat(Enumerable.Repeat("/d", 127)) + "/f", "Invalid file path: it has more than 128 components" },
    };

    [Fact]
    public void A_path_of_128_components_is_written()
    {
        using var root = new CommandRoot();
        var path = "/tmp" + string.Concat(Enumerable.Repeat("/d", 126)) + "/f";

        var result = InjectFileCommands.InjectFile(Encode(path, "deep"u8.ToArray()), root.Context("injectfile"));

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal("deep", File.ReadAllText(root.HostPath(path)));
    }

    [Theory]
    [MemberData(nameof(RejectedPaths))]
    public void Refused_paths_answer_500_and_change_nothing(string path, string message)
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/target", "precious", "644");
        root.System.FileSystem.CreateSymbolicLink("/etc/link", root.HostPath("/etc/target"));

        AssertRefused(root, () => InjectFileCommands.InjectFile(Encode(path, "evil"u8.ToArray()), root.Context("injectfile")), message);
        AssertRefused(root, () => InjectFileCommands.FileInject(Json($"{{\"b64_path\":\"{B64(path)}\",\"b64_file\":\"{B64("evil")}\"}}"), root.Context("file_inject")), message);
    }

    [Fact]
    public void A_failed_write_removes_the_directories_it_created_and_nothing_else()
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/target", "precious", "644");
        // A file name longer than NAME_MAX (ENAMETOOLONG): the write fails after the missing
        // directories were created.
        var path = "/etc/new/deeper/" + new string('n', 300);

        AssertRefused(root, () => InjectFileCommands.InjectFile(Encode(path, "data"u8.ToArray()), root.Context("injectfile")), InjectFileMessages.WriteFailed + ": File name too long");
        Assert.True(root.System.FileSystem.DirectoryExists("/etc"));
    }

    [Fact]
    public void A_path_that_is_not_utf8_is_refused()
    {
        using var root = new CommandRoot();
        var data = Convert.ToBase64String([.. "/etc/\xff"u8.ToArray().Take(5), 0xff, (byte)',', (byte)'x']);

        AssertRefused(root, () => InjectFileCommands.InjectFile(data, root.Context("injectfile")), "not UTF-8");
    }

    [Fact]
    public void Paths_outside_the_allow_list_and_through_linked_directories_are_refused()
    {
        using var root = new CommandRoot();
        root.Services.Add(new InjectFileOptions { AllowedDirectories = ["/root/.ssh", "/srv/data/"] });
        root.System.FileSystem.CreateDirectory("/root/.ssh", Mode0755);
        root.System.FileSystem.CreateDirectory("/etc", Mode0755);
        root.System.FileSystem.CreateSymbolicLink("/root/.ssh/escape", root.HostPath("/etc"));

        AssertRefused(root, () => InjectFileCommands.InjectFile(Encode("/etc/passwd", "x"u8.ToArray()), root.Context("injectfile")), "outside the directories allowed");
        AssertRefused(root, () => InjectFileCommands.InjectFile(Encode("/root/.sshx/key", "x"u8.ToArray()), root.Context("injectfile")), "outside the directories allowed");
        AssertRefused(root, () => InjectFileCommands.InjectFile(Encode("/srv/data", "x"u8.ToArray()), root.Context("injectfile")), "outside the directories allowed");
        AssertRefused(root, () => InjectFileCommands.InjectFile(Encode("/root/.ssh/escape/passwd", "x"u8.ToArray()), root.Context("injectfile")), "goes through a symbolic link; refusing to follow it");

        InjectFileCommands.InjectFile(Encode("/srv/data/new/file", "ok"u8.ToArray()), root.Context("injectfile"));
        Assert.Equal("ok", File.ReadAllText(root.HostPath("/srv/data/new/file")));
    }

    [Fact]
    public void The_default_policy_is_the_documented_one()
    {
        var policy = InjectFileOptions.Default;

        // Anywhere; a new file 0600 root:root (explicitly root's: an agent whose group is not root's
        // still makes root's files) unless a user's directory holds it; new directories 0755; one backup.
        Assert.Equal(["/"], policy.AllowedDirectories);
        Assert.Equal(Mode0600, policy.NewFileMode);
        Assert.Equal(FileOwner.Root, policy.NewFileOwner);
        Assert.True(policy.InheritUserDirectoryOwner);
        Assert.Equal(Mode0755, policy.DirectoryMode);
        Assert.True(policy.KeepBackup);
    }

    [Fact]
    public void Without_an_AgentSystem_nothing_is_written_not_even_under_the_real_root()
    {
        // A real directory: a command that guessed the root "/" would write here, where the test sees it.
        using var real = new TemporaryDirectory();
        var path = Path.Join(real.Path, "authorized_keys");
        var context = new CommandContext("no-system", "injectfile", new ExchangeSession(), new ServiceMap(), TestContext.Current.CancellationToken);

        var refused = Assert.Throws<MissingServiceException>(() => InjectFileCommands.InjectFile(Encode(path, "data"u8.ToArray()), context));

        Assert.Equal("GuestAgent.Commands.Files.InjectFileCommands", refused.CommandClass);
        Assert.Equal("GuestAgent.Platform.AgentSystem", refused.Service);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void The_path_written_or_refused_is_logged_and_the_contents_never_are()
    {
        using var root = new CommandRoot();
        var logs = new CapturingLoggerFactory();
        root.Services.Add<ILoggerFactory>(logs);
        root.Services.Add(new InjectFileOptions { AllowedDirectories = ["/srv/data"] });

        var first = root.Context("injectfile");
        var second = root.Context("injectfile");

        InjectFileCommands.InjectFile(Encode("/srv/data/ok", "secret-one"u8.ToArray()), first);
        AssertRefused(root, () => InjectFileCommands.InjectFile(Encode("/etc/cron.d/evil", "secret-two"u8.ToArray()), second), "outside the directories allowed");

        // Each line names its request, as the host's own lines about it do.
        Assert.Equal(
            [
                $"Information: Request {first.RequestId}: injectfile: wrote /srv/data/ok",
                $"Warning: Request {second.RequestId}: injectfile: did not write /etc/cron.d/evil: " + InjectFileMessages.NotAllowed,
            ],
            logs.Messages);
    }

    [Fact]
    public void Text_before_the_first_comma_that_is_no_absolute_path_is_not_logged()
    {
        // A host that sends contents without a path ("user=alice,password=hunter2"): the part before the
        // first comma is contents, not a path, and a secret may be in it; the log gives its length only.
        using var root = new CommandRoot();
        var logs = new CapturingLoggerFactory();
        root.Services.Add<ILoggerFactory>(logs);
        var context = root.Context("injectfile");

        AssertRefused(root, () => InjectFileCommands.InjectFile(Encode("token=hunter2", "password=x"u8.ToArray()), context), "must be absolute");

        Assert.Equal(
            [$"Warning: Request {context.RequestId}: injectfile: did not write (no absolute path before the first comma: 13 bytes, not shown): " + InjectFileMessages.NotAbsolute],
            logs.Messages);
    }

    [Theory]
    [InlineData("not base64!", "Error doing base64 decoding of data")]
    [InlineData("L2V0Yy9wYXNzd2Q=", "expected '<path>,<contents>'")]
    public void Bad_injectfile_values_are_explained(string value, string message)
    {
        using var root = new CommandRoot();

        AssertRefused(root, () => InjectFileCommands.InjectFile(value, root.Context("injectfile")), message);
    }

    [Theory]
    [InlineData("\"a string\"", "Invalid file_inject arguments")]
    [InlineData("{\"b64_path\":\"L2V0Yy94\"}", "Invalid file_inject arguments")]
    [InlineData("{\"b64_path\":\"L2V0Yy94\",\"b64_file\":5}", "Invalid file_inject arguments")]
    [InlineData("{\"b64_path\":[\"L2V0Yy94\"],\"b64_file\":\"eA==\"}", "Invalid file_inject arguments")]
    [InlineData("{\"b64_path\":\"!!\",\"b64_file\":\"eA==\"}", "Error doing base64 decoding of data")]
    public void Bad_file_inject_values_are_explained(string json, string message)
    {
        using var root = new CommandRoot();

        AssertRefused(root, () => InjectFileCommands.FileInject(Json(json), root.Context("file_inject")), message);
    }

    private static void AssertRefused(CommandRoot root, Func<CommandResult> command, string message)
    {
        var before = TreeSnapshot.Take(root.System.FileSystem.Root);

        var error = Assert.Throws<CommandException>(() => command());

        Assert.Equal("500", error.ReturnCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TreeSnapshot.Take(root.System.FileSystem.Root));
    }

    private static string Encode(string path, byte[] contents) =>
        Convert.ToBase64String([.. Encoding.UTF8.GetBytes(path + ","), .. contents]);

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

using System.Text;
using GuestAgent.Commands.Files;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Files;

/// <summary>
/// Injecting over a setuid or setgid program: the host's contents never run with the old program's
/// privileges, so the file keeps its mode, owner and sticky bit but not setuid or setgid, and its
/// <c>.bak~</c> is a plain copy, not a second setuid name of the old program. Under the shipped
/// unit's <c>RestrictSUIDSGID=yes</c> (<see cref="SetIdRestriction"/>), where the kernel refuses
/// to set either bit, the injection therefore still works.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InjectFileSetIdTests : IDisposable
{
    private const string Program = "/usr/bin/tool";
    private readonly CommandRoot _root = new();

    [Theory]
    [InlineData("4755", "755")]
    [InlineData("2711", "711")]
    [InlineData("6755", "755")]
    [InlineData("5755", "1755")]
    [InlineData("1755", "1755")]
    [InlineData("755", "755")]
    public void The_injected_file_and_its_backup_keep_the_mode_without_setuid_and_setgid(string original, string written)
    {
        _root.WriteFile(Program, "vetted\n", original);
        var owner = _root.System.FileSystem.GetStatus(Program)!.Value.Owner;

        InjectFileCommands.InjectFile(Encode(Program, "unvetted\n"), _root.Context("injectfile"));

        Assert.Equal("unvetted\n", File.ReadAllText(_root.HostPath(Program)));
        Assert.Equal(Octal(written), File.GetUnixFileMode(_root.HostPath(Program)));
        Assert.Equal(owner, _root.System.FileSystem.GetStatus(Program)!.Value.Owner);
        Assert.Equal("vetted\n", File.ReadAllText(_root.HostPath(Program + ".bak~")));
        Assert.Equal(Octal(written), File.GetUnixFileMode(_root.HostPath(Program + ".bak~")));
    }

    [Fact]
    public void Under_RestrictSUIDSGID_injecting_over_a_setuid_program_works()
    {
        _root.WriteFile(Program, "vetted\n", "4755");
        _root.WriteFile(Program + ".bak~", "older\n", "4755");

        SetIdRestriction.Run(() => InjectFileCommands.FileInject(Json(Program, "unvetted\n"), _root.Context("file_inject")));

        Assert.Equal("unvetted\n", File.ReadAllText(_root.HostPath(Program)));
        Assert.Equal(Octal("755"), File.GetUnixFileMode(_root.HostPath(Program)));
        Assert.Equal("vetted\n", File.ReadAllText(_root.HostPath(Program + ".bak~")));
        Assert.Equal(Octal("755"), File.GetUnixFileMode(_root.HostPath(Program + ".bak~")));
        Assert.Equal(["tool", "tool.bak~"], Directory.GetFileSystemEntries(_root.HostPath("/usr/bin")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_setuid_program_too_large_for_its_backup_copy_is_refused_and_left_as_it_was()
    {
        // Its backup cannot be the old inode (setuid still), and a copy stops at 16 MiB, as for a
        // file on a file system without hard links: the answer is an error, and nothing changed.
        _root.WriteFile(Program, "", "4755");
        using (var stream = new FileStream(_root.HostPath(Program), FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(Platform.AtomicWriteOptions.DefaultMaxBackupCopyBytes + 1);
        }

        var error = Assert.Throws<CommandException>(() => InjectFileCommands.InjectFile(Encode(Program, "unvetted\n"), _root.Context("injectfile")));

        // The answer says it is the backup, a copy because the file is setuid, that is too large, not the contents sent.
        Assert.Equal(
            InjectFileMessages.WriteFailed + ": the existing setuid, setgid or capability-carrying file is too large to back up: 16777217 bytes or more, over the 16777216-byte limit",
            error.Message);
        Assert.Equal(Platform.AtomicWriteOptions.DefaultMaxBackupCopyBytes + 1, new FileInfo(_root.HostPath(Program)).Length);
        Assert.Equal(Octal("4755"), File.GetUnixFileMode(_root.HostPath(Program)));
        Assert.Equal(["tool"], Directory.GetFileSystemEntries(_root.HostPath("/usr/bin")).Select(Path.GetFileName));
    }

    public void Dispose() => _root.Dispose();

    private static UnixFileMode Octal(string mode) => (UnixFileMode)Convert.ToInt32(mode, 8);

    private static string Encode(string path, string contents) => Convert.ToBase64String(Encoding.UTF8.GetBytes(path + "," + contents));

    private static System.Text.Json.JsonElement Json(string path, string contents)
    {
        using var document = System.Text.Json.JsonDocument.Parse(
            $"{{\"b64_path\":\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(path))}\",\"b64_file\":\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(contents))}\"}}");
        return document.RootElement.Clone();
    }
}

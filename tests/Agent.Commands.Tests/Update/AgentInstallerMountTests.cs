using System.Diagnostics;
using GuestAgent.Commands.Tests.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Update;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// Installing where the kernel says no: the install directory read-only (a read-only bind mount, as
/// a read-only <c>/usr</c>) or full (a small tmpfs), in a mount namespace of the test thread's own
/// (<see cref="ThreadMounts"/>); and over the binary of a process that is running. The kernel's own
/// <c>EROFS</c> and <c>ENOSPC</c>: the answer names them, the installed binary and its directory are
/// as they were, and no staged file is left beside it.
/// </summary>
public sealed class AgentInstallerMountTests : IDisposable
{
    private const string Binary = "/usr/sbin/guest-agent";

    private readonly CommandRoot _root = new();
    private readonly TemporaryDirectory _staging = new();

    public AgentInstallerMountTests() => _root.WriteFile(Binary, "#!/bin/sh\necho old agent\n", "755");

    [Fact]
    public void On_a_read_only_install_directory_the_update_is_refused_naming_it_and_nothing_changes()
    {
        var update = NewBinary(200_000);
        var directory = _root.HostPath("/usr/sbin");
        var before = TreeSnapshot.Take(_root.System.FileSystem.Root);

        ThreadMounts.ReadOnlyDirectory(directory, () =>
        {
            // Synchronous up to the write, which fails: the whole install stays on this thread.
            var error = Assert.Throws<CommandException>(() => Install(update));

            Assert.Equal("500", error.ReturnCode);
            Assert.Equal("Couldn't install the update: Read-only file system", error.Message);
        });

        Assert.Equal(before, TreeSnapshot.Take(_root.System.FileSystem.Root));
        Assert.Equal("", _root.ActionsLog());
    }

    [Fact]
    public void On_a_full_install_directory_the_update_is_refused_naming_it_and_no_staged_file_is_left()
    {
        var update = NewBinary(200_000);
        var directory = _root.HostPath("/usr/sbin");
        string[]? left = null;
        byte[]? installed = null;

        ThreadMounts.FullDirectory(directory, () =>
        {
            var error = Assert.Throws<CommandException>(() => Install(update));

            Assert.Equal("Couldn't install the update: No space left on device", error.Message);
            left = [.. Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
            installed = File.ReadAllBytes(Path.Combine(directory, "guest-agent"));
        });

        // The tmpfs held a copy of the directory and its filler; what the write left there is what counts.
        Assert.Equal(["filler", "guest-agent"], left!);
        Assert.Equal("#!/bin/sh\necho old agent\n"u8.ToArray(), installed);
        Assert.Equal("", _root.ActionsLog());
    }

    [Fact]
    public async Task Over_a_binary_that_is_running_the_update_is_installed_and_the_running_process_is_untouched()
    {
        // The installed binary a running agent was started from: writing into it would fail with
        // ETXTBSY; the update stages a new file and renames it over the name, keeping the old inode as .bak.
        var sleep = ExternalTool.Require("sleep", "coreutils");
        File.Copy(sleep, _root.HostPath(Binary), overwrite: true);
        var running = await File.ReadAllBytesAsync(sleep, TestContext.Current.CancellationToken);
        using var process = Process.Start(new ProcessStartInfo(_root.HostPath(Binary), ["600"]) { UseShellExecute = false })!;
        try
        {
            Assert.Throws<IOException>(() => new FileStream(_root.HostPath(Binary), FileMode.Open, FileAccess.Write).Dispose());
            var update = NewBinary(100_000);

            await AgentInstaller.InstallAsync(_root.System, AgentUpdateOptions.Default, update, TestContext.Current.CancellationToken);

            Assert.Equal(await File.ReadAllBytesAsync(update, TestContext.Current.CancellationToken), await File.ReadAllBytesAsync(_root.HostPath(Binary), TestContext.Current.CancellationToken));
            Assert.Equal(running, await File.ReadAllBytesAsync(_root.HostPath(Binary + ".bak"), TestContext.Current.CancellationToken));
            Assert.False(process.HasExited, "the running agent was stopped by the install");
            Assert.Equal(running, await File.ReadAllBytesAsync($"/proc/{process.Id}/exe", TestContext.Current.CancellationToken));
            Assert.EndsWith("restart guest-agent.service\n", _root.ActionsLog(), StringComparison.Ordinal);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    public void Dispose()
    {
        _staging.Dispose();
        _root.Dispose();
    }

    private void Install(string update) =>
        AgentInstaller.InstallAsync(_root.System, AgentUpdateOptions.Default, update, TestContext.Current.CancellationToken).GetAwaiter().GetResult();

    /// <summary>An ELF-looking binary of <paramref name="length"/> bytes (larger than the full tmpfs can take).</summary>
    private string NewBinary(int length)
    {
        var bytes = new byte[length];
        "\u007fELF"u8.CopyTo(bytes);
        Random.Shared.NextBytes(bytes.AsSpan(4));
        var path = _staging.Combine($"guest-agent-{Guid.NewGuid():N}");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}

using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// A foreign <c>.network</c> file or NetworkManager keyfile whose name is not valid UTF-8 (an image's
/// Latin-1 <c>00-caf\xE9.network</c>): the real systemd-networkd and NetworkManager read it like any other
/// name (they take names as bytes), so it may take eth0 from ours; <c>resetnetwork</c>, reading the real
/// file system (<see cref="RootedFileSystem"/>), must refuse it as it refuses such a file with a readable name,
/// and name it exactly, its bytes that are not UTF-8 as <c>%XX</c>.
/// </summary>
public sealed class UndecodableForeignFileTests
{
    private const string Networkd = "/etc/systemd/network";
    private const string Keyfiles = "/etc/NetworkManager/system-connections";
    private static readonly byte[] NetworkdName = RawFileNames.Latin1("00-caf\xE9.network");
    private static readonly byte[] KeyfileName = RawFileNames.Latin1("caf\xE9.nmconnection");

    private const string ForeignNetwork = "[Match]\nName=eth0\n\n[Network]\nAddress=198.51.100.7/24\nIPv6AcceptRA=no\n";

    private const string ForeignKeyfile = "[connection]\nid=cafe eth0\nuuid=00000000-0000-4000-8000-000000000001\ntype=ethernet\ninterface-name=eth0\nautoconnect-priority=999\n\n[ipv4]\nmethod=manual\naddress1=198.51.100.7/24\n\n[ipv6]\nmethod=ignore\n";

    [Fact]
    public async Task Networkd_configures_eth0_with_a_foreign_file_whose_name_is_not_utf8_and_resetnetwork_refuses_it()
    {
        var configuration = NetworkFixture.Load("ipv4-only").Build();
        using var files = new TemporaryDirectory();
        File.SetUnixFileMode(files.Path, (UnixFileMode)Convert.ToInt32("755", 8));
        foreach (var file in new NetworkdRenderer().Render(configuration, new InMemoryFileView()).Files)
        {
            File.WriteAllText(files.Combine(Path.GetFileName(file.Path)), file.Contents);
            File.SetUnixFileMode(files.Combine(Path.GetFileName(file.Path)), RenderedFile.Public);
        }

        NetworkdDaemon.WithoutRouterSolicitation(files.Path);
        RawFileNames.Create(files.Path, NetworkdName, ForeignNetwork, RenderedFile.Public);
        try
        {
            var state = await NetworkdDaemon.RunAsync(configuration, files.Path);
            var used = state.NetworkFiles.GetValueOrDefault("eth0");
            Assert.True(used == $"{Networkd}/00-caf\uFFFD.network" && state.Addresses.Contains("eth0 198.51.100.7/24"), $"networkd configures eth0 from '{used}':\n{state.Transcript}");
        }
        finally
        {
            RawFileNames.Remove(files.Path, NetworkdName);
        }

        var refusal = Refusal(Networkd, NetworkdName, ForeignNetwork, RenderedFile.Public, view => new NetworkdRenderer().Render(configuration, view));
        Assert.StartsWith($"{Networkd}/00-caf%E9.network has a name that is not valid UTF-8", refusal, StringComparison.Ordinal);
        Assert.Contains("eth0", refusal, StringComparison.Ordinal);
        Assert.EndsWith("nothing was changed", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NetworkManager_activates_a_keyfile_whose_name_is_not_utf8_and_resetnetwork_refuses_it()
    {
        var configuration = NetworkFixture.Load("ipv4-only").Build();
        using var files = new TemporaryDirectory();
        File.SetUnixFileMode(files.Path, (UnixFileMode)Convert.ToInt32("700", 8));
        RawFileNames.Create(files.Path, KeyfileName, ForeignKeyfile, RenderedFile.Private);
        try
        {
            var state = await NetworkManagerDaemon.RunAsync(configuration, new Dictionary<string, string>(StringComparer.Ordinal) { [Keyfiles] = files.Path });
            Assert.True(state.Devices["eth0"].Connection == "cafe eth0" && state.Addresses.Contains("eth0 198.51.100.7/24"), $"eth0 has '{state.Devices["eth0"].Connection}':\n{state.Transcript}");
        }
        finally
        {
            RawFileNames.Remove(files.Path, KeyfileName);
        }

        var refusal = Refusal(Keyfiles, KeyfileName, ForeignKeyfile, RenderedFile.Private, view => new NetworkManagerRenderer().Render(configuration, view));
        Assert.StartsWith($"{Keyfiles}/caf%E9.nmconnection has a name that is not valid UTF-8", refusal, StringComparison.Ordinal);
        Assert.Contains("eth0", refusal, StringComparison.Ordinal);
        Assert.EndsWith("nothing was changed", refusal, StringComparison.Ordinal);
    }

    /// <summary>The renderer's refusal over a root holding the file <paramref name="name"/> in <paramref name="directory"/>, read through the real file system.</summary>
    private static string Refusal(string directory, byte[] name, string contents, UnixFileMode mode, Func<IFileView, RenderResult> render)
    {
        using var root = new TemporaryDirectory();
        var host = root.Path + directory;
        Directory.CreateDirectory(host, (UnixFileMode)Convert.ToInt32("755", 8));
        RawFileNames.Create(host, name, contents, mode);
        try
        {
            var view = new FileSystemView(new RootedFileSystem(root.Path));
            return Assert.IsType<InvalidNetworkDataException>(Record.Exception(() => render(view))).Message;
        }
        finally
        {
            RawFileNames.Remove(host, name);
        }
    }
}

using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>Our netplan YAML for a configuration, written under a test root as the agent writes it, for the real <c>netplan generate --root-dir</c>.</summary>
internal static class OurNetplanYaml
{
    /// <summary>Writes the file at its path under <paramref name="root"/>, with its mode (netplan warns about a YAML others can read).</summary>
    public static void WriteUnder(TemporaryDirectory root, NetworkConfiguration configuration)
    {
        var yaml = new NetplanRenderer().Render(configuration, new InMemoryFileView()).Files.Single();
        var path = root.Combine(yaml.Path.TrimStart('/').Split('/'));
        FixtureDirectories.Create(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml.Contents);
        File.SetUnixFileMode(path, yaml.Mode);
    }

    /// <summary>
    /// Writes our YAML under <paramref name="root"/> with NetworkManager as netplan's renderer and runs the real
    /// <c>netplan generate</c> there, failing the test when it refuses the files.
    /// </summary>
    public static async Task GenerateForNetworkManagerAsync(TemporaryDirectory root, NetworkConfiguration configuration)
    {
        var netplan = ExternalTool.Require("netplan", "netplan.io");
        WriteUnder(root, configuration);
        var renderer = root.Combine("etc", "netplan", "00-renderer.yaml");
        File.WriteAllText(renderer, "network:\n  version: 2\n  renderer: NetworkManager\n");
        File.SetUnixFileMode(renderer, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var generate = await ExternalTool.RunAsync(netplan, ["generate", "--root-dir", root.Path]);
        Assert.True(generate.ExitCode == 0, generate.StandardError);
    }
}

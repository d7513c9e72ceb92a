using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The real <c>netplan generate</c> on one YAML file alone under a temporary root: what netplan makes
/// of a form, for the tests that hold the agent's reading of other netplan files against it.
/// </summary>
internal static class NetplanAlone
{
    /// <summary>
    /// Writes <paramref name="yaml"/> as <c>/etc/netplan/<paramref name="fileName"/></c> (mode 0600: netplan
    /// warns about a file others can read) and runs <c>netplan generate --root-dir</c> on it. The caller
    /// judges the result (a file netplan's YAML reader refuses is a case too) and disposes the root.
    /// </summary>
    public static Task<(TemporaryDirectory Root, ToolResult Generate)> GenerateAsync(string yaml, string fileName) =>
        GenerateAsync(new Dictionary<string, string> { [$"/etc/netplan/{fileName}"] = yaml });

    /// <summary><see cref="GenerateAsync(string, string)"/> on several files, each by its absolute path under the root.</summary>
    public static async Task<(TemporaryDirectory Root, ToolResult Generate)> GenerateAsync(Dictionary<string, string> files)
    {
        var netplan = ExternalTool.Require("netplan", "netplan.io");
        var root = new TemporaryDirectory();
        foreach (var (file, yaml) in files)
        {
            var path = root.Combine(file.TrimStart('/').Split('/'));
            FixtureDirectories.Create(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, yaml);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return (root, await ExternalTool.RunAsync(netplan, ["generate", "--root-dir", root.Path]));
    }

    /// <summary><see cref="GenerateAsync(string, string)"/>, which must succeed.</summary>
    public static Task<TemporaryDirectory> GeneratedAsync(string yaml, string fileName) =>
        GeneratedAsync(new Dictionary<string, string> { [$"/etc/netplan/{fileName}"] = yaml });

    /// <summary><see cref="GenerateAsync(Dictionary{string, string})"/>, which must succeed.</summary>
    public static async Task<TemporaryDirectory> GeneratedAsync(Dictionary<string, string> files)
    {
        var (root, generate) = await GenerateAsync(files);
        if (generate.ExitCode != 0)
        {
            root.Dispose();
            Assert.Fail($"netplan generate failed ({generate.ExitCode}): {generate.StandardError}");
        }

        return root;
    }
}

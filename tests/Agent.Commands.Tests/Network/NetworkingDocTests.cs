using System.Runtime.CompilerServices;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>docs/networking.md shows what each renderer really writes for its example input.</summary>
public sealed class NetworkingDocTests
{
    private static string Docs([CallerFilePath] string source = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", "docs", "networking.md"));

    public static TheoryData<NetworkBackend> Backends() => new(Enum.GetValues<NetworkBackend>());

    [Theory]
    [MemberData(nameof(Backends))]
    public void The_page_shows_every_file_the_renderer_writes_for_the_example(NetworkBackend backend)
    {
        var docs = Docs();
        var result = RendererCatalog.For(backend).Render(NetworkFixture.Load("rackspace").Build(), new InMemoryFileView());
        Assert.NotEmpty(result.Files);
        foreach (var file in result.Files)
        {
            Assert.Contains($"`{file.Path}` (mode {Convert.ToString((int)file.Mode, 8).PadLeft(4, '0')}):", docs, StringComparison.Ordinal);
            Assert.Contains("\n" + file.Contents + "```", docs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_page_shows_the_common_files_for_the_example()
    {
        var docs = Docs();
        var view = new InMemoryFileView(new Dictionary<string, string> { ["/etc/hosts"] = "127.0.0.1\tlocalhost\n" });
        var facts = new SystemFacts(OsRelease.Parse("ID=ubuntu"), new InstalledTools(Netplan: true));
        var files = NetworkFilesRenderer.Render(NetworkFixture.Load("rackspace").Build(), NetworkBackend.Netplan, facts, new NetworkOptions(), view).Files;
        foreach (var path in new[] { "/etc/hosts", "/etc/resolv.conf" })
        {
            Assert.Contains("\n" + files.Single(f => f.Path == path).Contents + "```", docs, StringComparison.Ordinal);
        }
    }
}

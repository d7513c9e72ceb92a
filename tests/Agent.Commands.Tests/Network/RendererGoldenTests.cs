using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

public sealed class RendererGoldenTests
{
    public static TheoryData<NetworkBackend, string> Cases() => NetworkFixture.Cases(RendererCatalog.All.Select(renderer => renderer.Backend));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renderer_output_matches_the_golden_file(NetworkBackend backend, string fixture)
    {
        var configuration = NetworkFixture.Load(fixture).Build();
        var renderer = RendererCatalog.For(backend);

        string actual;
        try
        {
            actual = Golden.Describe(renderer.Render(configuration, new InMemoryFileView()));
        }
        catch (InvalidNetworkDataException error)
        {
            // A renderer's refusal is an answer too (FreeBSD's of several default gateways was one, as the original's).
            actual = $"=== refused: {error.Message}\n";
        }

        Golden.Verify($"{backend}/{fixture}.txt", actual);
    }

    [Fact]
    public void Every_golden_file_is_checked_by_a_case()
    {
        // A golden file no case compares any more would read as coverage that no longer exists.
        var directory = Path.Combine(Path.GetDirectoryName(SourceFile())!, "Golden");
        var checkedFiles = RendererCatalog.All.SelectMany(r => NetworkFixture.Names.Select(f => Path.Combine(r.Backend.ToString(), f + ".txt")));
        var present = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(directory, f));

        Assert.Equal(checkedFiles.Order(StringComparer.Ordinal), present.Order(StringComparer.Ordinal));
    }

    private static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    [Fact]
    public void Every_backend_has_exactly_one_renderer()
    {
        var backends = RendererCatalog.All.Select(r => r.Backend).ToArray();
        Assert.Equal(Enum.GetValues<NetworkBackend>().Order(), backends.Order());
    }
}

using System.IO.Compression;
using GuestAgent.Testing;

namespace GuestAgent.Packages.Tests;

/// <summary>
/// The analyzers are packed from where their projects really build them, so a custom output
/// (here an artifacts path) packs what it just built, never a stale bin folder.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class ArtifactsPathPackTests
{
    [Fact]
    public async Task Packing_into_an_artifacts_path_carries_the_analyzers_built_there()
    {
        using var artifacts = new TemporaryDirectory("guestagent-artifacts-");
        var pack = await ExternalTool.RunAsync(
            "dotnet",
            ["pack", Path.Combine(PackedFeed.RepositoryRoot, "src", "Agent", "Agent.csproj"), "-c", PackedFeed.Configuration, "--artifacts-path", artifacts.Path],
            timeout: TimeSpan.FromMinutes(10),
            workingDirectory: PackedFeed.RepositoryRoot);
        Assert.True(pack.ExitCode == 0, $"dotnet pack --artifacts-path failed:\n{pack.StandardOutput}\n{pack.StandardError}");

        var pivot = PackedFeed.Configuration.ToLowerInvariant();
        var packagePath = Directory.GetFiles(artifacts.Combine("package", pivot), "GuestAgent.*.nupkg")
            .Single(p => !Path.GetFileName(p).StartsWith("GuestAgent.Commands", StringComparison.Ordinal));
        using var package = ZipFile.OpenRead(packagePath);
        foreach (var (project, assembly) in new[] { ("Agent.Generators", "GuestAgent.Generators.dll"), ("Agent.Generators.CodeFixes", "GuestAgent.Generators.CodeFixes.dll") })
        {
            var built = await File.ReadAllBytesAsync(artifacts.Combine("bin", project, pivot, assembly), TestContext.Current.CancellationToken);
            using var packed = new MemoryStream();
            await using (var entry = package.GetEntry("analyzers/dotnet/cs/" + assembly)!.Open())
            {
                await entry.CopyToAsync(packed, TestContext.Current.CancellationToken);
            }

            Assert.True(built.AsSpan().SequenceEqual(packed.ToArray()), $"{assembly} in the package is not the one built under the artifacts path");
        }
    }
}

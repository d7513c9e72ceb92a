using System.Xml.Linq;

namespace GuestAgent.Packages.Tests;

[Collection(PackagesCollection.Name)]
public sealed class PackageLayoutTests(PackedFeed feed)
{
    [Fact]
    public void The_runtime_package_carries_the_generator_and_its_code_fixes_only_as_analyzers()
    {
        using var package = feed.OpenPackage("GuestAgent");
        var entries = package.Entries.Select(e => e.FullName).ToList();

        Assert.Contains("lib/net10.0/GuestAgent.dll", entries);
        Assert.Contains("lib/net10.0/GuestAgent.xml", entries);
        Assert.Contains("README.md", entries);

        // Makes RunAnalyzers visible to the generator, which reports the analyzer's errors when they are off.
        // Under the one framework of lib/: at the root of build/ it would make NuGet take the package for any framework.
        Assert.Contains("build/net10.0/GuestAgent.props", entries);
        Assert.Contains("buildTransitive/net10.0/GuestAgent.props", entries);
        Assert.DoesNotContain(entries, e => e.Split('/') is ["build" or "buildTransitive", _]);
        Assert.Equal(
            ["analyzers/dotnet/cs/GuestAgent.Generators.CodeFixes.dll", "analyzers/dotnet/cs/GuestAgent.Generators.dll"],
            entries.Where(e => e.Contains("Generators", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_commands_package_has_its_library_and_no_generator()
    {
        using var package = feed.OpenPackage("GuestAgent.Commands");
        var entries = package.Entries.Select(e => e.FullName).ToList();

        Assert.Contains("lib/net10.0/GuestAgent.Commands.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal));
        // A search for source generators must not list a package that ships none.
        Assert.DoesNotContain("source-generator", Tags(package), StringComparer.Ordinal);
    }

    [Fact]
    public void The_runtime_package_is_tagged_as_a_source_generator()
    {
        using var package = feed.OpenPackage("GuestAgent");

        Assert.Contains("source-generator", Tags(package), StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("GuestAgent")]
    [InlineData("GuestAgent.Commands")]
    public void Nuspec_has_metadata_and_no_Roslyn_dependency(string id)
    {
        using var package = feed.OpenPackage(id);
        using var stream = package.GetEntry($"{id}.nuspec")!.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal(feed.Version, Value("version"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.Equal("Apache-2.0", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Equal("icon.png", Value("icon"));
        Assert.Contains("guest-agent", Value("tags"), StringComparison.Ordinal);
        Assert.NotNull(metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository"));

        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToList();
        Assert.DoesNotContain(dependencies, d => d.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(dependencies, d => d.Contains("Generators", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_package_depends_on_what_its_assembly_uses_at_the_versions_it_was_built_with()
    {
        // SharpCompress is agentupdate's (bzip2, xz): a dependency of the commands package only, at
        // the version the repository builds and tests with, as a lower bound.
        Assert.Equal(
            [("Microsoft.Extensions.Logging.Abstractions", Pinned("Microsoft.Extensions.Logging.Abstractions"))],
            Dependencies("GuestAgent"));
        Assert.Equal(
            [("GuestAgent", feed.Version), ("SharpCompress", Pinned("SharpCompress"))],
            Dependencies("GuestAgent.Commands"));
    }

    /// <summary>The nuspec's dependencies: one group, for net10.0, sorted by id.</summary>
    private List<(string Id, string Version)> Dependencies(string id)
    {
        using var package = feed.OpenPackage(id);
        using var stream = package.GetEntry($"{id}.nuspec")!.Open();
        var group = Assert.Single(XDocument.Load(stream).Descendants(), e => e.Name.LocalName == "group");
        Assert.Equal("net10.0", (string?)group.Attribute("targetFramework"));
        return group.Elements().Select(e => ((string)e.Attribute("id")!, (string)e.Attribute("version")!))
            .OrderBy(d => d.Item1, StringComparer.Ordinal).ToList();
    }

    private static string[] Tags(System.IO.Compression.ZipArchive package)
    {
        using var stream = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var tags = XDocument.Load(stream).Descendants().Single(e => e.Name.LocalName == "tags").Value;
        return tags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string Pinned(string package) =>
        (string)XDocument.Load(Path.Combine(PackedFeed.RepositoryRoot, "Directory.Packages.props"))
            .Descendants("PackageVersion").Single(e => (string?)e.Attribute("Include") == package).Attribute("Version")!;

    [Theory]
    [InlineData("GuestAgent")]
    [InlineData("GuestAgent.Commands")]
    public void Each_package_carries_the_repository_icon_at_its_root(string id)
    {
        using var package = feed.OpenPackage(id);
        using var packed = new MemoryStream();
        using (var entry = package.GetEntry("icon.png")!.Open())
            entry.CopyTo(packed);

        var icon = File.ReadAllBytes(Path.Combine(PackedFeed.RepositoryRoot, "packaging", "icon", "icon.png"));
        Assert.Equal(icon, packed.ToArray());
        // NuGet shows a PNG or JPEG of at most 1 MB, and recommends 128x128 (the IHDR chunk's width and height).
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], icon[..4]);
        Assert.Equal(128, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(icon.AsSpan(16)));
        Assert.Equal(128, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(icon.AsSpan(20)));
    }

    [Fact]
    public void Symbols_are_published_beside_each_package()
    {
        Assert.True(File.Exists(Path.Combine(feed.Feed, $"GuestAgent.{feed.Version}.snupkg")));
        Assert.True(File.Exists(Path.Combine(feed.Feed, $"GuestAgent.Commands.{feed.Version}.snupkg")));
    }
}

using System.IO.Compression;
using System.Reflection.Metadata;
using System.Xml.Linq;

namespace GuestAgent.Packages.Tests;

/// <summary>
/// What a package-only user gets to find the code: the repository URL in the nuspec, the license
/// text, and symbols whose PDBs carry every source and no path of the machine that built them.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class SymbolsAndSourceTests(PackedFeed feed)
{
    /// <summary>The kind of custom debug information that holds a document's embedded source.</summary>
    private static readonly Guid EmbeddedSource = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    private static string RepositoryUrl => PackedFeed.RepositoryUrl;

    [Theory]
    [InlineData("GuestAgent")]
    [InlineData("GuestAgent.Commands")]
    public void The_nuspec_names_the_repository_and_the_project_url(string id)
    {
        using var package = feed.OpenPackage(id);
        using var stream = package.GetEntry($"{id}.nuspec")!.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");

        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.StartsWith("https://", RepositoryUrl, StringComparison.Ordinal);
        Assert.Equal(RepositoryUrl, (string?)repository.Attribute("url"));
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Equal(RepositoryUrl, metadata.Elements().Single(e => e.Name.LocalName == "projectUrl").Value);
    }

    [Theory]
    [InlineData("GuestAgent")]
    [InlineData("GuestAgent.Commands")]
    public void The_package_carries_the_license_text(string id)
    {
        using var package = feed.OpenPackage(id);
        using var reader = new StreamReader(package.GetEntry("LICENSE")!.Open());

        Assert.Equal(File.ReadAllText(Path.Combine(PackedFeed.RepositoryRoot, "LICENSE")), reader.ReadToEnd());
    }

    [Theory]
    [InlineData("GuestAgent", "src/Agent")]
    [InlineData("GuestAgent.Commands", "src/Agent.Commands")]
    public void The_symbols_embed_every_source_under_machine_independent_paths(string id, string projectDirectory)
    {
        using var symbols = ZipFile.OpenRead(Path.Combine(feed.Feed, $"{id}.{feed.Version}.snupkg"));
        using var pdb = new MemoryStream();
        using (var entry = symbols.GetEntry($"lib/net10.0/{id}.pdb")!.Open())
        {
            entry.CopyTo(pdb);
        }

        pdb.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
        var reader = provider.GetMetadataReader();
        var documents = reader.Documents.Select(handle => (Handle: handle, Name: reader.GetString(reader.GetDocument(handle).Name))).ToList();

        // Every document, the project's own sources as much as generated ones, has its text in the PDB.
        var withoutSource = documents.Where(document => !reader.GetCustomDebugInformation(document.Handle)
            .Any(info => reader.GetGuid(reader.GetCustomDebugInformation(info).Kind) == EmbeddedSource)).Select(document => document.Name);
        Assert.Empty(withoutSource);
        var projectSources = Directory.EnumerateFiles(Path.Combine(PackedFeed.RepositoryRoot, projectDirectory), "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(PackedFeed.RepositoryRoot, path).Replace('\\', '/'))
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(projectSources);
        Assert.All(projectSources, source => Assert.Contains("/_/" + source, documents.Select(document => document.Name)));

        // No path of the machine (or checkout) that built it: everything is under the mapped root /_/.
        Assert.All(documents, document => Assert.StartsWith("/_", document.Name, StringComparison.Ordinal));
        Assert.DoesNotContain(documents, document => document.Name.Contains(PackedFeed.RepositoryRoot.TrimEnd('/'), StringComparison.Ordinal));
    }
}

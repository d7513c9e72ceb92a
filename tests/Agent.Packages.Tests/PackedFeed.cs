using System.IO.Compression;
using System.Reflection;
using GuestAgent.Testing;

namespace GuestAgent.Packages.Tests;

/// <summary>
/// Packs GuestAgent and GuestAgent.Commands (already built by the test command) into a private
/// folder feed, with a private NuGet cache, once for all package tests: consumers restore from
/// exactly what a team would download.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new("guestagent-packages-");

    public static string RepositoryRoot { get; } = typeof(PackedFeed).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>The project's canonical URL, declared once (GuestAgentRepositoryUrl in Directory.Build.props).</summary>
    public static string RepositoryUrl { get; } = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryRoot, "Directory.Build.props"))
        .Descendants().Single(e => e.Name.LocalName == "GuestAgentRepositoryUrl").Value;

    public static string Configuration { get; } =
        typeof(PackedFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public string Feed => _directory.Combine("feed");

    public string Root => _directory.Path;

    /// <summary>The packages' version (one place: VersionPrefix in Directory.Build.props).</summary>
    public string Version { get; private set; } = "";

    public IDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = _directory.Combine("nuget-cache"),
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    public async ValueTask InitializeAsync()
    {
        foreach (var project in new[] { "src/Agent/Agent.csproj", "src/Agent.Commands/Agent.Commands.csproj" })
        {
            var pack = await Dotnet(RepositoryRoot, "pack", Path.Combine(RepositoryRoot, project), "--no-build", "-c", Configuration, "-o", Feed);
            Assert.True(pack.ExitCode == 0, $"dotnet pack {project} failed:\n{pack.StandardOutput}\n{pack.StandardError}");
        }

        var runtimePackage = Directory.GetFiles(Feed, "GuestAgent.*.nupkg").Single(p => !Path.GetFileName(p).StartsWith("GuestAgent.Commands", StringComparison.Ordinal));
        Version = Path.GetFileNameWithoutExtension(runtimePackage)["GuestAgent.".Length..];

        await File.WriteAllTextAsync(Path.Combine(Root, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local-guestagent" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(Root, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <UseGuestAgentPackages>true</UseGuestAgentPackages>
                <GuestAgentVersion>{Version}</GuestAgentVersion>
              </PropertyGroup>
            </Project>
            """);
    }

    /// <summary>Copies a sample project folder from the repository into the consumer area.</summary>
    public string CopySample(string name)
    {
        var source = Path.Combine(RepositoryRoot, "samples", name);
        var target = Path.Combine(Root, name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj")
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative), overwrite: true);
        }

        return target;
    }

    /// <summary>
    /// samples/MinimalAgent and the command library it references, copied and built from the packages:
    /// the path of its MinimalAgent.dll, to run with <c>dotnet</c>.
    /// </summary>
    public async Task<string> BuildMinimalAgentAsync()
    {
        CopySample("CustomCommands");
        var application = CopySample("MinimalAgent");
        var build = await Dotnet(application, "build", "-c", "Release", "-nologo");
        Assert.True(build.ExitCode == 0, $"build from packages failed:\n{build.StandardOutput}\n{build.StandardError}");
        return Path.Combine(application, "bin", "Release", "net10.0", "MinimalAgent.dll");
    }

    /// <summary>A net10.0 library restored from the packed <paramref name="packages"/> (GuestAgent unless told), with one source file.</summary>
    public async Task<string> CreateLibraryAsync(string name, string fileName, string source, string properties = "", IReadOnlyList<string>? packages = null)
    {
        var project = Directory.CreateDirectory(Path.Combine(Root, name)).FullName;
        var references = string.Join("\n", (packages ?? ["GuestAgent"]).Select(package => $"""    <PackageReference Include="{package}" Version="$(GuestAgentVersion)" />"""));
        await File.WriteAllTextAsync(Path.Combine(project, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                {properties}
              </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(project, fileName), source, TestContext.Current.CancellationToken);
        return project;
    }

    public ZipArchive OpenPackage(string id) =>
        ZipFile.OpenRead(Path.Combine(Feed, $"{id}.{Version}.nupkg"));

    internal Task<ToolResult> Dotnet(string workingDirectory, params string[] arguments) =>
        ExternalTool.RunAsync("dotnet", arguments, environment: Environment, timeout: TimeSpan.FromMinutes(10), workingDirectory: workingDirectory);

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}

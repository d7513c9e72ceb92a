using System.Text.RegularExpressions;
using GuestAgent.Testing;

namespace GuestAgent.Packages.Tests;

/// <summary>
/// The C# a package user copies from docs/packages.md and the package's own README (src/Agent/PACKAGE.md)
/// compiles as written against the packages, and answers what the text says it answers.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed partial class DocumentationSnippetTests(PackedFeed feed)
{
    [Fact]
    public async Task The_command_snippets_compile_and_answer_as_documented()
    {
        var snippets = CSharpBlocks("docs/packages.md").Where(block => block.Contains("namespace Contoso.AgentCommands;", StringComparison.Ordinal))
            .Concat(CSharpBlocks("src/Agent/PACKAGE.md").Where(block => block.Contains("[Command(", StringComparison.Ordinal)))
            .ToList();
        Assert.Equal(3, snippets.Count); // contoso.motd, the complex-argument library, hello
        var project = await CreateProjectAsync("DocCommands", snippets, """
            using System.Text;
            using GuestAgent.Commands;
            using GuestAgent.Generated;
            using GuestAgent.Protocol;

            var parser = new NovaJsonParser(AgentCommands.CreateRegistry());
            foreach (var request in args)
            {
                var response = await parser.ParseRequestAsync(new AgentRequest("1", Encoding.UTF8.GetBytes(request), new ExchangeSession()), CancellationToken.None);
                Console.WriteLine(response.ToJson());
            }
            """);

        var build = await feed.Dotnet(project, "build", "-c", "Release", "-nologo");
        Assert.True(build.ExitCode == 0, $"the documented snippets do not build:\n{build.StandardOutput}\n{build.StandardError}");
        var run = await ExternalTool.RunAsync(
            "dotnet",
            [Path.Combine(project, "bin", "Release", "net10.0", "DocCommands.dll"),
             """{"name":"contoso.user.plan","value":{"user":{"name":"bob"}}}""",
             """{"name":"hello","value":{"name":"bob","times":2}}""",
             """{"name":"contoso.motd","value":"Contoso"}""",
             """{"name":"contoso.user.plan","value":{"user":{}}}""",
             """{"name":"contoso.user.plan","value":{"user":{"nmae":"bob"}}}"""],
            environment: feed.Environment);

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Equal(
            [
                """{"returncode":"0","message":"{'name':'bob','steps':['useradd --create-home --shell /bin/bash bob']}"}""",
                """{"returncode":"0","message":"hello bob hello bob"}""",
                """{"returncode":"0","message":"Welcome to Contoso"}""",
                // The two refusals section 2 describes: a missing member without a path, a misspelled one with it.
                """{"returncode":"500","message":"Property 'user' of command 'contoso.user.plan' must be a JSON value of type 'UserSpec'"}""",
                """{"returncode":"500","message":"Property 'user' of command 'contoso.user.plan' must be a JSON value of type 'UserSpec' (at $.nmae)"}""",
            ],
            run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_package_readme_host_compiles()
    {
        var host = Assert.Single(CSharpBlocks("src/Agent/PACKAGE.md"), block => block.Contains("new AgentHost(", StringComparison.Ordinal));
        // As the README says: an application with the built-in commands and a console logger.
        var project = await CreateProjectAsync("DocHost", [], host, ["GuestAgent.Commands", "Microsoft.Extensions.Logging.Console"]);

        var build = await feed.Dotnet(project, "build", "-c", "Release", "-nologo");

        Assert.True(build.ExitCode == 0, $"the package README's host does not build:\n{build.StandardOutput}\n{build.StandardError}");
    }

    [Fact]
    public async Task The_agent_of_section_3_compiles_with_the_packages_its_shell_block_adds()
    {
        var section = Section("docs/packages.md", "## 3. ");
        // Every package the reader is told to add, and nothing else.
        var packages = AddPackage().Matches(section).Select(match => match.Groups[1].Value).ToList();
        Assert.Contains("GuestAgent.Commands", packages);
        var host = Assert.Single(CSharpBlocksIn(section), block => block.Contains("new AgentHost(", StringComparison.Ordinal));
        // The library of sections 1 and 2 in the same project, in place of `dotnet add reference`.
        var library = CSharpBlocks("docs/packages.md").Where(block => block.Contains("namespace Contoso.AgentCommands;", StringComparison.Ordinal)).ToList();
        // With the trimming and AOT analyzers the page's publish line brings (PublishAot), and warnings
        // as errors: the packages' APIs and the generated code must not warn there.
        var project = await CreateProjectAsync("DocAgent", library, host, packages.Where(package => package != "GuestAgent").ToList(), AotAnalyzers);

        var build = await feed.Dotnet(project, "build", "-c", "Release", "-nologo");

        Assert.True(build.ExitCode == 0, $"the host of docs/packages.md section 3 does not build:\n{build.StandardOutput}\n{build.StandardError}");
    }

    [Fact]
    public async Task The_plugin_parser_example_builds_against_the_packages_with_the_AOT_analyzers_and_answers_as_documented()
    {
        var parser = Assert.Single(CSharpBlocks("docs/plugins.md"), block => block.Contains("class QmpStyleParser", StringComparison.Ordinal));
        const string Commands = """
            using GuestAgent.Commands;

            namespace Contoso.Agent;

            public static class SampleCommands
            {
                [Command("add")]
                public static int Add(int a, int b = 1) => a + b;
            }
            """;
        var project = await CreateProjectAsync("DocPlugin", [parser, Commands], """
            using System.Text;
            using Contoso.Agent;
            using GuestAgent.Commands;
            using GuestAgent.Generated;
            using GuestAgent.Protocol;

            var parser = new QmpStyleParser(AgentCommands.CreateRegistry());
            foreach (var request in args)
            {
                var response = await parser.ParseRequestAsync(new AgentRequest("1", Encoding.UTF8.GetBytes(request), new ExchangeSession()), CancellationToken.None);
                Console.WriteLine(Encoding.UTF8.GetString(response.ToUtf8Json()));
            }
            """,
            properties: AotAnalyzers); // the analyzers a NativeAOT agent builds with: the example must not warn

        var build = await feed.Dotnet(project, "build", "-c", "Release", "-nologo");
        Assert.True(build.ExitCode == 0, $"the parser of docs/plugins.md does not build:\n{build.StandardOutput}\n{build.StandardError}");
        var run = await ExternalTool.RunAsync(
            "dotnet",
            [Path.Combine(project, "bin", "Release", "net10.0", "DocPlugin.dll"),
             """{"execute":"add","arguments":{"a":2},"id":7}""",
             """{"execute":"add","arguments":{"a":"two"}}"""],
            environment: feed.Environment);

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Equal(
            [
                """{"return":3,"id":7}""",
                """{"error":{"class":"InvalidParameter","desc":"Property 'a' of command 'add' must be an integer from -2147483648 to 2147483647"}}""",
            ],
            run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("src/Agent/PACKAGE.md")]
    [InlineData("src/Agent.Commands/PACKAGE.md")]
    public void The_package_readmes_link_into_the_declared_repository_not_to_paths_a_package_user_lacks(string readme)
    {
        var text = File.ReadAllText(Path.Combine(PackedFeed.RepositoryRoot, readme));
        var links = Link().Matches(text).Select(match => match.Value).ToList();

        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.StartsWith(PackedFeed.RepositoryUrl, link, StringComparison.Ordinal));
        // A bare repository path (docs/…, samples/…) means nothing to someone who only has the package.
        Assert.DoesNotMatch(@"(?<![/\w])(docs|samples)/", Link().Replace(text, ""));
    }

    [GeneratedRegex(@"https://[^\s)\]>]+")]
    private static partial Regex Link();

    private static IEnumerable<string> CSharpBlocks(string document) =>
        CSharpBlocksIn(File.ReadAllText(Path.Combine(PackedFeed.RepositoryRoot, document)));

    private static IEnumerable<string> CSharpBlocksIn(string text) =>
        CSharpBlock().Matches(text).Select(match => match.Groups[1].Value);

    /// <summary>The text of the section whose heading starts with <paramref name="heading"/>, up to the next one of its level.</summary>
    private static string Section(string document, string heading)
    {
        var text = File.ReadAllText(Path.Combine(PackedFeed.RepositoryRoot, document));
        var start = text.IndexOf("\n" + heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{document} has no section '{heading}'");
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    /// <summary>The trimming, AOT and single-file analyzers of a NativeAOT build, without publishing one.</summary>
    private const string AotAnalyzers = "<IsAotCompatible>true</IsAotCompatible>";

    /// <summary>
    /// A console project as <c>dotnet new console</c> makes it, referencing the GuestAgent package and
    /// <paramref name="packages"/>: the SDK's at the packed version, others at the repository's version;
    /// <paramref name="properties"/> are added to its properties.
    /// </summary>
    private async Task<string> CreateProjectAsync(string name, IReadOnlyList<string> files, string program, IReadOnlyList<string>? packages = null, string properties = "")
    {
        var project = Path.Combine(feed.Root, name);
        Directory.CreateDirectory(project);
        var builtIn = string.Concat((packages ?? []).Select(package => $"""<PackageReference Include="{package}" Version="{PackageVersion(package)}" />"""));
        await File.WriteAllTextAsync(Path.Combine(project, name + ".csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                {{properties}}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="GuestAgent" Version="$(GuestAgentVersion)" />
                {{builtIn}}
              </ItemGroup>
            </Project>
            """, TestContext.Current.CancellationToken);
        for (var i = 0; i < files.Count; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(project, $"Snippet{i}.cs"), files[i], TestContext.Current.CancellationToken);
        }

        await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), program, TestContext.Current.CancellationToken);
        return project;
    }

    /// <summary>The packed version of the SDK's packages; for another, the version the repository pins in Directory.Packages.props.</summary>
    private static string PackageVersion(string package)
    {
        if (package.StartsWith("GuestAgent", StringComparison.Ordinal))
        {
            return "$(GuestAgentVersion)";
        }

        var pinned = System.Xml.Linq.XDocument.Load(Path.Combine(PackedFeed.RepositoryRoot, "Directory.Packages.props"))
            .Descendants("PackageVersion").FirstOrDefault(element => (string?)element.Attribute("Include") == package);
        Assert.True(pinned is not null, $"{package} has no version in Directory.Packages.props");
        return (string)pinned.Attribute("Version")!;
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^dotnet add package (\S+)(?: --version \S+)?\s*$", RegexOptions.Multiline)]
    private static partial Regex AddPackage();
}

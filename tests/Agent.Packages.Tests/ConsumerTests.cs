using GuestAgent.Testing;

namespace GuestAgent.Packages.Tests;

/// <summary>
/// The samples, copied out of the repository and restored from the packed packages as
/// PackageReferences: the generator must run from the package and the aggregate must span the
/// built-in commands, a referenced command library and the application.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class ConsumerTests(PackedFeed feed)
{
    [Fact]
    public async Task Samples_build_from_the_packages_and_dispatch_every_assembly_s_commands()
    {
        feed.CopySample("CustomCommands");
        var application = feed.CopySample("MinimalAgent");

        var build = await feed.Dotnet(application, "build", "-c", "Release", "-nologo");
        Assert.True(build.ExitCode == 0, $"build from packages failed:\n{build.StandardOutput}\n{build.StandardError}");
        Assert.Contains(Path.Combine(feed.Root, "nuget-cache", "guestagent"), Directory.GetDirectories(Path.Combine(feed.Root, "nuget-cache")));

        var requests = string.Join('\n',
            """{"name":"sample.shout","value":"from the package"}""",
            """{"name":"version","value":"agent"}""",
            """{"name":"features","value":""}""",
            """{"name":"sample.help","value":""}""",
            """{"name":"nope"}""",
            """{"name":"resetnetwork","value":""}""") + "\n";
        var root = Directory.CreateDirectory(Path.Combine(feed.Root, "minimal-agent-root")).FullName;
        var run = await ExternalTool.RunAsync(
            "dotnet",
            [Path.Combine(application, "bin", "Release", "net10.0", "MinimalAgent.dll"), "--root", root],
            standardInput: requests,
            environment: feed.Environment);

        Assert.True(run.ExitCode == 0, run.StandardError);
        var responses = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, responses.Length);
        Assert.Equal("""{"returncode":"0","message":"FROM THE PACKAGE"}""", responses[0]);
        Assert.Equal($$"""{"returncode":"0","message":"{{feed.Version}}"}""", responses[1]);
        Assert.Equal(
            """{"returncode":"0","message":"agentupdate,features,file_inject,injectfile,keyinit,kmsactivate,password,resetnetwork,sample.help,sample.shout,sample.user.plan,sample.wait-for-file,version"}""",
            responses[2]);
        Assert.StartsWith("""{"returncode":"0","message":"agentupdate: """, responses[3], StringComparison.Ordinal);
        Assert.Equal("""{"returncode":"404","message":"No such agent command 'nope'"}""", responses[4]);
        // Composed as the documentation says, resetnetwork runs (not "failed with an internal error"):
        // the empty root has no network system it knows, and it says so as the original agent does.
        Assert.StartsWith("""{"returncode":"500","message":"Couldn't figure out my OS (""", responses[5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_name_defined_twice_across_packages_fails_the_build_with_its_diagnostic()
    {
        var project = Path.Combine(feed.Root, "DuplicateVersion");
        Directory.CreateDirectory(project);
        await File.WriteAllTextAsync(Path.Combine(project, "DuplicateVersion.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="GuestAgent" Version="$(GuestAgentVersion)" />
                <PackageReference Include="GuestAgent.Commands" Version="$(GuestAgentVersion)" />
              </ItemGroup>
            </Project>
            """, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(project, "MyVersion.cs"), """
            using GuestAgent.Commands;

            public static class MyVersion
            {
                [Command("version")]
                public static string Version() => "mine";
            }
            """, TestContext.Current.CancellationToken);

        var build = await feed.Dotnet(project, "build", "-nologo");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error GA0011", build.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("'version'", build.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Default", "")]
    [InlineData("NoAnalyzers", "-p:RunAnalyzers=false")]
    [InlineData("NoBuildAnalyzers", "-p:RunAnalyzersDuringBuild=false")]
    public async Task An_invalid_command_fails_the_build_once_whether_analyzers_run_or_not(string name, string switches)
    {
        var project = Path.Combine(feed.Root, "Invalid" + name);
        Directory.CreateDirectory(project);
        await File.WriteAllTextAsync(Path.Combine(project, "Invalid" + name + ".csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="GuestAgent" Version="$(GuestAgentVersion)" />
              </ItemGroup>
            </Project>
            """, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(project, "Commands.cs"), """
            using GuestAgent.Commands;

            public static class Commands
            {
                [Command("good")] public static string Good() => "good";
                [Command("hidden")] private static string Hidden() => "hidden";
            #pragma warning disable GA0002
                [Command("bad name")] public static string Suppressed() => "x";
            #pragma warning restore GA0002
            }
            """, TestContext.Current.CancellationToken);

        var build = switches.Length == 0
            ? await feed.Dotnet(project, "build", "-nologo")
            : await feed.Dotnet(project, "build", "-nologo", switches);

        // Without analyzers the generator reports the error itself: the command is never silently missing.
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error GA0003", build.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("1 Error(s)", build.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("GA0002", build.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_for_another_framework_is_refused_at_restore_naming_the_one_supported()
    {
        var project = Path.Combine(feed.Root, "NetStandardLibrary");
        Directory.CreateDirectory(project);
        await File.WriteAllTextAsync(Path.Combine(project, "NetStandardLibrary.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="GuestAgent" Version="$(GuestAgentVersion)" />
              </ItemGroup>
            </Project>
            """, TestContext.Current.CancellationToken);

        var restore = await feed.Dotnet(project, "restore");

        // Refused here, naming the framework it needs: through a framework-less build/ folder NuGet took
        // the package as compatible, and the build then failed on every GuestAgent name (CS0246).
        Assert.NotEqual(0, restore.ExitCode);
        Assert.Contains("NU1202", restore.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("supports: net10.0", restore.StandardOutput, StringComparison.Ordinal);
    }
}

using GuestAgent.Testing;

namespace GuestAgent.Packages.Tests;

/// <summary>
/// The samples, copied out of the repository and restored from the packed packages as
/// PackageReferences: the generator must run from the package and the aggregate must span the
/// built-in commands, a referenced command library and the application.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Collection(PackagesCollection.Name)]
public sealed class ConsumerTests(PackedFeed feed)
{
    [Fact]
    public async Task Samples_build_from_the_packages_and_dispatch_every_assembly_s_commands()
    {
        var sample = await feed.BuildMinimalAgentAsync();
        Assert.Contains(Path.Combine(feed.Root, "nuget-cache", "guestagent"), Directory.GetDirectories(Path.Combine(feed.Root, "nuget-cache")));

        var requests = string.Join('\n',
            """{"name":"sample.shout","value":"from the package"}""",
            """{"name":"version","value":"agent"}""",
            """{"name":"features","value":""}""",
            """{"name":"sample.help","value":""}""",
            """{"name":"nope"}""",
            """{"name":"resetnetwork","value":""}""") + "\n";
        var root = FixtureDirectories.Create(Path.Combine(feed.Root, "minimal-agent-root"));
        var run = await ExternalTool.RunAsync(
            "dotnet",
            [sample, "--root", root],
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
    public async Task Without_a_root_the_sample_works_in_a_temporary_one_it_removes_when_it_ends()
    {
        var sample = await feed.BuildMinimalAgentAsync();

        // Its own TMPDIR, so that what it leaves there is all the sample's.
        var temporary = Directory.CreateDirectory(Path.Combine(feed.Root, "sample-tmp")).FullName;
        var environment = feed.Environment;
        environment["TMPDIR"] = temporary;
        var inject = Convert.ToBase64String("/root/.ssh/authorized_keys,ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE test@host\n"u8);
        var run = await ExternalTool.RunAsync(
            "dotnet",
            [sample],
            standardInput: $$"""{"name":"injectfile","value":"{{inject}}"}""" + "\n",
            environment: environment);

        Assert.True(run.ExitCode == 0, run.StandardError);
        // Written: under the temporary root, since nothing else was given.
        Assert.Equal("""{"returncode":"0","message":""}""", run.StandardOutput.Trim());
        Assert.Empty(Directory.GetDirectories(temporary, "minimal-agent-*"));
    }

    [Fact]
    public async Task A_command_name_defined_twice_across_packages_fails_the_build_with_its_diagnostic()
    {
        var project = await feed.CreateLibraryAsync("DuplicateVersion", "MyVersion.cs", """
            using GuestAgent.Commands;

            public static class MyVersion
            {
                [Command("version")]
                public static string Version() => "mine";
            }
            """, packages: ["GuestAgent", "GuestAgent.Commands"]);

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
        var project = await feed.CreateLibraryAsync("Invalid" + name, "Commands.cs", """
            using GuestAgent.Commands;

            public static class Commands
            {
                [Command("good")] public static string Good() => "good";
                [Command("hidden")] private static string Hidden() => "hidden";
            #pragma warning disable GA0002
                [Command("bad name")] public static string Suppressed() => "x";
            #pragma warning restore GA0002
            }
            """);

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
    public async Task Each_command_the_trimming_and_AOT_analyzers_warn_about_in_generated_code_has_GA0023_at_its_attribute()
    {
        // The real .NET analyzers (IsAotCompatible turns on the trimming, AOT and single-file ones)
        // decide which attributes make the registry's call warn; GA0023 must follow the same rule.
        var project = await feed.CreateLibraryAsync("TrimUnsafe", "Commands.cs", """
            using System.Diagnostics.CodeAnalysis;
            using GuestAgent.Commands;

            public static class Methods
            {
                [Command("unreferenced")] [RequiresUnreferencedCode("u")] public static string Unreferenced() => "";
                [Command("dynamic")] [RequiresDynamicCode("d")] public static string Dynamic() => "";
                [Command("files")] [RequiresAssemblyFiles("f")] public static string Files() => "";
            }

            [RequiresUnreferencedCode("class")]
            public static class MarkedClass
            {
                [Command("static")] public static string Static() => "";
                public static class Inner { [Command("nested")] public static string Nested() => ""; }
            }

            [RequiresUnreferencedCode("class")] [RequiresDynamicCode("class")]
            public sealed class MarkedInstances
            {
                [Command("instance")] public string Instance() => "";
            }

            public sealed class MarkedConstructor
            {
                [RequiresUnreferencedCode("constructor")] public MarkedConstructor() { }
                [Command("constructed")] public string Constructed() => "";
            }
            """, properties: "<IsAotCompatible>true</IsAotCompatible>");

        var build = await feed.Dotnet(project, "build", "-c", "Release", "-nologo");

        Assert.True(build.ExitCode == 0, build.StandardOutput);
        var warnings = System.Text.RegularExpressions.Regex.Matches(build.StandardOutput, @"([^\s/\\]+\.cs)\((\d+),(\d+)\): warning (GA0023|IL\d{4}): (?:Using member '([^']+)')?")
            .Select(match => (File: match.Groups[1].Value, Line: int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), Column: match.Groups[3].Value, Id: match.Groups[4].Value, Member: match.Groups[5].Value))
            .Distinct()
            .ToList();
        var analyzers = warnings.Where(w => w.Id != "GA0023").ToList();
        var ours = warnings.Where(w => w.Id == "GA0023").ToList();
        Assert.Equal(
            ["IL2026 MarkedClass.Static()", "IL2026 MarkedConstructor.MarkedConstructor()", "IL2026 MarkedInstances.MarkedInstances()", "IL2026 Methods.Unreferenced()", "IL3002 Methods.Files()", "IL3050 MarkedInstances.MarkedInstances()", "IL3050 Methods.Dynamic()"],
            analyzers.Select(w => $"{w.Id} {w.Member}").Order(StringComparer.Ordinal));
        Assert.All(analyzers, w => Assert.EndsWith(".g.cs", w.File, StringComparison.Ordinal));
        // One GA0023 per analyzer warning, each at the attribute's line: the method's, the class's, the constructor's.
        Assert.All(ours, w => Assert.Equal("Commands.cs", w.File));
        Assert.Equal([6, 7, 8, 11, 18, 18, 26], ours.Select(w => w.Line).Order());
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

using GuestAgent.Testing;

namespace GuestAgent.Packages.Tests;

/// <summary>
/// The code fixes as `dotnet format analyzers` applies them to a library restored from the packed
/// packages (docs/diagnostics/GA0003, GA0005, GA0006 and GA0009 say what it does and does not fix).
/// dotnet format runs one Fix All per diagnostic id, started from the first diagnostic of any id it
/// was asked for, and keeps a fix's result only when it changes a document that exists.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class DotnetFormatTests(PackedFeed feed)
{
    [Fact]
    public async Task The_signature_fixes_apply_together_in_one_run_and_the_library_then_builds()
    {
        // Several ids in one run: dotnet format hands each id's Fix All the first diagnostic of any of
        // them (here GA0003's), and a fix that offers nothing for it used to be skipped for the run.
        var project = await feed.CreateLibraryAsync("FormatSignatures", "Commands.cs", """
            using System.Threading.Tasks;
            using GuestAgent.Commands;

            public static class Commands
            {
                [Command("hidden")] private static string Hidden() => "hidden";
                [Command("count")] public static string Count(ref int count) => count.ToString();
                [Command("later")] public static async void Later() => await Task.Delay(1);
                [Command("hidden2")] private static string Hidden2() => "hidden";
                [Command("count2")] public static string Count2(in int count) => count.ToString();
                [Command("later2")] public static async void Later2() => await Task.Delay(1);
            }
            """);

        var format = await Format(project, "GA0003", "GA0005", "GA0006");

        Assert.True(format.ExitCode == 0, format.StandardOutput + format.StandardError);
        Assert.DoesNotContain("Unable to fix", format.StandardOutput + format.StandardError, StringComparison.Ordinal);
        Assert.Equal("""
            using System.Threading.Tasks;
            using GuestAgent.Commands;

            public static class Commands
            {
                [Command("hidden")] internal static string Hidden() => "hidden";
                [Command("count")] public static string Count(int count) => count.ToString();
                [Command("later")] public static async Task Later() => await Task.Delay(1);
                [Command("hidden2")] internal static string Hidden2() => "hidden";
                [Command("count2")] public static string Count2(int count) => count.ToString();
                [Command("later2")] public static async Task Later2() => await Task.Delay(1);
            }
            """, await File.ReadAllTextAsync(Path.Combine(project, "Commands.cs"), TestContext.Current.CancellationToken));
        await AssertBuildsAsync(project);
    }

    [Fact]
    public async Task GA0009_s_context_is_not_created_by_dotnet_format_but_is_named_and_listed_once_it_exists()
    {
        const string commands = """
            using GuestAgent.Commands;

            namespace Lib;

            public sealed record Move(string From, string To);

            public static class Moves
            {
                [Command("hidden")] private static string Hidden() => "hidden";
                [Command("move")] public static string Run(Move move) => move.From + "->" + move.To;
            }
            """;
        var project = await feed.CreateLibraryAsync("FormatJsonContext", "Commands.cs", commands);
        var projectFile = Path.Combine(project, "FormatJsonContext.csproj");
        var projectText = await File.ReadAllTextAsync(projectFile, TestContext.Current.CancellationToken);

        // No context at all: dotnet format drops the fix that creates one, which only adds a file
        // (and if it kept it, its workspace would list the file in the project, which the SDK's
        // default items then include twice, NETSDK1022). Nothing is written; GA0009.md says so.
        var first = await Format(project, "GA0009");
        Assert.True(first.ExitCode == 0, first.StandardOutput + first.StandardError);
        Assert.Equal(["Commands.cs", "FormatJsonContext.csproj"], SourceAndProjectFiles(project));
        Assert.Equal(commands, await File.ReadAllTextAsync(Path.Combine(project, "Commands.cs"), TestContext.Current.CancellationToken));
        Assert.Equal(projectText, await File.ReadAllTextAsync(projectFile, TestContext.Current.CancellationToken));

        // The context written by hand, as the page shows, but neither named nor listing Move:
        // dotnet format then names it and lists the type, in that file, also run with another id
        // (GA0009's Fix All may then start from GA0003's diagnostic and be asked with no key).
        await File.WriteAllTextAsync(Path.Combine(project, "LibJsonContext.cs"), """
            using System.Text.Json.Serialization;

            namespace Lib;

            internal partial class LibJsonContext : JsonSerializerContext;
            """, TestContext.Current.CancellationToken);
        var second = await Format(project, "GA0003", "GA0009");
        Assert.True(second.ExitCode == 0, second.StandardOutput + second.StandardError);
        Assert.DoesNotContain("Unable to fix GA0009", second.StandardOutput + second.StandardError, StringComparison.Ordinal);
        Assert.Equal(commands.Replace("private static string Hidden", "internal static string Hidden", StringComparison.Ordinal),
            await File.ReadAllTextAsync(Path.Combine(project, "Commands.cs"), TestContext.Current.CancellationToken));
        Assert.Equal("""
            using System.Text.Json.Serialization;

            [assembly: GuestAgent.Commands.CommandJsonContext(typeof(Lib.LibJsonContext))]

            namespace Lib;

            [JsonSerializable(typeof(Move))]
            internal partial class LibJsonContext : JsonSerializerContext;
            """, await File.ReadAllTextAsync(Path.Combine(project, "LibJsonContext.cs"), TestContext.Current.CancellationToken));
        Assert.Equal(projectText, await File.ReadAllTextAsync(projectFile, TestContext.Current.CancellationToken));
        await AssertBuildsAsync(project);
    }

    private Task<ToolResult> Format(string project, params string[] diagnostics) =>
        feed.Dotnet(project, ["format", "analyzers", "--diagnostics", .. diagnostics, "--severity", "info"]);

    private async Task AssertBuildsAsync(string project)
    {
        var build = await feed.Dotnet(project, "build", "-nologo", "-warnaserror");
        Assert.True(build.ExitCode == 0, $"build after dotnet format failed:\n{build.StandardOutput}\n{build.StandardError}");
    }

    private static string[] SourceAndProjectFiles(string project) =>
        [.. Directory.EnumerateFiles(project).Select(Path.GetFileName).Where(n => n!.EndsWith(".cs", StringComparison.Ordinal) || n.EndsWith(".csproj", StringComparison.Ordinal)).Order(StringComparer.Ordinal)!];
}

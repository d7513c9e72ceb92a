using System.Text;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// Large registries: 1,000 names of one length go through byte switches split into helper
/// methods, in the assembly's registry and again in the application's aggregate over it. Every
/// name must reach its own command and every near miss must be unknown.
/// </summary>
public sealed class NameDispatchExecutionTests(NameDispatchExecutionTests.Compiled compiled) : IClassFixture<NameDispatchExecutionTests.Compiled>
{
    private static readonly string[] Names = [.. Enumerable.Range(0, 1000).Select(i => $"c{i:D3}")];

    private readonly LoadedCommands _commands = compiled.Commands;

    [Fact]
    public async Task Every_name_reaches_its_own_command()
    {
        foreach (var name in Names.Append("app").Append("c1000"))
        {
            Assert.Equal($$"""{"returncode":"0","message":"{{name}}"}""", await _commands.SendAsync($$"""{"name":"{{name}}"}"""));
        }
    }

    [Theory]
    [InlineData("c00x")]
    [InlineData("c99_")]
    [InlineData("d000")]
    [InlineData("cx00")]
    [InlineData("c0x0")]
    [InlineData("C000")]
    [InlineData("c00")]
    [InlineData("c0000")]
    public async Task Near_misses_are_unknown(string name)
    {
        Assert.Equal($$"""{"returncode":"404","message":"No such agent command '{{name}}'"}""", await _commands.SendAsync($$"""{"name":"{{name}}"}"""));
    }

    /// <summary>The 1,000 commands in a library and the application over it, compiled once for the class.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(Load())
    {
        private static LoadedCommands Load()
        {
            var source = new StringBuilder("using GuestAgent.Commands;\nnamespace Team.Many;\npublic static class ManyCommands\n{\n");
            foreach (var name in Names)
            {
                source.Append($"    [Command(\"{name}\")] public static string Run_{name}() => \"{name}\";\n");
            }

            var library = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Many", null, source.Append("}\n").ToString()));
            var app = TestCompiler.Build(TestCompiler.CompileAssembly("Team.App", [MetadataReference.CreateFromImage(library)], """
                using GuestAgent.Commands;
                namespace Team.App;
                public static class AppCommands
                {
                    [Command("app")] public static string Run() => "app";
                    [Command("c1000")] public static string Longer() => "c1000";
                }
                """));
            return LoadedCommands.Load(app, library);
        }
    }
}

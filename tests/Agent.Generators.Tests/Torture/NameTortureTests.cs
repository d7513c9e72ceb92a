using System.Text;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.Torture;

/// <summary>
/// Command names that stress the dispatch switch and the generated file names: names that differ
/// only in case (case-sensitive per authoring-commands.md, and each needs its own generated file),
/// prefixes of each other, every allowed punctuation, digits, very long names, and 300 names
/// with many of one length and the same first bytes, in a library and in an application's
/// aggregate over it. Every name must reach its own command; near misses are unknown.
/// </summary>
public sealed class NameTortureTests(NameTortureTests.Compiled compiled) : IClassFixture<NameTortureTests.Compiled>
{
    private static readonly string[] Special =
    [
        "a", "A", "ab", "aB", "Ab", "AB", "abc", "a.b", "a-b", "a_b", "a__b", "a_Db", "a_D", "a.", "a-", "a_", ".a", "-", "_", ".", "..",
        "1", "12", "9.9", "hello", "Hello", "HELLO", "hELLO", "hello.world", "Hello.World", "x" + new string('y', 200), "x" + new string('y', 199) + "z",
        "X" + new string('y', 200),
    ];

    /// <summary>300 generated names: many of one length, sharing long prefixes, some differing only in case.</summary>
    private static readonly string[] Generated =
    [
        .. Enumerable.Range(0, 150).Select(i => $"disk.op{i:D3}"),
        .. Enumerable.Range(0, 50).Select(i => $"DISK.OP{i:D3}"),
        .. Enumerable.Range(0, 50).Select(i => $"disk.o{(char)('q' + (i % 10))}{i:D3}"),
        .. Enumerable.Range(0, 50).Select(i => $"n{i}"),
    ];

    private static readonly string[] AppNames = ["app", "App", "A.b", "hello-world"];

    private readonly LoadedCommands _commands = compiled.Commands;

    [Fact]
    public void The_names_are_distinct() =>
        Assert.Equal(Special.Length + Generated.Length + AppNames.Length, Special.Concat(Generated).Concat(AppNames).Distinct(StringComparer.Ordinal).Count());

    [Fact]
    public async Task Every_name_reaches_its_own_command_through_the_aggregate()
    {
        foreach (var name in Special.Concat(Generated).Concat(AppNames))
        {
            Assert.Equal($$"""{"returncode":"0","message":"{{name}}"}""", await _commands.SendAsync($$"""{"name":"{{name}}"}"""));
        }
    }

    [Fact]
    public void The_descriptors_list_every_name_once_in_ordinal_order()
    {
        var names = _commands.CreateRegistry().Commands.Select(c => c.Name).ToList();
        Assert.Equal(Special.Concat(Generated).Concat(AppNames).Order(StringComparer.Ordinal), names);
    }

    [Theory]
    [InlineData("b")]
    [InlineData("abcd")]
    [InlineData("aBC")]
    [InlineData("a.B")]
    [InlineData("HeLLo")]
    [InlineData("disk.op150")]
    [InlineData("DISK.OP050")]
    [InlineData("disk.oA000")]
    [InlineData("Disk.op000")]
    [InlineData("n50")]
    [InlineData("N1")]
    [InlineData("APP")]
    [InlineData("xyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy")]
    public async Task Near_misses_are_unknown(string name) =>
        Assert.Equal($$"""{"returncode":"404","message":"No such agent command '{{name}}'"}""", await _commands.SendAsync($$"""{"name":"{{name}}"}"""));

    /// <summary>
    /// Names whose generated members (<c>Describe_</c>, <c>Invoke_</c>, <c>Instance_</c> …) would pass
    /// the 1,024 bytes a metadata name may have: the build failed at emit (CS7013 in the generated file).
    /// </summary>
    [Fact]
    public async Task Very_long_command_and_namespace_names_build_and_dispatch()
    {
        var plain = new string('p', 1100);
        var dotted = string.Concat(Enumerable.Repeat("d.", 300));
        var ns = string.Join(".", Enumerable.Repeat("Segment", 100));
        var source = TortureCompiler.Usings + $$"""
            namespace {{ns}}
            {
                public static class Long
                {
                    [Command("{{plain}}")] public static string Plain(int a = 1) => "plain " + a;
                    [Command("{{dotted}}")] public static async Task<int> Dotted() { await Task.Yield(); return 2; }
                }

                public class Instance { [Command("instance")] public string Run() => "instance"; }
            }
            """;
        using var commands = TortureCompiler.Load(source);
        Assert.Equal("""{"returncode":"0","message":"plain 3"}""", await commands.SendAsync($$$"""{"name":"{{{plain}}}","value":{"a":3}}"""));
        Assert.Equal("""{"returncode":"0","message":"2"}""", await commands.SendAsync($$"""{"name":"{{dotted}}"}"""));
        Assert.Equal("""{"returncode":"0","message":"instance"}""", await commands.SendAsync("""{"name":"instance"}"""));
        Assert.Equal("""{"returncode":"404","message":"No such agent command 'pp'"}""", await commands.SendAsync("""{"name":"pp"}"""));
    }

    private static string Commands(string ns, IEnumerable<string> names)
    {
        var source = new StringBuilder(TortureCompiler.Usings).Append($"namespace {ns};\npublic static class NameCommands\n{{\n");
        var i = 0;
        foreach (var name in names)
        {
            source.Append($"    [Command(\"{name}\")] public static string Run{i++}() => \"{name}\";\n");
        }

        return source.Append("}\n").ToString();
    }

    /// <summary>The library of every name and the application over it, compiled once for the class.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(Load())
    {
        private static LoadedCommands Load()
        {
            var library = TortureCompiler.Build(TortureCompiler.Compile([Commands("Team.Names", Special.Concat(Generated))], assemblyName: "Team.Names"));
            var app = TortureCompiler.Build(TortureCompiler.Compile([Commands("Team.App", AppNames)], assemblyName: "Team.App")
                .AddReferences(MetadataReference.CreateFromImage(library)));
            return LoadedCommands.Load(app, library);
        }
    }
}

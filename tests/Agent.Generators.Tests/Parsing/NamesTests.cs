using GuestAgent.Generators.Parsing;

namespace GuestAgent.Generators.Tests.Parsing;

public sealed class NamesTests
{
    [Theory]
    [InlineData("GuestAgent.Commands", "GuestAgentCommandsCommandRegistry")]
    [InlineData("team.alpha-tools", "TeamAlphaToolsCommandRegistry")]
    [InlineData("My_Lib", "My_LibCommandRegistry")]
    [InlineData("1st", "_1stCommandRegistry")]
    public void Registry_names_are_identifiers_derived_from_the_assembly_name(string assembly, string expected) =>
        Assert.Equal(expected, Names.RegistryName(assembly));

    [Fact]
    public void Command_identifiers_are_distinct_for_distinct_names()
    {
        string[] names = ["a.b", "a_b", "a-b", "a__b", "a_Db", "a_D", "a.", "ab"];
        Assert.Equal(names.Length, names.Select(Names.CommandIdentifier).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("file_Dread", Names.CommandIdentifier("file.read"));
    }

    [Fact]
    public void Long_command_identifiers_are_shortened_distinctly()
    {
        // A metadata name has at most 1,024 UTF-8 bytes (CS7013): "Describe_" + 600 dots' "_D" had more.
        string[] names =
        [
            new string('a', 300), new string('a', 301), new string('a', 1100), new string('a', 1099) + "b",
            string.Concat(Enumerable.Repeat("a.", 300)), string.Concat(Enumerable.Repeat("a.", 299)) + "a_",
            string.Concat(Enumerable.Repeat("a-", 300)), "_" + new string('L', 400),
        ];
        var identifiers = names.Select(Names.CommandIdentifier).ToList();
        Assert.Equal(names.Length, identifiers.Distinct(StringComparer.Ordinal).Count());
        Assert.All(identifiers, i => Assert.True(i.Length <= Names.MaxIdentifierLength, i));
        Assert.Equal(new string('a', 300), identifiers[0]);
        Assert.Matches("^_L[0-9a-f]{16}_a{281}$", identifiers[1]);
        Assert.StartsWith("_L", identifiers[7], StringComparison.Ordinal);
        Assert.Equal("__Ltype", Names.CommandIdentifier("_Ltype"));
        Assert.Equal(Names.CommandIdentifier(new string('a', 1100)), Names.CommandIdentifier(new string('a', 1100)));
        Assert.Equal(Names.MaxIdentifierLength, Names.TypeIdentifier("global::" + string.Join(".", Enumerable.Repeat("Segment", 100))).Length);
    }

    [Fact]
    public void Command_file_names_are_distinct_ignoring_case_and_short()
    {
        string[] names = ["hello", "Hello", "HELLO", "a.b", "A.b", "a_Ub", "a_UB", "aUb", "a_b", "a-b", "x" + new string('y', 500), "x" + new string('y', 499) + "Y", "X" + new string('y', 500)];
        var files = names.Select(Names.CommandFileName).ToList();
        Assert.Equal(names.Length, files.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(files, f => Assert.True(f.Length <= Names.MaxFileNameLength, f));
        Assert.Equal("file_Dread", Names.CommandFileName("file.read"));
        Assert.Equal("_UHello_D_UWorld", Names.CommandFileName("Hello.World"));
    }

    [Theory]
    [InlineData("password", true)]
    [InlineData("file.read-all_2", true)]
    [InlineData("", false)]
    [InlineData(" ", false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    [InlineData("\u00e9", false)]
    public void Valid_names_use_only_the_safe_characters(string name, bool valid) =>
        Assert.Equal(valid, Names.IsValidCommandName(name));

    [Theory]
    [InlineData("GuestAgent.Commands.CommandRegistryAttribute", true)]
    [InlineData("Other.CommandRegistryAttribute", false)]
    [InlineData("GuestAgent.Commands.XCommandRegistryAttribute", false)]
    [InlineData("CommandRegistryAttribute", false)]
    public void IsNamed_matches_the_full_dotted_name_only(string fullName, bool expected)
    {
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(
            "namespace GuestAgent.Commands { class CommandRegistryAttribute { } }", cancellationToken: TestContext.Current.CancellationToken);
        var type = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Names", [tree]).GetTypeByMetadataName("GuestAgent.Commands.CommandRegistryAttribute");

        Assert.Equal(expected, Names.IsNamed(type, fullName));
        Assert.False(Names.IsNamed(null, fullName));
    }
}

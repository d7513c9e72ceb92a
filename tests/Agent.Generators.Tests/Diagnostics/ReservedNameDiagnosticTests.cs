using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0022: a type or namespace of the compilation's own named as a class the generator writes in
/// <c>GuestAgent.Generated</c>. The generator leaves that class out, so GA0022 at the type's name is
/// the only error (it used to be CS0101 in generated code); other names there are the author's.
/// </summary>
public sealed class ReservedNameDiagnosticTests
{
    private const string Command = """
        public static class A { [Command("x")] public static string Run() => "x"; }
        """;

    [Fact]
    public async Task GA0022_a_type_named_as_the_aggregate() =>
        Assert.Equal(
            "Type 'AgentCommands' takes the name of the generated aggregate registry in namespace 'GuestAgent.Generated', which the generator owns, so it is not generated: rename the type or move it to another namespace",
            Message(Assert.Single(await ReportsAsync(Command + """
                namespace GuestAgent.Generated { public static class AgentCommands { } }
                """, "GA0022", "AgentCommands"))));

    [Fact]
    public async Task GA0022_a_type_named_as_the_registry()
    {
        // TestCompiler's assembly is Tests.Commands, so its registry is TestsCommandsCommandRegistry.
        var diagnostics = await ReportsAsync(Command + """
            namespace GuestAgent.Generated { internal sealed class TestsCommandsCommandRegistry { } }
            """, "GA0022", "TestsCommandsCommandRegistry");
        Assert.Contains("the generated command registry of this assembly", Message(diagnostics[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0022_a_namespace_named_as_the_aggregate_or_the_registry()
    {
        // A namespace of the name was CS0101 in the generated file: the class and the namespace clash.
        var diagnostics = await ReportsAsync(Command + """
            namespace GuestAgent.Generated.AgentCommands { public class X { } }
            namespace GuestAgent.Generated { namespace TestsCommandsCommandRegistry.Deeper { public class Y { } } }
            namespace GuestAgent.Generated.AgentCommands { public class Z { } }
            """, "GA0022", "AgentCommands", "TestsCommandsCommandRegistry", "AgentCommands");
        Assert.Equal(
            "Namespace 'AgentCommands' takes the name of the generated aggregate registry in namespace 'GuestAgent.Generated', which the generator owns, so it is not generated: rename the namespace or move it to another namespace",
            Message(diagnostics[0]));
        Assert.Contains("the generated command registry of this assembly", Message(diagnostics[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_names_nested_types_and_other_namespaces_are_the_authors() =>
        await ReportsAsync(Command + """
            namespace GuestAgent.Generated { public static class Helpers { public static class AgentCommands { } } public class AgentCommands<T> { } }
            namespace Other { public static class AgentCommands { } }
            namespace Other.Deep.AgentCommands { public class X { } }
            namespace GuestAgent.Generated.Sub.AgentCommands { public class Y { } }
            """, "GA0022");
}

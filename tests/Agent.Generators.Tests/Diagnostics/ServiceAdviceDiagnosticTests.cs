using GuestAgent.Generators.Tests.Infrastructure;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// A command library's own service (<c>IPackageManager</c>) taken by a command method: the generator
/// cannot tell it from data, so it stays GA0009 (and, listed, GA0020), but an interface or abstract
/// class parameter naming no derived type is far more often a service than data, and both messages
/// only said to list it on the context, then to take a concrete type. They now add the constructor's
/// advice, for such a parameter only: not a result (written fine), a concrete class, a type naming
/// its derived types or a framework type (a collection interface is data).
/// </summary>
public sealed class ServiceAdviceDiagnosticTests
{
    private const string Advice = "; if it is a service rather than data, take it in the constructor of the command's class instead (an instance command)";

    private const string Types = """
        public interface IPackageManager { void Install(string name); }
        public abstract class Installer { public abstract void Run(); }
        public sealed record Move(string From, string To);
        [System.Text.Json.Serialization.JsonDerivedType(typeof(Apt), "apt")] public interface IPackageSource { }
        public sealed class Apt : IPackageSource { }
        public static class A
        {
            [Command("i")] public static void I(string name, IPackageManager packages) { }
            [Command("a")] public static void B(string name, Installer? installer) { }
            [Command("m")] public static void M(Move move) { }
            [Command("s")] public static void S(IPackageSource source) { }
            [Command("l")] public static void L(IReadOnlyList<Move> moves) { }
            [Command("r")] public static IPackageManager R() => null!;
        }
        """;

    [Fact]
    public async Task GA0009_adds_the_constructor_advice_for_an_interface_or_abstract_class_parameter()
    {
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source(Types), "GA0009",
            "IPackageManager", "Installer?", "Move", "IPackageSource", "IReadOnlyList<Move>", "IPackageManager");

        Assert.Equal(
            "Type 'IPackageManager' of command method 'A.I(string, IPackageManager)' must be listed on the assembly's JSON context: "
            + "add [JsonSerializable(typeof(IPackageManager))] to 'Ctx'" + Advice,
            Message(diagnostics[0]));
        Assert.Equal(
            "Type 'Installer?' of command method 'A.B(string, Installer?)' must be listed on the assembly's JSON context: "
            + "add [JsonSerializable(typeof(Installer))] to 'Ctx'" + Advice,
            Message(diagnostics[1]));
        Assert.Equal(
            "Type 'Move' of command method 'A.M(Move)' must be listed on the assembly's JSON context: add [JsonSerializable(typeof(Move))] to 'Ctx'",
            Message(diagnostics[2]));
        Assert.EndsWith("add [JsonSerializable(typeof(IPackageSource))] to 'Ctx'", Message(diagnostics[3]), StringComparison.Ordinal);
        Assert.EndsWith("add [JsonSerializable(typeof(IReadOnlyList<Move>))] to 'Ctx'", Message(diagnostics[4]), StringComparison.Ordinal);
        // A result is only ever written, which works for an interface: no advice about taking it.
        Assert.EndsWith("add [JsonSerializable(typeof(IPackageManager))] to 'Ctx'", Message(diagnostics[5]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0009_without_a_context_adds_it_too() =>
        Assert.EndsWith(
            "declare a JsonSerializerContext and name it with [assembly: CommandJsonContext(typeof(...))]" + Advice,
            Message((await ReportsAsync("""
                public interface IPackageManager { }
                public static class A { [Command("i")] public static void I(IPackageManager packages) { } }
                """, "GA0009", "IPackageManager"))[0]),
            StringComparison.Ordinal);

    [Fact]
    public async Task GA0009_for_a_type_meant_to_be_read_as_JSON_has_no_advice()
    {
        // A converter of its own or [JsonPolymorphic] says the author means it as data.
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source("""
            [System.Text.Json.Serialization.JsonConverter(typeof(ShapeConverter))] public interface IShape { }
            public sealed class ShapeConverter : System.Text.Json.Serialization.JsonConverter<IShape>
            {
                public override IShape? Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => null;
                public override void Write(Utf8JsonWriter writer, IShape value, JsonSerializerOptions options) { }
            }
            [System.Text.Json.Serialization.JsonPolymorphic] public abstract class Node { }
            public static class A
            {
                [Command("c")] public static void C(IShape shape) { }
                [Command("p")] public static void P(Node node) { }
            }
            """), "GA0009", "IShape", "Node");

        Assert.All(diagnostics, d => Assert.EndsWith("))] to 'Ctx'", Message(d), StringComparison.Ordinal));
    }

    [Fact]
    public async Task GA0009_naming_an_invalid_context_adds_it_too()
    {
        var (output, _) = TestCompiler.Generate(TestCompiler.Compile(Usings + """
            [assembly: CommandJsonContext(typeof(Settings))]
            public sealed class Settings { }
            public interface IPackageManager { }
            public static class A { [Command("i")] public static void I(IPackageManager packages) { } }
            """));

        var notListed = (await TestCompiler.AnalyzeAsync(output)).Single(d => d.Id == "GA0009");
        Assert.Equal("IPackageManager", SpanText(notListed));
        Assert.EndsWith("name the context that lists your types" + Advice, Message(notListed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0020_adds_the_constructor_advice_once_listed()
    {
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source(Types, "", "IPackageManager", "Installer", "Move", "IPackageSource", "IReadOnlyList<Move>"),
            "GA0020", "IPackageManager", "Installer?");

        Assert.Equal(
            "Parameter 'packages' of command method 'A.I(string, IPackageManager)' has type 'IPackageManager', which the assembly's JSON context cannot read: "
            + "'IPackageManager' is an interface, which the context cannot create, so it throws NotSupportedException whenever it reads a 'IPackageManager'; "
            + "take a concrete type, or list its derived types with [JsonDerivedType(typeof(Derived), \"name\")] so that a request names the one to create" + Advice,
            Message(diagnostics[0]));
        Assert.Equal(
            "Parameter 'installer' of command method 'A.B(string, Installer?)' has type 'Installer?', which the assembly's JSON context cannot read: "
            + "'Installer' is an abstract class, which the context cannot create, so it throws NotSupportedException whenever it reads a 'Installer'; "
            + "take a concrete type, or list its derived types with [JsonDerivedType(typeof(Derived), \"name\")] so that a request names the one to create" + Advice,
            Message(diagnostics[1]));
    }

    [Fact]
    public async Task GA0020_inside_a_parameter_or_for_a_type_naming_derived_types_has_no_advice()
    {
        // The fault is in a member (data holding an abstract member), or the type names derived types (data by design).
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source("""
            public abstract class Shape { public int X { get; set; } }
            public sealed record Holder(Shape Inner);
            [System.Text.Json.Serialization.JsonPolymorphic(UnknownDerivedTypeHandling = System.Text.Json.Serialization.JsonUnknownDerivedTypeHandling.FallBackToNearestAncestor)]
            [System.Text.Json.Serialization.JsonDerivedType(typeof(Middle), "m")] public abstract class Layered { public int X { get; set; } }
            public abstract class Middle : Layered;
            public static class A
            {
                [Command("h")] public static void H(Holder holder) { }
                [Command("y")] public static void Y(Layered layered) { }
            }
            """, "", "Holder", "Layered"), "GA0020", "Holder", "Layered");

        Assert.All(diagnostics, d => Assert.DoesNotContain("if it is a service", Message(d), StringComparison.Ordinal));
    }
}

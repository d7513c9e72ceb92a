using GuestAgent.Generators.Tests.Infrastructure;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// An interface or abstract class read by the JSON context: .NET 10 cannot create one and throws
/// NotSupportedException whenever a request sends it, so each such request failed with an internal
/// error and no diagnostic. GA0020 now, but not where the context can read it: a type
/// discriminator naming a derived type it can create (not one naming only an abstract class), a converter of its own, a framework collection interface,
/// or a result (written, never created).
/// </summary>
public sealed class AbstractTypeDiagnosticTests
{
    private const string Types = """
        public interface IThing { string Name { get; set; } }
        public abstract class Shape { public int X { get; set; } }
        public sealed class Square : Shape;
        [System.Text.Json.Serialization.JsonDerivedType(typeof(Circle), "circle")] public abstract class Round { public int R { get; set; } }
        public sealed class Circle : Round;
        // Its one discriminator names an abstract class (allowed under FallBackToNearestAncestor): no request names a type the context creates.
        [System.Text.Json.Serialization.JsonPolymorphic(UnknownDerivedTypeHandling = System.Text.Json.Serialization.JsonUnknownDerivedTypeHandling.FallBackToNearestAncestor)]
        [System.Text.Json.Serialization.JsonDerivedType(typeof(Middle), "m")] public abstract class Layered { public int X { get; set; } }
        public abstract class Middle : Layered;
        public sealed class Bottom : Middle;
        public sealed record Holder(Shape Inner);
        public static class A
        {
            [Command("i")] public static string I(IThing thing) => thing.Name;
            [Command("s")] public static int S(Shape? shape) => shape?.X ?? -1;
            [Command("h")] public static int H(Holder holder) => holder.Inner.X;
            [Command("r")] public static int R(Round round) => round.R;
            [Command("l")] public static int L(IReadOnlyList<int> items) => items.Count;
            [Command("w")] public static Shape W() => new Square { X = 3 };
            [Command("n")] public static string N(System.Text.Json.Nodes.JsonNode node) => node.ToJsonString();
            [Command("y")] public static int Y(Layered layered) => layered.X;
        }
        """;

    private static readonly string[] Listed = ["IThing", "Shape", "Holder", "Round", "IReadOnlyList<int>", "System.Text.Json.Nodes.JsonNode", "Layered"];

    [Fact]
    public async Task GA0020_for_an_interface_or_abstract_class_the_context_must_create()
    {
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source(Types, "", Listed), "GA0020", "IThing", "Shape?", "Holder", "Layered");

        Assert.Equal(
            "Parameter 'thing' of command method 'A.I(IThing)' has type 'IThing', which the assembly's JSON context cannot read: 'IThing' is an interface, which the context cannot create, so it throws NotSupportedException whenever it reads a 'IThing'; take a concrete type, or list its derived types with [JsonDerivedType(typeof(Derived), \"name\")] so that a request names the one to create; "
            + "if it is a service rather than data, take it in the constructor of the command's class instead (an instance command)",
            Message(diagnostics[0]));
        Assert.Contains("'Shape' is an abstract class, which the context cannot create", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.Contains("'Shape' is an abstract class", Message(diagnostics[2]), StringComparison.Ordinal);
    }

    /// <summary>What the diagnostic says, with the real System.Text.Json generator: the sends fail, the rest works.</summary>
    [Theory]
    [InlineData("""{"name":"i","value":{"thing":{"Name":"n"}}}""", "500", "Command 'i' failed with an internal error")]
    [InlineData("""{"name":"s","value":{"shape":{"X":1}}}""", "500", "Command 's' failed with an internal error")]
    [InlineData("""{"name":"h","value":{"holder":{"Inner":{"X":1}}}}""", "500", "Command 'h' failed with an internal error")]
    [InlineData("""{"name":"s","value":{"shape":null}}""", "0", "-1")]
    [InlineData("""{"name":"r","value":{"round":{"$type":"circle","R":2}}}""", "0", "2")]
    [InlineData("""{"name":"l","value":{"items":[1,2]}}""", "0", "2")]
    [InlineData("""{"name":"w"}""", "0", "{'X':3}")]
    [InlineData("""{"name":"n","value":{"node":[1]}}""", "0", "[1]")]
    [InlineData("""{"name":"y","value":{"layered":{"$type":"m","X":1}}}""", "500", "Command 'y' failed with an internal error")]
    [InlineData("""{"name":"y","value":{"layered":{"X":1}}}""", "500", "Command 'y' failed with an internal error")]
    public async Task The_real_context_fails_exactly_the_reported_reads(string request, string code, string message)
    {
        using var commands = LoadedCommands.Compile(Usings + """
            [assembly: CommandJsonContext(typeof(AbstractJson))]
            [System.Text.Json.Serialization.JsonSerializable(typeof(IThing))]
            [System.Text.Json.Serialization.JsonSerializable(typeof(Shape))]
            [System.Text.Json.Serialization.JsonSerializable(typeof(Holder))]
            [System.Text.Json.Serialization.JsonSerializable(typeof(Round))]
            [System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyList<int>))]
            [System.Text.Json.Serialization.JsonSerializable(typeof(System.Text.Json.Nodes.JsonNode))]
            [System.Text.Json.Serialization.JsonSerializable(typeof(Layered))]
            internal partial class AbstractJson : System.Text.Json.Serialization.JsonSerializerContext;
            """ + Types);

        Assert.Equal($$"""{"returncode":"{{code}}","message":"{{message}}"}""", await commands.SendAsync(request));
    }
}

using GuestAgent.Generators.Tests.Execution;
using GuestAgent.Generators.Tests.Infrastructure;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// Every type a message names, not only a parameter's or result's (<see cref="NestedTypeMessageTests"/>), is
/// spelled as <c>Names.InMessage</c> spells it: a nested type after the types containing it. A command
/// method's signature and a constructor's, GA0010's class, GA0025's class and service, GA0026's and
/// GA0029's owner, the member paths inside GA0020, GA0021 and GA0024, and GA0028's types: a bare
/// 'Holder' may be declared in many containers, and binds in none of the files the reader is sent to.
/// </summary>
public sealed class QualifiedTypeMessageTests
{
    private const string Containers = """
        public static class Box
        {
            public sealed record Inner(string A);
            public interface IClock { }
            public sealed class CasePair(int count) { public int Count { get; } = count; public int count { get; set; } }
            public sealed class Holder { public CasePair? Pair { get; set; } }
            public sealed class Sets { public List<Inner> Items { set { } } }
            public sealed class Clash { public string? name; [JsonPropertyName("name")] public string? Name { get; set; } }
            public sealed class Bag { [JsonExtensionData] public Dictionary<string, object> Extra { get; } = new(); }
        }

        public sealed class Outer<T> { public sealed record Deep(T Value); }

        """;

    // What GA0020 and GA0021 say of Box.Holder: the member's path and the types inside, each after its container.
    private const string HolderFault =
        "at 'Box.Holder.Pair', the constructor 'CasePair(int count)' System.Text.Json creates 'Box.CasePair' with has the parameter 'count', "
        + "which binds to both 'Count' and 'count' (members whose names differ only in case), so the context throws InvalidOperationException "
        + "whenever it reads or writes a 'Box.CasePair'; rename one of them, or make one internal (without [JsonInclude])";

    [Fact]
    public async Task A_command_methods_signature_names_a_nested_parameter_type_after_its_container()
    {
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source(Containers + """
            public static class A { [Command("a")] public static void Ma(Outer<int>.Deep deep, Box.Inner inner) { } }
            """, "", "Box.Inner"), "GA0009", "Outer<int>.Deep");

        Assert.Equal(
            "Type 'Outer<int>.Deep' of command method 'A.Ma(Outer<int>.Deep, Box.Inner)' must be listed on the assembly's JSON context: add [JsonSerializable(typeof(Outer<int>.Deep))] to 'Ctx'",
            Message(diagnostics[0]));

        var duplicates = await ReportsAsync(HandWrittenJsonContext.Source(Containers + """
            public static class A
            {
                [Command("dup")] public static void Ma(Box.Inner inner) { }
                [Command("dup")] public static void Mb(Box.Inner? inner, int count) { }
            }
            """, "", "Box.Inner"), "GA0001", "\"dup\"", "\"dup\"");
        Assert.Equal("Command name 'dup' is used by more than one method in this assembly: also by 'A.Mb(Box.Inner?, int)'", Message(duplicates[0]));
        Assert.Equal("Command name 'dup' is used by more than one method in this assembly: also by 'A.Ma(Box.Inner)'", Message(duplicates[1]));
    }

    [Fact]
    public async Task GA0010_names_a_nested_class_and_its_constructors_parameter_types_after_their_containers()
    {
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source(Containers + """
            public static class Commands
            {
                public sealed class Timed
                {
                    public Timed(Box.IClock clock, CancellationToken token) { }
                    [Command("timed")] public string Run() => "";
                }

                public abstract class Abstract { [Command("abstract")] public string Run() => ""; }
            }
            """), "GA0010", "Run", "Run");

        Assert.Equal(
            "Class 'Commands.Timed' of instance command method 'Commands.Timed.Run()' cannot be constructed by the registry: the parameter 'token' of its constructor 'Timed(Box.IClock, CancellationToken)' is a per-request value ('CancellationToken'), which the host gives the command method with each request, never a service; take a CancellationToken parameter in the command method instead",
            Message(diagnostics[0]));
        Assert.Equal("Class 'Commands.Abstract' of instance command method 'Commands.Abstract.Run()' cannot be constructed by the registry: it is abstract", Message(diagnostics[1]));
    }

    [Fact]
    public async Task GA0025_names_a_nested_class_and_service_after_their_containers()
    {
        var diagnostics = await ReportsAsync(
            TestCompiler.CompileAssembly("Tests.Commands", [KeyedServiceExecutionTests.DependencyInjection], Usings + "using Microsoft.Extensions.DependencyInjection;\n" + """
                public static class Services { public sealed class Region; }
                public static class Commands
                {
                    public sealed class Regions([ServiceKey] Services.Region region)
                    {
                        [Command("region")] public string Run() => region.ToString()!;
                    }
                }
                """),
            "GA0025",
            "ServiceKey");

        Assert.StartsWith(
            "The parameter 'region' of the constructor 'Regions(Services.Region)' of class 'Commands.Regions' is [ServiceKey], but the registry never creates a command class as a keyed service, so no key reaches it: as ActivatorUtilities does, the registry passes it the 'Services.Region' service from the provider; ",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0026_and_GA0029_name_a_nested_owner_after_its_container()
    {
        var setOnly = await ReportsAsync(HandWrittenJsonContext.Source(Containers + """
            public static class A { [Command("a")] public static void Ma(Box.Sets sets) { } }
            """, "", "Box.Sets"), "GA0026", "Items");
        Assert.Equal(
            "'Box.Sets.Items' has a setter and no getter the JSON context calls, and System.Text.Json never sets a collection ('List<Box.Inner>') through a setter alone, so no request ever sets it and the request schema leaves it out; give it a public get accessor (marked [JsonInclude] instead, it is set, but the context throws whenever it writes a 'Box.Sets')",
            Message(setOnly[0]));

        var clash = await ReportsAsync(HandWrittenJsonContext.Source(Containers + """
            public static class A { [Command("a")] public static Box.Clash Ma() => new(); }
            """, "", "Box.Clash"), "GA0029", "name");
        Assert.Equal(
            "'Box.Clash.name' is a public field the JSON context leaves out, but System.Text.Json's generator counts it as it lays out the fast path that writes 'Box.Clash', where it goes by 'name' as 'Box.Clash.Name' does, so the context throws InvalidOperationException whenever it writes a 'Box.Clash' (a command's result holds one); mark the field [JsonIgnore], make it internal or private, or give it another [JsonPropertyName]",
            Message(clash[0]));
    }

    [Fact]
    public async Task GA0020_GA0021_and_GA0024_name_the_owner_of_a_member_after_its_container()
    {
        var unreadable = await ReportsAsync(HandWrittenJsonContext.Source(Containers + """
            public static class A { [Command("a")] public static void Ma(Box.Holder holder) { } }
            """, "", "Box.Holder"), "GA0020", "Box.Holder");
        Assert.Equal("Parameter 'holder' of command method 'A.Ma(Box.Holder)' has type 'Box.Holder', which the assembly's JSON context cannot read: " + HolderFault, Message(unreadable[0]));

        var unwritable = await ReportsAsync(HandWrittenJsonContext.Source(Containers + """
            public static class A { [Command("a")] public static Box.Holder Ma() => new(); }
            """, "", "Box.Holder"), "GA0021", "Box.Holder");
        Assert.Equal("Command method 'A.Ma()' returns 'Box.Holder', which the assembly's JSON context cannot write, so calls fail after the method has run and are answered with an internal error: " + HolderFault, Message(unwritable[0]));

        var neverFilled = await ReportsAsync(HandWrittenJsonContext.Source(Containers + """
            public static class A { [Command("a")] public static void Ma(Box.Bag bag) { } }
            """, "", "Box.Bag"), "GA0024", "Box.Bag");
        Assert.Equal(
            "Parameter 'bag' of command method 'A.Ma(Box.Bag)' has type 'Box.Bag', whose [JsonExtensionData] property 'Box.Bag.Extra' has no setter the JSON context can call nor [JsonInclude], "
            + "so the context never fills it and drops without an error every member of a request that no property names; give it a public set accessor or mark it [JsonInclude]",
            Message(neverFilled[0]));
    }

    [Fact]
    public async Task GA0028_names_the_polymorphic_type_the_derived_type_and_the_converter_after_their_containers()
    {
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source("""
            public static class Shapes
            {
                [JsonDerivedType(typeof(Circle), "circle")]
                public class Shape { public int X { get; set; } }
                [JsonConverter(typeof(CircleConverter))] public sealed class Circle : Shape { }
                public sealed class CircleConverter : JsonConverter<Circle>
                {
                    public override Circle Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) { reader.Skip(); return new(); }
                    public override void Write(Utf8JsonWriter writer, Circle value, JsonSerializerOptions options) => writer.WriteNullValue();
                }
            }

            public static class A { [Command("shape")] public static int Take(Shapes.Shape shape) => shape.X; }
            """, "", "Shapes.Shape"), "GA0028", "JsonDerivedType(typeof(Circle), \"circle\")");

        Assert.Equal(
            "'Shapes.Shape' names 'Shapes.Circle' in a [JsonDerivedType], but its [JsonConverter] 'Shapes.CircleConverter' reads 'Shapes.Circle' and takes no type discriminator, so the context throws NotSupportedException for every 'Shapes.Circle' read or written as a 'Shapes.Shape'; remove the converter, or the [JsonDerivedType]",
            Message(diagnostics[0]));
    }

    /// <summary>
    /// GA0020's advice for an open generic derived type names the constructed type as the rest of the
    /// message does: after its containers, each given type arguments, not the bare name ('Leaf&lt;int&gt;'),
    /// and a non-generic type nested in a generic one constructed through its container.
    /// </summary>
    [Theory]
    [InlineData("typeof(Outer<>.Leaf<>)", "Outer<>.Leaf<>", "Outer<int>.Leaf<int>")]
    [InlineData("typeof(Outer<>.Plain)", "Outer<>.Plain", "Outer<int>.Plain")]
    [InlineData("typeof(Shapes.Pair<,>)", "Shapes.Pair<,>", "Shapes.Pair<int, int>")]
    public async Task GA0020_advises_a_constructed_open_generic_derived_type_after_its_containers(string derived, string shown, string constructed)
    {
        var diagnostics = await ReportsAsync(HandWrittenJsonContext.Source($$"""
            public static class Shapes
            {
                [JsonDerivedType({{derived}})]
                public class Shape { public int X { get; set; } }
                public sealed class Pair<TA, TB> : Shape { }
            }

            public class Outer<T> { public sealed class Leaf<TL> : Shapes.Shape { } public sealed class Plain : Shapes.Shape { } }

            public static class A { [Command("shape")] public static int Take(Shapes.Shape shape) => shape.X; }
            """, "", "Shapes.Shape"), "GA0020", "Shapes.Shape");

        Assert.EndsWith(
            $"'Shapes.Shape' names the open generic type '{shown}' in a [JsonDerivedType], so the context throws InvalidOperationException whenever it reads or writes a 'Shapes.Shape'; name a constructed type ('{constructed}'), one [JsonDerivedType] for each",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
    }
}

using System.Collections.Immutable;
using System.Text.RegularExpressions;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0020: a parameter type the JSON context cannot read, at the parameter's type,
/// one test per shape (the real context's behaviour for each is in
/// <c>UnreadableTypeExecutionTests</c>). Result-only types are never reported: they are only written.
/// </summary>
public sealed class UnreadableTypeDiagnosticTests
{
    private const string Populate = "[JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]";

    private static Task<ImmutableArray<Diagnostic>> ReportsAsync(string types, params string[] spans) =>
        ReportsWithOptionsAsync("", types, spans);

    /// <summary>
    /// The analyzer's GA0020s on <paramref name="types"/> (<c>[Populate]</c> standing for the
    /// attribute), with a context that lists every parameter and result type of its commands.
    /// </summary>
    private static Task<ImmutableArray<Diagnostic>> ReportsWithOptionsAsync(string options, string types, params string[] spans) =>
        DiagnosticAssert.ReportsAsync(
            HandWrittenJsonContext.Source(types.Replace("[Populate]", Populate, StringComparison.Ordinal), options, ListedTypes(types)), "GA0020", spans);

    /// <summary>Every parameter and result type of the commands in <paramref name="types"/>.</summary>
    private static string[] ListedTypes(string types) =>
        Regex.Matches(types, @"\[Command\(""\w+""\)\] public static (?:Task<(?<result>.+)>|(?<result>[\w<>\[\], ]+)) \w+\((?<parameters>[^)]*)\)")
            .SelectMany(m => Parameters(m.Groups["parameters"].Value).Select(p => p[..p.LastIndexOf(' ')].TrimEnd('?'))
                .Append(m.Groups["result"].Value))
            .Where(t => t is not ("void" or ""))
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public async Task A_constructor_parameter_that_binds_no_member()
    {
        var diagnostics = await ReportsAsync("""
            public sealed class Move
            {
                public Move(string from, int speed) => From = from;
                public string From { get; }
            }

            public sealed class Holder { }

            public static class A
            {
                [Command("m")] public static void M(Move move) { }
            }
            """, "Move");

        Assert.Equal(
            "Parameter 'move' of command method 'A.M(Move)' has type 'Move', which the assembly's JSON context cannot read: "
            + "the constructor 'Move(string from, int speed)' System.Text.Json creates 'Move' with has the parameter 'speed', which binds to no property or field of 'Move' "
            + "(one of the same name, ignoring case, and the same type, 'int'), so the context throws InvalidOperationException whenever it reads a 'Move'; "
            + "add that property, rename the parameter after the property it sets, or mark [JsonConstructor] a constructor whose parameters all bind",
            Message(diagnostics[0]));
    }

    [Fact]
    public async Task A_marked_constructor_a_mismatched_type_an_internal_property_ignored_or_not_a_nested_type_and_a_field_without_IncludeFields_do_not_bind()
    {
        var diagnostics = await ReportsAsync("""
            public sealed class Marked
            {
                public Marked() { }
                [JsonConstructor] public Marked(int count) { }
                public int Total { get; set; }
            }

            public sealed class Mismatch(int? count) { public int Count { get; } = count ?? 0; }

            public sealed class Hidden(string name) { internal string Name { get; } = name; }

            public sealed class Holder { public List<Mismatch>? Items { get; set; } }

            public sealed class Fielded(int count) { public int Count = count; }

            public sealed class Ignored(int count) { [JsonIgnore] internal int Count { get; } = count; }

            public static class A
            {
                [Command("a")] public static void Ma(Marked marked) { }
                [Command("b")] public static void Mb(Mismatch? mismatch) { }
                [Command("c")] public static void Mc(Hidden hidden) { }
                [Command("d")] public static void Md(Dictionary<string, Holder[]> deep) { }
                [Command("e")] public static void Me(Fielded fielded) { }
                [Command("f")] public static void Mf(Ignored ignored) { }
            }
            """, "Marked", "Mismatch?", "Hidden", "Dictionary<string, Holder[]>", "Fielded", "Ignored");

        Assert.Contains("the parameter 'count', which binds to no property or field of 'Marked'", Message(diagnostics[0]), StringComparison.Ordinal);
        Assert.Contains("(one of the same name, ignoring case, and the same type, 'int?')", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.Contains("the parameter 'name', which binds to no property or field of 'Hidden'", Message(diagnostics[2]), StringComparison.Ordinal);
        Assert.Contains(": at 'Holder.Items', the constructor 'Mismatch(int? count)'", Message(diagnostics[3]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Populate_in_a_type_created_with_values_in_hand()
    {
        var diagnostics = await ReportsAsync("""
            public sealed class ByConstructor(int size)
            {
                public int Size { get; } = size;
                [Populate] public List<int> Items { get; } = new();
            }

            [Populate]
            public sealed class ByInit
            {
                public List<int> Items { get; } = new();
                public int Size { get; init; }
            }

            [Populate]
            public sealed class ByRequired
            {
                public Dictionary<string, int> Items { get; } = new();
                public required int Size { get; set; }
            }

            public sealed class Holder { }

            public static class A
            {
                [Command("a")] public static void Ma(ByConstructor c) { }
                [Command("b")] public static void Mb(ByInit i) { }
                [Command("c")] public static void Mc(ByRequired r) { }
            }
            """, "ByConstructor", "ByInit", "ByRequired");

        Assert.EndsWith(
            "which the assembly's JSON context cannot read: 'ByConstructor.Items' is populated in place (JsonObjectCreationHandling.Populate on the property), "
            + "but the context creates 'ByConstructor' with values in hand (its constructor 'ByConstructor(int size)'), and System.Text.Json populates nothing in such a type: "
            + "it throws NotSupportedException whenever it reads or writes a 'ByConstructor'; remove the Populate, or give 'ByConstructor' a public parameterless constructor and settable members",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
        Assert.Contains("(JsonObjectCreationHandling.Populate on 'ByInit'), but the context creates 'ByInit' with values in hand (its init-only property 'Size')", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.Contains("(its required member 'Size')", Message(diagnostics[2]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Populate_into_a_value_with_init_only_properties()
    {
        var diagnostics = await ReportsAsync("""
            public sealed class Limits { public int Max { get; init; } }

            public sealed class Holder { [Populate] public Limits Limits { get; } = new(); }

            public static class A
            {
                [Command("a")] public static void Ma(Holder holder) { }
            }
            """, "Holder");

        Assert.EndsWith(
            "'Holder.Limits' is populated in place (JsonObjectCreationHandling.Populate on the property), but its type 'Limits' has the init-only property 'Max', "
            + "which the generated code cannot set on an existing object, so the context throws InvalidOperationException whenever a request sends 'Max' inside 'Limits'; "
            + "give 'Max' a set accessor, or remove the Populate",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Populate_into_a_read_only_collection_by_the_property_the_type_or_the_options()
    {
        const string Types = """
            public sealed class ByProperty { [Populate] public ReadOnlyCollection<int> Items { get; } = new(new List<int>()); }

            [Populate]
            public sealed class ByType { public ReadOnlyDictionary<string, int> Map { get; set; } = new(new Dictionary<string, int>()); }

            public sealed class ByOptions { public ReadOnlyCollection<int> Items { get; } = new(new List<int>()); }

            // The options' Populate is ignored for a type created with values in hand: not reported.
            public sealed class Built(int size) { public int Size { get; } = size; public List<int> Items { get; } = new(); }

            public sealed class Holder { }

            public static class A
            {
                [Command("a")] public static void Ma(ByProperty p) { }
                [Command("b")] public static void Mb(ByType t) { }
                [Command("c")] public static void Mc(ByOptions o) { }
                [Command("d")] public static void Md(Built b) { }
            }
            """;
        var diagnostics = await ReportsWithOptionsAsync("[JsonSourceGenerationOptions(PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate)]", Types, "ByProperty", "ByType", "ByOptions");

        Assert.EndsWith(
            "'ByProperty.Items' is populated in place (JsonObjectCreationHandling.Populate on the property), but its type 'ReadOnlyCollection<int>' is read-only and cannot be added to, "
            + "so the context throws NotSupportedException whenever a request sends 'Items'; declare it as a mutable collection (List<T>, Dictionary<TKey, TValue>)",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
        Assert.Contains("'ByType.Map' is populated in place (JsonObjectCreationHandling.Populate on 'ByType'), but its type 'ReadOnlyDictionary<string, int>'", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.Contains("(JsonObjectCreationHandling.Populate by the context's options)", Message(diagnostics[2]), StringComparison.Ordinal);

        // Without the options' Populate, the getter-only collection is simply not read.
        await ReportsAsync(Types, "ByProperty", "ByType");
    }

    [Fact]
    public async Task Populate_on_a_property_whose_type_cannot_be_populated()
    {
        var diagnostics = await ReportsAsync("""
            public sealed class Holder
            {
                [Populate] public IReadOnlyList<int> Items { get; } = new List<int>();
            }

            public sealed class Numbers { [Populate] public int[] Values { get; set; } = []; }

            public struct Point { public int X { get; set; } }

            public sealed class Located { [Populate] public Point Where { get; } }

            public static class A
            {
                [Command("a")] public static void Ma(Holder holder) { }
                [Command("b")] public static void Mb(Numbers numbers) { }
                [Command("c")] public static void Mc(Located located) { }
            }
            """, "Holder", "Numbers", "Located");

        Assert.EndsWith(
            "'Holder.Items' is marked [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)], but its type 'IReadOnlyList<int>' cannot be populated in place "
            + "(only a mutable collection or dictionary, a class, or a struct with a setter can, through a getter the context calls), "
            + "so the context throws InvalidOperationException whenever it reads or writes a 'Holder'; declare it as such a type, or remove the attribute",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_derived_class_type_level_Populate_reaches_inherited_properties_a_base_class_one_does_not()
    {
        var diagnostics = await ReportsAsync("""
            public class Plain { public ReadOnlyCollection<int> Items { get; } = new(new List<int>()); }

            [Populate]
            public sealed class DerivedPopulates : Plain { }

            [Populate]
            public class BasePopulates { public ReadOnlyCollection<int> Items { get; } = new(new List<int>()); }

            public sealed class Derived : BasePopulates { }

            public sealed class Holder { }

            public static class A
            {
                [Command("a")] public static void Ma(DerivedPopulates d) { }
                [Command("b")] public static void Mb(Derived d) { }
            }
            """, "DerivedPopulates");

        Assert.Contains("'DerivedPopulates.Items' is populated in place (JsonObjectCreationHandling.Populate on 'DerivedPopulates')", Message(diagnostics[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_members_differing_only_in_case_that_bind_one_constructor_parameter()
    {
        var diagnostics = await ReportsAsync("""
            public sealed class CasePair(int count) { public int Count { get; } = count; public int count { get; set; } }

            public class LowerBase { public int count { get; set; } }
            public sealed class FromBase(int count) : LowerBase { public int Count { get; } = count; }

            public sealed class IgnoredPair(int count) { public int Count { get; } = count; [JsonIgnore] public int count { get; set; } }

            public sealed class OtherType(int count) { public int Count { get; } = count; public string? count { get; set; } }
            public sealed class InternalOne(int count) { public int Count { get; } = count; internal int count { get; set; } }
            public sealed class FieldOne(int count) { public int Count { get; } = count; public int count; }
            public sealed class NoConstructor { public int Count { get; set; } public int count { get; set; } }

            public sealed class Holder { [Populate] public CasePair Pair { get; } = new(0); }

            public static class A
            {
                [Command("a")] public static void Ma(CasePair pair) { }
                [Command("b")] public static void Mb(FromBase fromBase) { }
                [Command("c")] public static void Mc(IgnoredPair ignored) { }
                [Command("d")] public static void Md(Holder holder) { }
                [Command("e")] public static void Me(OtherType other, InternalOne internalOne, FieldOne fieldOne, NoConstructor none) { }
            }
            """, "CasePair", "FromBase", "IgnoredPair", "Holder");

        Assert.Equal(
            "Parameter 'pair' of command method 'A.Ma(CasePair)' has type 'CasePair', which the assembly's JSON context cannot read: "
            + "the constructor 'CasePair(int count)' System.Text.Json creates 'CasePair' with has the parameter 'count', which binds to both 'Count' and 'count' "
            + "(members whose names differ only in case), so the context throws InvalidOperationException whenever it reads or writes a 'CasePair'; "
            + "rename one of them, or make one internal (without [JsonInclude])",
            Message(diagnostics[0]));
        Assert.Contains("which binds to both 'Count' and 'count'", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.Contains("which binds to both 'Count' and 'count'", Message(diagnostics[2]), StringComparison.Ordinal);
        // Populated in place or not, the context prepares the type, and fails.
        Assert.Contains(": at 'Holder.Pair', the constructor 'CasePair(int count)'", Message(diagnostics[3]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Populate_on_a_property_whose_type_reads_a_type_discriminator()
    {
        var diagnostics = await ReportsAsync("""
            [JsonDerivedType(typeof(Circle), "circle")]
            public class Shape { public int X { get; set; } }
            public sealed class Circle : Shape { }

            [JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
            [JsonDerivedType(typeof(Dog), 1)]
            public interface IAnimal { int Legs { get; set; } }
            public sealed class Dog : IAnimal { public int Legs { get; set; } }

            [JsonDerivedType(typeof(Square))]
            public class Plain { public int X { get; set; } }
            public sealed class Square : Plain { }

            public sealed class Drawing { [Populate] public Shape Shape { get; } = new(); }
            public sealed class Farm { [Populate] public IAnimal? Animal { get; set; } = new Dog(); }

            [Populate]
            public sealed class TypeLevel { public Shape Shape { get; } = new(); }
            public sealed class NoDiscriminator { [Populate] public Plain Plain { get; } = new(); }
            public sealed class ListOf { [Populate] public List<Shape> Shapes { get; } = new(); }
            public sealed class Holder { }

            public static class A
            {
                [Command("a")] public static void Ma(Drawing drawing) { }
                [Command("b")] public static void Mb(Farm farm) { }
                [Command("c")] public static void Mc(TypeLevel typeLevel, NoDiscriminator plain, ListOf listOf) { }
            }
            """, "Drawing", "Farm");

        Assert.EndsWith(
            "which the assembly's JSON context cannot read: 'Drawing.Shape' is marked [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)], "
            + "but its type 'Shape' is polymorphic (a [JsonDerivedType] with a type discriminator), so the context throws InvalidOperationException whenever it reads or writes a 'Drawing'; "
            + "remove the attribute, or declare the property as a type without a discriminator",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
        Assert.Contains("'Farm.Animal' is marked [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)], but its type 'IAnimal?' is polymorphic", Message(diagnostics[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_populated_in_place_is_never_created_so_its_constructor_binds_nothing_unless_it_may_be_null()
    {
        var diagnostics = await ReportsAsync("""
            public sealed class Unbound(int speed) { public int Other { get; set; } = speed; }

            public sealed class Kept { [Populate] public Unbound Value { get; } = new(0); }
            public sealed class Settable { [Populate] public Unbound Value { get; set; } = new(0); }
            public sealed class MaybeNull { [Populate] public Unbound? Value { get; set; } }
            public sealed class Holder { }

            public static class A
            {
                [Command("a")] public static void Ma(Kept kept, Settable settable) { }
                [Command("b")] public static void Mb(MaybeNull maybeNull) { }
            }
            """, "MaybeNull");

        Assert.Contains(": at 'MaybeNull.Value', the constructor 'Unbound(int speed)'", Message(diagnostics[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readable_shapes_and_result_only_types_are_not_reported()
    {
        await ReportsAsync("""
            public sealed record Move(string From, string To);

            public sealed class Cased { public Cased(int COUNT, string? name) { Count = COUNT; Name = name; } public int Count { get; } public string? Name { get; } }

            public sealed class Marked
            {
                public Marked() { }
                [JsonConstructor] public Marked(int count) => Count = count;
                public int Count { get; }
            }

            public class Base { public int Id { get; protected set; } }
            public sealed class Derived(int id, string note) : Base { [JsonIgnore] public string Note { get; } = note; public int Extra => id; }

            public sealed class Setter(int size) { public int Size { set { } } }

            public sealed class Included(int size) { [JsonInclude] internal int Size { get; } = size; }

            public sealed class Limits { public int Max { get; set; } public required int Min { get; set; } }

            [Populate]
            public sealed class Filled
            {
                public List<int> Items { get; } = new();
                [Populate] public Dictionary<string, int> Map { get; } = new();
                [Populate] public Limits Limits { get; } = new() { Min = 0 };
                public IReadOnlyList<int> ReadOnly { get; } = new List<int>();
                public ReadOnlyCollection<int> Replaced { get; } = new(new List<int>());
                public int Size { get; set; }
            }

            public sealed class Unbound(int speed) { public int Other { get; } = speed; }

            public sealed class Hidden { public int Max { get; private init; } public int Min { get; set; } }

            [Populate]
            public sealed class PrivateInit { public List<int> Items { get; } = new(); public int Size { get; private init; } [Populate] public Hidden Inner { get; } = new(); }

            [Populate]
            public sealed class SetsAll
            {
                [System.Diagnostics.CodeAnalysis.SetsRequiredMembers] public SetsAll() => Size = 1;
                public List<int> Items { get; } = new();
                public required int Size { get; set; }
            }

            public sealed class Holder { }

            public static class A
            {
                [Command("a")] public static void Ma(Move move, Cased cased, Marked marked, Derived derived, Setter setter, Included included, Filled filled, PrivateInit privateInit, SetsAll setsAll) { }
                [Command("b")] public static Unbound Mb() => new(1);
                [Command("c")] public static Task<List<Unbound>> Mc() => Task.FromResult(new List<Unbound>());
            }
            """.Replace("public ReadOnlyCollection<int> Replaced", "[JsonObjectCreationHandling(JsonObjectCreationHandling.Replace)] public ReadOnlyCollection<int> Replaced", StringComparison.Ordinal));
    }

    /// <summary>A parameter list split at its top-level commas (not those of <c>Dictionary&lt;K, V&gt;</c>).</summary>
    private static IEnumerable<string> Parameters(string list)
    {
        var (depth, start) = (0, 0);
        for (var i = 0; i < list.Length; i++)
        {
            depth += list[i] switch { '<' => 1, '>' => -1, _ => 0 };
            if (list[i] == ',' && depth == 0)
            {
                yield return list[start..i].Trim();
                start = i + 1;
            }
        }

        if (list.Trim().Length > 0)
        {
            yield return list[start..].Trim();
        }
    }
}

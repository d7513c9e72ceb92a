using GuestAgent.Generators.Tests.Infrastructure;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// Review s15: shapes the real .NET 10 source-generated context reads without error (checked with
/// a standalone program, reflection off), on which GA0020 must stay silent, and one it misses.
/// </summary>
public sealed class UnreadableTypeReviewTests
{
    // The context lists nothing here: each test adds its types and options in another part of Ctx.
    private static readonly string Common = HandWrittenJsonContext.Source("""
        public class Foo { public Foo(int zzz) { Z = zzz; } public int Z { get; } }
        public class FooConverter : JsonConverter<Foo>
        {
            public override Foo Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => new Foo(r.GetString()!.Length);
            public override void Write(Utf8JsonWriter w, Foo v, JsonSerializerOptions o) => w.WriteStringValue(new string('x', v.Z));
        }

        """);

    [Fact]
    public async Task A_member_with_its_own_converter_is_read_by_the_converter()
    {
        await ReportsAsync(Common + """
            [JsonSerializable(typeof(Holder))]
            public partial class Ctx { }
            public class Holder { [JsonConverter(typeof(FooConverter))] public Foo? Foo { get; set; } }
            public static class A { [Command("m")] public static void M(Holder holder) { } }
            """, "GA0020");
    }

    [Fact]
    public async Task A_type_the_context_options_convert_is_read_by_the_converter()
    {
        await ReportsAsync(Common + """
            [JsonSourceGenerationOptions(Converters = new[] { typeof(FooConverter) })]
            [JsonSerializable(typeof(Holder))]
            public partial class Ctx { }
            public class Holder { public Foo? Foo { get; set; } }
            public static class A { [Command("m")] public static void M(Holder holder) { } }
            """, "GA0020");
    }

    [Fact]
    public async Task A_converter_in_the_options_reads_the_type_it_names_and_nothing_else()
    {
        // The real context reads Foo through the converter, and fails on Bar as it would without it
        // (OptionConverterExecutionTests).
        var diagnostics = await ReportsAsync(Common + """
            [JsonSourceGenerationOptions(Converters = new[] { typeof(FooConverter) })]
            [JsonSerializable(typeof(Holder))]
            public partial class Ctx { }
            public class Bar { public Bar(int qqq) { Z = qqq; } public int Z { get; } }
            public class Holder { public Foo? Foo { get; set; } public List<Bar>? Bars { get; set; } }
            public static class A { [Command("m")] public static void M(Holder holder) { } }
            """, "GA0020", "Holder");
        Assert.Contains("at 'Holder.Bars', the constructor 'Bar(int qqq)'", Message(diagnostics[0]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""
        public class AnyFactory : JsonConverterFactory
        {
            public override bool CanConvert(Type t) => true;
            public override JsonConverter? CreateConverter(Type t, JsonSerializerOptions o) => null;
        }
        """)]
    [InlineData("""
        public class AnyFactory : JsonConverter<int>
        {
            public override bool CanConvert(Type t) => true;
            public override int Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => 0;
            public override void Write(Utf8JsonWriter w, int v, JsonSerializerOptions o) => w.WriteNumberValue(v);
        }
        """)]
    public async Task A_converter_in_the_options_that_may_read_types_it_does_not_name_silences_it(string converter)
    {
        // Which types it claims is only known when it runs: a false error would break a build that works.
        await ReportsAsync(Common + converter + """

            [JsonSourceGenerationOptions(Converters = new[] { typeof(AnyFactory) })]
            [JsonSerializable(typeof(Holder))]
            public partial class Ctx { }
            public class Holder { public Foo? Foo { get; set; } }
            public static class A { [Command("m")] public static void M(Holder holder) { } }
            """, "GA0020");
    }

    [Fact]
    public async Task Tuple_element_names_do_not_stop_a_parameter_binding()
    {
        await ReportsAsync(Common + """
            [JsonSerializable(typeof(Pair))]
            public partial class Ctx { }
            public class Pair { public Pair((int x, int y) p) { P = p; } public (int a, int b) P { get; } }
            public static class A { [Command("m")] public static void M(Pair pair) { } }
            """, "GA0020");
    }

    [Fact]
    public async Task A_derived_property_hiding_the_base_one_with_another_type_does_not_bind()
    {
        await ReportsAsync(Common + """
            [JsonSerializable(typeof(Hidden))]
            public partial class Ctx { }
            public class HBase { public string A { get; set; } = ""; }
            public class Hidden : HBase { public Hidden(string a) { A = 1; } public new int A { get; set; } }
            public static class A { [Command("m")] public static void M(Hidden hidden) { } }
            """, "GA0020", "Hidden");
    }

    [Theory]
    [InlineData("LevelConverter")]
    [InlineData("NameConverter")]
    public async Task A_converter_of_an_enum_or_a_primitive_in_the_options_reads_no_object_type(string converter)
    {
        // JsonConverter<T>.CanConvert is typeToConvert == typeof(T): such a converter never reads a Foo.
        await ReportsAsync(Common + """
            public enum Level { Low, High }
            public class LevelConverter : JsonConverter<Level>
            {
                public override Level Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => (Level)r.GetInt32();
                public override void Write(Utf8JsonWriter w, Level v, JsonSerializerOptions o) => w.WriteNumberValue((int)v);
            }
            public class NameConverter : JsonConverter<string>
            {
                public override string Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => r.GetString()!;
                public override void Write(Utf8JsonWriter w, string v, JsonSerializerOptions o) => w.WriteStringValue(v);
            }
            [JsonSourceGenerationOptions(Converters = new[] { typeof(CONVERTER) })]
            [JsonSerializable(typeof(Holder))]
            public partial class Ctx { }
            public class Holder { public Foo? Foo { get; set; } }
            public static class A { [Command("m")] public static void M(Holder holder) { } }
            """.Replace("CONVERTER", converter, StringComparison.Ordinal), "GA0020", "Holder");
    }

    [Fact]
    public async Task A_type_with_a_converter_of_its_own_is_read_by_the_converter()
    {
        // The source-generated context honours a type's [JsonConverter]: its constructor is never called.
        await ReportsAsync(Common + """
            [JsonConverter(typeof(BarConverter))]
            public class Bar { public Bar(int zzz) { Z = zzz; } public int Z { get; } }
            public class BarConverter : JsonConverter<Bar>
            {
                public override Bar Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => new Bar(r.GetInt32());
                public override void Write(Utf8JsonWriter w, Bar v, JsonSerializerOptions o) => w.WriteNumberValue(v.Z);
            }
            [JsonSerializable(typeof(Holder))]
            [JsonSerializable(typeof(Bar))]
            public partial class Ctx { }
            public class Holder { public Bar? Bar { get; set; } }
            public static class A { [Command("m")] public static void M(Holder holder, Bar bar) { } }
            """, "GA0020");
    }

    [Fact]
    public async Task A_converter_is_known_by_System_Text_Json_s_JsonConverter_of_T_not_by_a_class_of_that_name_on_the_way()
    {
        // FooProxy derives from Mine.JsonConverter<int>, itself a real JsonConverter<Foo>: by name the
        // walk stopped at the first JsonConverter<int> and took it for a converter of an int only.
        const string Source = """
            using System;
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using GuestAgent.Commands;

            [assembly: CommandJsonContext(typeof(Sample.Ctx))]

            namespace Mine
            {
                public abstract class JsonConverter<T> : System.Text.Json.Serialization.JsonConverter<Sample.Foo>
                {
                    public override Sample.Foo Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => new(r.GetString()!.Length);
                    public override void Write(Utf8JsonWriter w, Sample.Foo v, JsonSerializerOptions o) => w.WriteStringValue(new string('x', v.Z));
                }
            }

            namespace Sample
            {
                public class Foo { public Foo(int zzz) { Z = zzz; } public int Z { get; } }
                public sealed class FooProxy : Mine.JsonConverter<int> { }
                public class Holder { public Foo? Foo { get; set; } }

                [JsonSourceGenerationOptions(Converters = new[] { typeof(FooProxy) })]
                [JsonSerializable(typeof(Holder))]
                public partial class Ctx : JsonSerializerContext;

                public static class A { [Command("m")] public static int M(Holder holder) => holder.Foo?.Z ?? -1; }
            }
            """;

        // The real context reads Foo through the converter...
        using (var commands = Infrastructure.LoadedCommands.Compile(Source))
        {
            Assert.Equal("""{"returncode":"0","message":"3"}""", await commands.SendAsync("""{"name":"m","value":{"holder":{"Foo":"xxx"}}}"""));
        }

        // ...so nothing is reported (Foo's 'zzz' binds nothing, which only matters without the converter).
        var (output, _) = Infrastructure.TestCompiler.Generate(Infrastructure.TestCompiler.Compile(Source), withJson: true);
        Assert.Empty(await Infrastructure.TestCompiler.AnalyzeAsync(output));
    }
}

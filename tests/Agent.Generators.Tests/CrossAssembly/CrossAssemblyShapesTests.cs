using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;
using GuestAgent.Generators.Tests.Torture;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.CrossAssembly;

/// <summary>
/// Sessions 27 and 28's binding shapes across assemblies: two command libraries, each with its own
/// JSON context and options, and an application whose context lists a library's type, all served by
/// the application's aggregate. Populated members (a list and a dictionary kept and added to), a
/// required member set by a <c>[SetsRequiredMembers]</c> constructor, a converter, a
/// <c>[DateTimeConstant]</c> default, a <c>[return: MaybeNull]</c> result, a constructor service with
/// annotations inside, and one simple type name in two libraries. Each library is built as a project
/// is (every warning an error) and referenced as metadata.
/// </summary>
public sealed class CrossAssemblyShapesTests(CrossAssemblyShapesTests.Libraries libraries) : IClassFixture<CrossAssemblyShapesTests.Libraries>
{
    private const string Stock = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics.CodeAnalysis;
        using System.Globalization;
        using System.Runtime.CompilerServices;
        using System.Runtime.InteropServices;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Team.Stock.StockJson))]

        namespace Team.Stock;

        public sealed class Shelf
        {
            [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
            public List<string> Items { get; } = ["base"];

            public int Count { get; set; }
        }

        public sealed class Label
        {
            [JsonConstructor, SetsRequiredMembers]
            public Label(string text) => Text = text;

            public required string Text { get; init; }
        }

        [JsonConverter(typeof(CelsiusConverter))]
        public readonly record struct Celsius(double Degrees);

        public sealed class CelsiusConverter : JsonConverter<Celsius>
        {
            public override Celsius Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetDouble());

            public override void Write(Utf8JsonWriter writer, Celsius value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Degrees);
        }

        [JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
        [JsonSerializable(typeof(Shelf))]
        [JsonSerializable(typeof(Label))]
        [JsonSerializable(typeof(Celsius))]
        internal partial class StockJson : JsonSerializerContext;

        public static class StockCommands
        {
            [Command("stock.shelf")] public static string Fill(Shelf shelf) => string.Join(",", shelf.Items) + "/" + shelf.Count;
            [Command("stock.label")] public static Label Relabel(Label label) => new(label.Text + "!");
            [Command("stock.warm")] public static Celsius Warm(Celsius t) => new(t.Degrees + 1);
            [Command("stock.since")] public static string Since([Optional, DateTimeConstant(630822816000000000L)] DateTime at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            [Command("stock.find")] [return: MaybeNull] public static Label Find(string? text = null) => text is null ? null! : new(text);
        }
        """;

    private const string Billing = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Team.Billing.BillingJson))]

        namespace Team.Billing;

        // Named as Team.Stock's: each library's registry binds it through its own context.
        public sealed class Label
        {
            public string Code { get; set; } = "";

            [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
            public Dictionary<string, int> Lines { get; } = new() { ["base"] = 1 };
        }

        [JsonSerializable(typeof(Label))]
        internal partial class BillingJson : JsonSerializerContext;

        public sealed class BillingCommands(Func<string?, int> measure)
        {
            [Command("billing.label")]
            public string Describe(Label label) => label.Code + ":" + string.Join(",", label.Lines.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + ":" + measure(label.Code);

            [Command("billing.echo")] public Label Echo(Label label) => label;
        }
        """;

    private const string App = """
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Team.App.AppJson))]

        namespace Team.App;

        // The application's own context lists a library's type, with its own (default) options.
        [JsonSerializable(typeof(Team.Stock.Shelf))]
        internal partial class AppJson : JsonSerializerContext;

        public static class AppCommands
        {
            [Command("app.count")] public static int Count(Team.Stock.Shelf shelf) => shelf.Items.Count;
        }
        """;

    [Theory]
    [InlineData("""{"name":"stock.shelf","value":{"shelf":{"items":["x"],"count":2}}}""", """{"returncode":"0","message":"base,x/2"}""")]
    [InlineData("""{"name":"stock.label","value":{"label":{"text":"a"}}}""", """{"returncode":"0","message":"{'text':'a!'}"}""")]
    [InlineData("""{"name":"stock.warm","value":{"t":20.5}}""", """{"returncode":"0","message":"21.5"}""")]
    [InlineData("""{"name":"stock.since"}""", """{"returncode":"0","message":"2000-01-01"}""")]
    [InlineData("""{"name":"stock.since","value":{"at":"2024-05-06T07:08:09"}}""", """{"returncode":"0","message":"2024-05-06"}""")]
    [InlineData("""{"name":"stock.find"}""", """{"returncode":"0","message":"null"}""")]
    [InlineData("""{"name":"stock.find","value":"q"}""", """{"returncode":"0","message":"{'text':'q'}"}""")]
    [InlineData("""{"name":"billing.label","value":{"label":{"Code":"ab","Lines":{"x":2}}}}""", """{"returncode":"0","message":"ab:base=1,x=2:2"}""")]
    [InlineData("""{"name":"billing.echo","value":{"label":{"Code":"c"}}}""", """{"returncode":"0","message":"{'Code':'c','Lines':{'base':1}}"}""")]
    [InlineData("""{"name":"app.count","value":{"shelf":{"Items":["y","z"]}}}""", """{"returncode":"0","message":"3"}""")]
    public async Task The_aggregate_serves_each_library_s_shapes_through_that_library_s_context(string request, string expected)
    {
        Assert.Equal(expected, await libraries.Commands.SendAsync(request, Services));
    }

    [Theory]
    // Team.Stock's options (camelCase, unknown and missing members refused) hold in its registry only.
    [InlineData("""{"name":"stock.shelf","value":{"shelf":{"items":["x"],"nope":1}}}""", """{"returncode":"500","message":"Property 'shelf' of command 'stock.shelf' must be a JSON value of type 'Shelf' (at $.nope)"}""")]
    [InlineData("""{"name":"stock.label","value":{"label":{}}}""", """{"returncode":"500","message":"Property 'label' of command 'stock.label' must be a JSON value of type 'Label'"}""")]
    [InlineData("""{"name":"app.count","value":{"shelf":{"Items":["y"],"nope":1}}}""", """{"returncode":"0","message":"2"}""")]
    public async Task Each_library_s_options_apply_to_its_own_commands_only(string request, string expected)
    {
        Assert.Equal(expected, await libraries.Commands.SendAsync(request, Services));
    }

    [Fact]
    public void The_aggregate_describes_each_library_s_defaults_and_services()
    {
        var registry = libraries.Commands.CreateRegistry(Services);

        Assert.Equal(
            ["app.count", "billing.echo", "billing.label", "stock.find", "stock.label", "stock.shelf", "stock.since", "stock.warm"],
            registry.Commands.Select(c => c.Name));
        var since = Assert.Single(registry.Commands.Single(c => c.Name == "stock.since").Parameters);
        Assert.Equal("\"2000-01-01T00:00:00\"", since.DefaultValue);
        Assert.Contains("\"null\"", registry.Commands.Single(c => c.Name == "stock.find").ResultSchema, StringComparison.Ordinal);
        Assert.Equal(
            ["billing.echo: System.Func<string, int>", "billing.label: System.Func<string, int>"],
            registry.GetRequiredServices().Select(s => $"{s.CommandName}: {s.Service}"));
        Assert.Empty(registry.FindMissingServices(Services));
    }

    private static IServiceProvider Services { get; } = new FuncProvider();

    /// <summary>The two libraries and the application, built and loaded once for the class's tests.</summary>
    public sealed class Libraries() : CompiledCommandsFixture(Load());

    private static LoadedCommands Load()
    {
        var stock = TortureCompiler.Build(TortureCompiler.Compile([Stock], assemblyName: "Team.Stock"));
        var billing = TortureCompiler.Build(TortureCompiler.Compile([Billing], assemblyName: "Team.Billing"));
        var app = TortureCompiler.Build(TortureCompiler.Compile([App], assemblyName: "Team.App")
            .AddReferences(MetadataReference.CreateFromImage(stock), MetadataReference.CreateFromImage(billing)));
        return LoadedCommands.Load(app, stock, billing);
    }

    /// <summary>Answers the one service the billing commands take: a measure of a code's length.</summary>
    private sealed class FuncProvider : IServiceProvider
    {
        private static readonly Func<string?, int> Measure = code => code?.Length ?? -1;

        public object? GetService(Type serviceType) => serviceType == typeof(Func<string?, int>) ? Measure : null;
    }
}

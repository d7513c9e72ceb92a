using System.Text.Json;
using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A result schema lists what the real source-generated context writes and a request schema what
/// it reads, accessor by accessor: a public property with a private setter is written but not
/// read, one with a private getter read but not written, a getter-only one read only when the
/// deserialization constructor binds it, a read-only field written but not read. A constructor
/// parameter binds a property the context gets or sets; one that binds neither makes the context
/// refuse to read the type at all.
/// </summary>
public sealed class AccessorContractExecutionTests(AccessorContractExecutionTests.Compiled compiled) : IClassFixture<AccessorContractExecutionTests.Compiled>
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Account
        {
            public string Plain { get; set; } = "w";
            public string PublicGetPrivateSet { get; private set; } = "w";
            public string PrivateGetPublicSet { private get; set; } = "w";
            public string InitOnly { get; init; } = "w";
            public string GetterOnly { get; } = "w";
            public string InternalGetPublicSet { internal get; set; } = "w";
            public string InternalSetNoInclude { get; internal set; } = "w";
            [JsonInclude] public string IncludedInternalGet { internal get; set; } = "w";
            [JsonInclude] public string IncludedInternalSet { get; internal set; } = "w";
            [JsonInclude] internal string IncludedInternal { get; set; } = "w";

            /// <summary>The members a request set: those now "r".</summary>
            public string Changed()
            {
                var values = new Dictionary<string, string>
                {
                    [nameof(Plain)] = Plain, [nameof(PublicGetPrivateSet)] = PublicGetPrivateSet,
                    [nameof(PrivateGetPublicSet)] = PrivateGetPublicSet, [nameof(InitOnly)] = InitOnly,
                    [nameof(GetterOnly)] = GetterOnly, [nameof(InternalGetPublicSet)] = InternalGetPublicSet,
                    [nameof(InternalSetNoInclude)] = InternalSetNoInclude, [nameof(IncludedInternalGet)] = IncludedInternalGet,
                    [nameof(IncludedInternalSet)] = IncludedInternalSet, [nameof(IncludedInternal)] = IncludedInternal,
                };
                var changed = new List<string>();
                foreach (var pair in values)
                {
                    if (pair.Value == "r")
                    {
                        changed.Add(pair.Key);
                    }
                }

                changed.Sort(StringComparer.Ordinal);
                return string.Join(",", changed);
            }
        }

        public sealed class Bound
        {
            public Bound(string fromConstructor) => FromConstructor = fromConstructor;

            public string FromConstructor { get; private set; }
            public string NotBound { get; } = "w";

            public string Changed() => (FromConstructor == "r" ? "FromConstructor" : "") + (NotBound == "r" ? ",NotBound" : "");
        }

        public sealed class BoundBySetter
        {
            private string _name;

            public BoundBySetter(string name) => _name = name;

            public string Name { private get => _name; set => _name = value; }

            public string Show() => _name;
        }

        public sealed class Unbound
        {
            private readonly string _name;

            public Unbound(string name) => _name = name;

            internal string Name => _name;
        }

        [JsonSerializable(typeof(Account))]
        [JsonSerializable(typeof(Bound))]
        [JsonSerializable(typeof(BoundBySetter))]
        [JsonSerializable(typeof(Unbound))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("account")] public static Account Make() => new();
            [Command("take")] public static string Take(Account account) => account.Changed();
            [Command("bound")] public static Bound MakeBound() => new("w");
            [Command("bind")] public static string Bind(Bound bound) => bound.Changed();
            [Command("set-bound")] public static BoundBySetter MakeSetBound() => new("w");
            [Command("bind-set")] public static string BindSet(BoundBySetter bound) => bound.Show();
            [Command("unbound")] public static Unbound MakeUnbound() => new("w");
            [Command("take-unbound")] public static string TakeUnbound(Unbound unbound) => "read";
        }
        """;

    private static readonly string[] AccountMembers =
    [
        "Plain", "PublicGetPrivateSet", "PrivateGetPublicSet", "InitOnly", "GetterOnly", "InternalGetPublicSet",
        "InternalSetNoInclude", "IncludedInternalGet", "IncludedInternalSet", "IncludedInternal",
    ];

    private readonly LoadedCommands _commands = compiled.Commands;

    [Fact]
    public async Task The_result_schema_lists_the_members_with_a_getter_the_context_calls()
    {
        var (schema, written) = await WrittenAsync("account");
        Assert.Equal(
            ["GetterOnly", "IncludedInternal", "IncludedInternalGet", "IncludedInternalSet", "InitOnly", "InternalSetNoInclude", "Plain", "PublicGetPrivateSet"],
            Names(written));
        Assert.Equal(Names(written), Names(schema));
    }

    [Fact]
    public async Task The_request_schema_lists_the_members_with_a_setter_the_context_calls()
    {
        // Every member is sent as "r"; the command answers which ones the context set.
        var request = JsonSerializer.Serialize(new { name = "take", value = new { account = AccountMembers.ToDictionary(m => m, _ => "r") } });
        var set = Message(await _commands.SendAsync(request)).Split(',');
        Assert.Equal(
            ["IncludedInternal", "IncludedInternalGet", "IncludedInternalSet", "InitOnly", "InternalGetPublicSet", "Plain", "PrivateGetPublicSet"],
            set);
        Assert.Equal(set, Names(RequestProperties("take", "account")));
    }

    [Fact]
    public async Task A_member_bound_by_the_constructor_is_read_without_a_setter()
    {
        var changed = Message(await _commands.SendAsync("""{"name":"bind","value":{"bound":{"FromConstructor":"r","NotBound":"r"}}}"""));
        Assert.Equal("FromConstructor", changed);
        Assert.Equal(["FromConstructor"], Names(RequestProperties("bind", "bound")));
        var (schema, written) = await WrittenAsync("bound");
        Assert.Equal(["FromConstructor", "NotBound"], Names(written));
        Assert.Equal(Names(written), Names(schema));
    }

    [Fact]
    public async Task A_constructor_parameter_binds_a_property_the_context_sets_but_never_gets()
    {
        // The getter is private: the member is read (through the constructor) but never written.
        Assert.Equal("r", Message(await _commands.SendAsync("""{"name":"bind-set","value":{"bound":{"Name":"r"}}}""")));
        Assert.Equal(["Name"], Names(RequestProperties("bind-set", "bound")));
        var (schema, written) = await WrittenAsync("set-bound");
        Assert.Empty(Names(written));
        Assert.Empty(Names(schema));
    }

    [Fact]
    public async Task A_constructor_parameter_whose_property_the_context_neither_gets_nor_sets_makes_the_type_unreadable()
    {
        // The context writes the type (as {}) but refuses to read it at all: the parameter binds
        // no member it knows. So no request carrying it works; the schema lists no member of it.
        Assert.Equal(
            """{"returncode":"500","message":"Command 'take-unbound' failed with an internal error"}""",
            await _commands.SendAsync("""{"name":"take-unbound","value":{"unbound":{"Name":"r"}}}"""));
        Assert.Empty(Names(RequestProperties("take-unbound", "unbound")));
        var (schema, written) = await WrittenAsync("unbound");
        Assert.Empty(Names(written));
        Assert.Empty(Names(schema));
    }

    private JsonElement RequestProperties(string command, string parameter) =>
        JsonDocument.Parse(_commands.CreateRegistry().Commands.Single(c => c.Name == command).RequestSchema).RootElement
            .GetProperty("properties").GetProperty(parameter).GetProperty("properties");

    /// <summary>The result schema's properties and the object the real context writes for <paramref name="command"/>.</summary>
    private async Task<(JsonElement Schema, JsonElement Written)> WrittenAsync(string command)
    {
        var registry = _commands.CreateRegistry();
        var schema = JsonDocument.Parse(registry.Commands.Single(c => c.Name == command).ResultSchema).RootElement.GetProperty("properties");
        var invocation = new CommandInvocation("1", new ExchangeSession(), EmptyServiceProvider.Instance, TestContext.Current.CancellationToken);
        Assert.True(registry.TryDispatch(System.Text.Encoding.UTF8.GetBytes(command), default, invocation, out var running));
        return (schema, JsonDocument.Parse((await running).Message).RootElement);
    }

    private static string Message(string response)
    {
        using var document = JsonDocument.Parse(response);
        Assert.Equal("0", document.RootElement.GetProperty("returncode").GetString());
        return document.RootElement.GetProperty("message").GetString()!;
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source));
}

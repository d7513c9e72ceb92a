using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.Generation;

/// <summary>The generated sources for a representative set of commands, against approved files.</summary>
public sealed class CommandSnapshotTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using GuestAgent.Commands;

        """;

    [Fact]
    public void Static_commands_with_every_binding_mode() => Verify("""
        namespace Sample;

        public enum Level { Low, High }

        public static class Commands
        {
            /// <summary>Reports the agent version.</summary>
            [Command("version")]
            public static string Version() => "1.0";

            /// <summary>Sets the root password from the <paramref name="value"/>.</summary>
            /// <param name="value">The new password, in plain text.</param>
            [Command("password")]
            public static CommandResult Password(string value) => CommandResult.Ok();

            /// <summary>Starts a key exchange.</summary>
            [Command("keyinit")]
            public static CommandResult KeyInit(JsonElement value) => new("D0", "key");

            /// <summary>Reads part of a file.</summary>
            /// <param name="path">The absolute path of the file.</param>
            /// <param name="count">How many bytes, at most (&lt;= 65536).</param>
            /// <param name="cancellationToken">Not bound: no description.</param>
            [Command("file.read")]
            public static string Read(string path, long offset = 0, int count = 65536, Level level = Level.High, Guid? id = null, bool? force = null, CancellationToken cancellationToken = default) => path;
        }
        """);

    [Fact]
    public void Instance_commands_with_services_and_async_results() => Verify("""
        namespace Sample;

        public interface IClock { DateTimeOffset Now { get; } }

        public sealed class TimeCommands(IClock clock, IServiceProvider services, Microsoft.Extensions.Logging.ILogger<TimeCommands> log, string? zone = null)
        {
            [Command("time.now")]
            public ValueTask<DateTimeOffset> Now() => new(clock.Now);

            [Command("time.wait")]
            public async Task Wait(int milliseconds, CommandContext context, CancellationToken cancellationToken) => await Task.Delay(milliseconds, cancellationToken);

            [Command("time.zone")]
            public Task<string> Zone() => Task.FromResult(zone ?? "UTC");

            [Command("time.check")]
            public async ValueTask<CommandResult> Check() { await Task.Yield(); log.Log(Microsoft.Extensions.Logging.LogLevel.Debug, "checked"); return CommandResult.Ok(); }
        }
        """);

    /// <summary>
    /// <c>[FromKeyedServices(key)]</c> parameters: asked of an <c>IKeyedServiceProvider</c>, listed with
    /// their keys; a <c>null</c> key is the unkeyed service.
    /// </summary>
    [Fact]
    public void Instance_commands_with_keyed_services() =>
        Snapshot.Verify(
            TestCompiler.Generate(TestCompiler.CompileAssembly("Tests.Commands", [Execution.KeyedServiceExecutionTests.DependencyInjection], Usings + """
                using Microsoft.Extensions.DependencyInjection;

                namespace Sample;

                public enum Tier { Bronze, Gold }

                public interface ICache { string Name { get; } }

                public sealed class CacheCommands(
                    [FromKeyedServices("fast")] ICache fast,
                    [FromKeyedServices(Tier.Gold)] ICache? gold,
                    [FromKeyedServices(typeof(Tier))] ICache typed,
                    [FromKeyedServices(null)] ICache plain,
                    [FromKeyedServices("slow")] ICache? slow = null)
                {
                    [Command("cache.name")]
                    public string Name() => fast.Name + gold?.Name + typed.Name + plain.Name + slow?.Name;
                }
                """)).Result,
            nameof(CommandSnapshotTests));

    [Fact]
    public void Complex_types_through_the_json_context() => Verify("""
        [assembly: CommandJsonContext(typeof(Sample.FileJson))]

        namespace Sample;

        public sealed record Chunk(string Path, long Offset, IReadOnlyList<byte> Data, [property: JsonPropertyName("eof")] bool End);

        public sealed class WriteRequest
        {
            public required string Path { get; init; }
            public Dictionary<string, string>? Attributes { get; init; }
        }

        [JsonSerializable(typeof(Chunk))]
        [JsonSerializable(typeof(WriteRequest))]
        [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
        public partial class FileJson : JsonSerializerContext;

        public static class FileCommands
        {
            [Command("file.chunk")]
            public static Task<Chunk> ReadChunk(string path) => Task.FromResult(new Chunk(path, 0, [], true));

            [Command("file.write")]
            public static void Write(WriteRequest request, bool overwrite = false) { }
        }
        """);

    [Fact]
    public void Repeated_names_refused_where_the_json_context_refuses_them() => Verify("""
        [assembly: CommandJsonContext(typeof(Sample.StrictJson))]

        namespace Sample;

        [JsonSerializable(typeof(int))]
        [JsonSourceGenerationOptions(AllowDuplicateProperties = false)]
        public partial class StrictJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("user.rename")]
            public static void Rename(string name, int uid, string? note = null) { }
        }
        """);

    [Fact]
    public void Invalid_commands_get_no_code() => Verify("""
        namespace Sample;

        public static class Mixed
        {
            [Command("good")] public static void Good() { }
            [Command("bad name")] public static void BadName() { }
            [Command("twice")] public static void Once() { }
            [Command("twice")] public static void Again() { }
            [Command("hidden")] private static void Hidden() { }
        }
        """);

    [Fact]
    public void Many_names_of_one_length_switch_on_a_byte() => Verify("""
        namespace Sample;

        public static class Services
        {
            [Command("disk.get")] public static void DiskGet() { }
            [Command("disk.set")] public static void DiskSet() { }
            [Command("net.list")] public static void NetList() { }
            [Command("user.add")] public static void UserAdd() { }
            [Command("user.del")] public static void UserDel() { }
            [Command("time.now")] public static void TimeNow() { }
            [Command("ping")] public static void Ping() { }
        }
        """);

    [Fact]
    public void Raw_string_with_a_default() => Verify("""
        namespace Sample;

        public static class Commands
        {
            [Command("greet")]
            public static string Greet(string who = "world") => "hi " + who;
        }
        """);

    [Fact]
    public void Stated_request_schemas_for_values_taken_whole() => Verify(""""
        namespace Sample;

        public static class Commands
        {
            /// <summary>Starts a key exchange.</summary>
            /// <param name="value">The host's public key.</param>
            [Command("keyinit", RequestSchema = """
                {
                  "anyOf": [
                    { "type": "string", "pattern": "^[0-9]+$" },
                    { "type": "integer", "minimum": 2 }
                  ]
                }
                """)]
            public static CommandResult KeyInit(JsonElement value) => new("D0", "key");

            [Command("echo", RequestSchema = "{\"type\":\"string\",\"contentEncoding\":\"base64\",\"description\":\"Caf\u00e9 \\u2028\"}")]
            public static string Echo(string value = "") => value;
        }
        """");

    [Fact]
    public void Aggregate_over_referenced_command_assemblies()
    {
        var library = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Library", null, Usings + """
            namespace Team.Library;
            public static class LibraryCommands
            {
                [Command("lib.one")] public static void One() { }
                [Command("lib.two")] public static void Two() { }
            }
            """));
        var app = TestCompiler.CompileAssembly("Team.App", [MetadataReference.CreateFromImage(library)], Usings + """
            namespace Team.App;
            public static class AppCommands
            {
                [Command("app")] public static void App() { }
            }
            """);

        Snapshot.Verify(TestCompiler.Generate(app).Result, nameof(CommandSnapshotTests));
    }

    [Fact]
    public void Aggregate_where_the_application_replaces_a_library_command()
    {
        var library = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Library", null, Usings + """
            namespace Team.Library;
            public static class LibraryCommands
            {
                [Command("lib.one")] public static void One() { }
                [Command("version")] public static string Version() => "1.0";
            }
            """));
        var app = TestCompiler.CompileAssembly("Team.App", [MetadataReference.CreateFromImage(library)], Usings + """
            namespace Team.App;
            public static class AppCommands
            {
            #pragma warning disable GA0011
                [Command("version")] public static string Version() => "2.0";
            #pragma warning restore GA0011
            }
            """);

        Snapshot.Verify(TestCompiler.Generate(app).Result, nameof(CommandSnapshotTests));
    }

    private static void Verify(string source, [System.Runtime.CompilerServices.CallerMemberName] string testMethod = "") =>
        Snapshot.Verify(TestCompiler.Generate(TestCompiler.Compile(Usings + source)).Result, nameof(CommandSnapshotTests), testMethod);
}

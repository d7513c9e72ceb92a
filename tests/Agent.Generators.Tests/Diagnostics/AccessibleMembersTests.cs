using GuestAgent.Generators.Tests.Infrastructure;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// Members the generated registry can reach although they are not public: it is code of the same
/// assembly, so anything internal to it, <c>protected internal</c> included, is a command (no
/// GA0003, no GA0010) that compiles and runs.
/// </summary>
public sealed class AccessibleMembersTests
{
    private const string Source = """
        using GuestAgent.Commands;

        public class Tools
        {
            [Command("static")] protected internal static string Static() => "static";
        }

        public class Instance
        {
            protected internal Instance() { }

            [Command("instance")] public string Run() => "instance";
        }
        """;

    [Fact]
    public async Task A_protected_internal_method_or_constructor_gets_no_diagnostic() =>
        await ReportsAsync(Source, "none");

    [Fact]
    public async Task A_protected_internal_method_or_constructor_is_called()
    {
        using var commands = LoadedCommands.Compile(Source);

        Assert.Equal("""{"returncode":"0","message":"static"}""", await commands.SendAsync("""{"name":"static"}"""));
        Assert.Equal("""{"returncode":"0","message":"instance"}""", await commands.SendAsync("""{"name":"instance"}"""));
    }
}

using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A date string escaping an unpaired UTF-16 surrogate is a wrong-type value, as it is for a GUID:
/// <c>TryGetDateTime</c> and <c>TryGetDateTimeOffset</c> unescape a string long enough to be a date
/// and throw on the surrogate, which used to escape the binder as an internal error (found by
/// <c>BinderDifferentialTests</c>; a short one such as <c>"\ud800"</c> was refused before unescaping).
/// </summary>
public sealed class EscapedSurrogateDateExecutionTests(EscapedSurrogateDateExecutionTests.Compiled compiled) : IClassFixture<EscapedSurrogateDateExecutionTests.Compiled>
{
    private const string Source = """
        using System;
        using GuestAgent.Commands;

        namespace Sample;

        public static class Commands
        {
            [Command("at")] public static string At(DateTime when) => when.ToString("O");

            [Command("maybe")] public static string Maybe(DateTime? when = null) => when?.ToString("O") ?? "none";

            [Command("offset")] public static string Offset(DateTimeOffset when) => when.ToString("O");

            [Command("both")] public static string Both(DateTimeOffset? when, int n) => (when?.ToString("O") ?? "none") + " " + n;
        }
        """;

    private const string DateError = "must be an ISO 8601 date and time string";

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("""{"name":"at","value":{"when":"2024-02-29T12:00:00\ud800"}}""", "at")]
    [InlineData("""{"name":"at","value":{"when":"\udc00\u0032024-02-29T12:00:00"}}""", "at")]
    [InlineData("""{"name":"maybe","value":{"when":"2024-02-29T12:00:00\ud83d"}}""", "maybe")]
    [InlineData("""{"name":"offset","value":{"when":"2024-02-29T12:00:00+01:00\udfff"}}""", "offset")]
    [InlineData("""{"name":"both","value":{"when":"\ud800\ud800\ud800","n":1}}""", "both")]
    public async Task Refuses_a_date_escaping_an_unpaired_surrogate_as_the_wrong_type(string request, string command) =>
        Assert.Equal(
            $$"""{"returncode":"500","message":"Property 'when' of command '{{command}}' {{DateError}}"}""",
            await _commands.SendAsync(request));

    [Theory]
    [InlineData("""{"name":"at","value":{"when":"2024-02-29T12:00:0\u0030"}}""", "2024-02-29T12:00:00.0000000")]
    [InlineData("""{"name":"both","value":{"when":"2024-02-29T12:00:00\u002B01:00","n":2}}""", "2024-02-29T12:00:00.0000000+01:00 2")]
    public async Task Still_reads_a_date_with_other_escapes(string request, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await _commands.SendAsync(request));

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source));
}

using System.Text.Json;

namespace GuestAgent.Generators.Tests.Infrastructure;

/// <summary>
/// A compiled command's JSON contract checked against what its real context does: the schemas its descriptor gives,
/// what it writes matched against the result schema, and a request read exactly when the request schema admits it.
/// </summary>
internal static class CommandContracts
{
    /// <summary>The request schema (<paramref name="request"/>) or result schema of <paramref name="command"/>.</summary>
    public static JsonElement Schema(LoadedCommands commands, string command, bool request)
    {
        var descriptor = commands.CreateRegistry().Commands.Single(c => c.Name == command);
        using var schema = JsonDocument.Parse(request ? descriptor.RequestSchema : descriptor.ResultSchema);
        return schema.RootElement.Clone();
    }

    /// <summary>
    /// The schema of <paramref name="member"/> of a type: in the result schema of <paramref name="writer"/>, which returns the
    /// type, or (<paramref name="request"/>) in the request schema of <paramref name="reader"/>'s one parameter, <c>value</c>, of the type.
    /// </summary>
    public static JsonElement MemberSchema(LoadedCommands commands, string writer, string reader, bool request, string member)
    {
        var type = request
            ? Schema(commands, reader, request: true).GetProperty("properties").GetProperty("value")
            : Schema(commands, writer, request: false);
        return type.GetProperty("properties").GetProperty(member);
    }

    /// <summary>The value <paramref name="command"/> answers a request without a value with, which must succeed.</summary>
    public static async Task<JsonElement> Written(LoadedCommands commands, string command)
    {
        using var answer = JsonDocument.Parse(await commands.SendAsync($$"""{"name":"{{command}}"}"""));
        Assert.Equal("0", answer.RootElement.GetProperty("returncode").GetString());

        // The response writer spells the message's JSON with single quotes (no escapes, for Nova); the tests' values hold none.
        using var message = JsonDocument.Parse(answer.RootElement.GetProperty("message").GetString()!.Replace('\'', '"'));
        return message.RootElement.Clone();
    }

    /// <summary>Asserts that <paramref name="command"/> writes <paramref name="written"/> (single quotes for double) and that it matches the result schema.</summary>
    public static async Task AssertWrittenMatches(LoadedCommands commands, string command, string written)
    {
        Assert.Equal($$"""{"returncode":"0","message":"{{written}}"}""", await commands.SendAsync($$"""{"name":"{{command}}"}"""));
        using var value = JsonDocument.Parse(written.Replace('\'', '"'));
        SchemaMatcher.AssertMatches(Schema(commands, command, request: false), value.RootElement, command);
    }

    /// <summary>
    /// Asserts that the request schema of <paramref name="command"/>'s one parameter, <c>value</c>, admits <paramref name="value"/>
    /// exactly when the context reads it, answering <paramref name="readAs"/> (null: the context refuses it).
    /// </summary>
    public static async Task AssertReadExactlyWhenAdmitted(LoadedCommands commands, string command, string value, string? readAs)
    {
        using var request = JsonDocument.Parse(value);
        var schema = Schema(commands, command, request: true).GetProperty("properties").GetProperty("value");
        Assert.True(readAs is not null == SchemaMatcher.Matches(schema, request.RootElement), $"{command}: {value} against {schema.GetRawText()}");

        var answer = await commands.SendAsync($$$"""{"name":"{{{command}}}","value":{"value":{{{value}}}}}""");
        if (readAs is null)
        {
            Assert.DoesNotContain("\"returncode\":\"0\"", answer, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal($$"""{"returncode":"0","message":"{{readAs}}"}""", answer);
        }
    }
}

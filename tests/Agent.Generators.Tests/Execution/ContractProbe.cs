using System.Text.Json;
using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// What the generated registry states of a command's contract and what the real context does with
/// it, for the tests that hold the one against the other: the request <c>value</c>'s schema, the
/// result's schema with the object the context writes, a request's answer.
/// </summary>
internal static class ContractProbe
{
    /// <summary>The schema of <paramref name="command"/>'s one parameter, <c>value</c>.</summary>
    public static JsonElement RequestValue(LoadedCommands commands, string command) =>
        JsonDocument.Parse(commands.CreateRegistry().Commands.Single(c => c.Name == command).RequestSchema).RootElement
            .GetProperty("properties").GetProperty("value").Clone();

    /// <summary>The result schema (without <c>$schema</c>) and the object the real context writes for <paramref name="command"/>.</summary>
    public static async Task<(JsonElement Schema, JsonElement Written)> Written(LoadedCommands commands, string command)
    {
        var registry = commands.CreateRegistry();
        var schema = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(registry.Commands.Single(c => c.Name == command).ResultSchema)!;
        schema.Remove("$schema");
        var invocation = new CommandInvocation("1", new ExchangeSession(), EmptyServiceProvider.Instance, TestContext.Current.CancellationToken);
        Assert.True(registry.TryDispatch(System.Text.Encoding.UTF8.GetBytes(command), default, invocation, out var running));
        return (JsonSerializer.SerializeToElement(schema), JsonDocument.Parse((await running).Message).RootElement.Clone());
    }

    /// <summary>The message of a successful answer (<c>returncode</c> 0).</summary>
    public static string Message(string response)
    {
        using var document = JsonDocument.Parse(response);
        Assert.Equal("0", document.RootElement.GetProperty("returncode").GetString());
        return document.RootElement.GetProperty("message").GetString()!;
    }

    /// <summary>Whether the answer is a failure (<c>returncode</c> 500): the context refused the request.</summary>
    public static bool Refused(string response)
    {
        using var document = JsonDocument.Parse(response);
        return document.RootElement.GetProperty("returncode").GetString() == "500";
    }

    /// <summary>The member names of a JSON object, in ordinal order.</summary>
    public static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    /// <summary>A schema's <c>required</c>, in ordinal order (empty without one).</summary>
    public static string[] Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal)] : [];
}

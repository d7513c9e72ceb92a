using GuestAgent.Commands;

namespace CustomCommands;

/// <summary>A command in the legacy form: the request value is one JSON string.</summary>
public static class EchoCommands
{
    /// <summary>Answers with the request's value, upper-cased.</summary>
    [Command("sample.shout")]
    public static string Shout(string value) => value.ToUpperInvariant();
}

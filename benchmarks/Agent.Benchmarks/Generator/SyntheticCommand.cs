namespace GuestAgent.Benchmarks.Generator;

/// <summary>How a synthetic command binds its request.</summary>
public enum CommandShape
{
    /// <summary>No argument: <c>string M()</c>.</summary>
    NoArgument,

    /// <summary>The raw string value: <c>CommandResult M(string value)</c>.</summary>
    RawString,

    /// <summary>Typed parameters with defaults, bound from a JSON object.</summary>
    TypedParameters,

    /// <summary>An async command with a host-supplied <c>CancellationToken</c>.</summary>
    AsyncWithCancellation,

    /// <summary>The value as a <c>JsonElement</c> plus the host's <c>CommandContext</c>.</summary>
    JsonElementWithContext,

    /// <summary>A complex parameter and result through the assembly's <c>JsonSerializerContext</c>.</summary>
    ComplexType,
}

/// <summary>One synthetic command: its name and how it binds.</summary>
public sealed record SyntheticCommand(string Name, CommandShape Shape);

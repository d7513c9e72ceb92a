namespace GuestAgent.Generators.Model;

/// <summary>How a parameter or result value is read or written.</summary>
internal enum ValueKind
{
    /// <summary>Read and written inline, see <see cref="PrimitiveKind"/>.</summary>
    Primitive,

    /// <summary>A <c>System.Text.Json.JsonElement</c>, kept as raw JSON.</summary>
    JsonElement,

    /// <summary>An enum, read and written by member name.</summary>
    Enum,

    /// <summary>Any other type, read and written through the assembly's JSON context.</summary>
    Complex,
}

/// <summary>
/// The <c>System.Text.Json.Nodes</c> types among complex ones. A node keeps the strings of the JSON
/// it was read from unread (its converter wraps a <c>JsonElement</c>), so the binder checks their
/// text as it checks a <c>JsonElement</c>'s: a string escaping an unpaired surrogate would otherwise
/// throw only in the command, when it reads it.
/// </summary>
internal enum JsonNodeKind
{
    /// <summary>Not a node.</summary>
    None,

    /// <summary><c>JsonNode</c>, <c>JsonObject</c> or <c>JsonArray</c>: the context refuses the wrong kind of value itself.</summary>
    Node,

    /// <summary>
    /// <c>JsonValue</c>: its converter throws an <c>InvalidOperationException</c> for an object or
    /// array rather than a <c>JsonException</c>, so the binder refuses those before it.
    /// </summary>
    Value,
}

/// <summary>
/// The raw JSON a complex type other than a node holds inside it, through the members its JSON
/// context reads (<c>HeldJsonTypes</c>): the context reads those as it is given them, so the binder
/// parses such a value as a <c>JsonElement</c> first and checks it as it checks a node parameter.
/// Types holding none are read straight from the reader, as before.
/// </summary>
[System.Flags]
internal enum HeldJson
{
    /// <summary>Nothing the context keeps unread: the context's own reads refuse what it cannot read.</summary>
    None = 0,

    /// <summary>A <c>JsonElement</c>, <c>JsonDocument</c>, <c>object</c> or node, whose strings stay unread: the value's text is checked.</summary>
    Text = 1,

    /// <summary>
    /// A <c>JsonNode</c>, <c>JsonObject</c> or <c>JsonArray</c>, which throws on a repeated property
    /// name when read: the binder walks the deserialized value to each and reads it (<c>NodeWalks</c>).
    /// </summary>
    Nodes = 2,

    /// <summary>A <c>JsonValue</c>, whose converter throws an <c>InvalidOperationException</c> for an object or array: that refusal (no other) answered as the wrong type.</summary>
    Value = 4,
}

/// <summary>The primitive types read inline with <c>Utf8JsonReader</c>.</summary>
internal enum PrimitiveKind
{
    None,
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Decimal,
    Guid,
    DateTime,
    DateTimeOffset,
}

/// <summary>Where a method parameter's argument comes from.</summary>
internal enum ParameterSource
{
    /// <summary>Bound from the request value.</summary>
    Value,

    /// <summary>The request's cancellation token.</summary>
    CancellationToken,

    /// <summary>The <c>CommandContext</c> itself.</summary>
    Context,
}

/// <summary>How the request value as a whole maps onto the bound parameters.</summary>
internal enum BindingMode
{
    /// <summary>No bound parameter: the value is ignored.</summary>
    None,

    /// <summary>One <c>string</c> parameter: the value must be a JSON string.</summary>
    RawString,

    /// <summary>One <c>JsonElement</c> parameter: the value as it is.</summary>
    RawElement,

    /// <summary>The value is a JSON object whose properties bind to the parameters by name.</summary>
    Object,
}

/// <summary>What the method returns, after unwrapping <c>Task</c>/<c>ValueTask</c>.</summary>
internal enum ResultKind
{
    Void,
    String,
    CommandResult,
    Value,
}

/// <summary>The asynchronous wrapper around the result, if any.</summary>
internal enum AsyncKind
{
    None,
    Task,
    ValueTask,
}

namespace GuestAgent.Generators.Model;

/// <summary>
/// A parameter or result type, pre-rendered as strings. Part of the pipeline, so it holds no
/// Roslyn symbol: only strings, enums and bools, compared by value.
/// </summary>
/// <param name="FullName">The <c>global::</c>-qualified C# type, with <c>?</c> when nullable.</param>
/// <param name="DisplayName">The type as messages spell it (<c>Names.InMessage</c>), for the binder's error texts: <c>int</c>, <c>FileChunk</c>, <c>Copy.Request</c> for a nested type.</param>
/// <param name="Kind">How values are read and written.</param>
/// <param name="Primitive">The primitive type, when <see cref="Kind"/> is <see cref="ValueKind.Primitive"/>.</param>
/// <param name="AllowsNull">Whether JSON <c>null</c> is accepted (nullable value type or nullable reference).</param>
/// <param name="IsNullableValueType">Whether the type is <c>Nullable&lt;T&gt;</c>.</param>
/// <param name="NonNullableFullName">The type without the nullable annotation or wrapper.</param>
/// <param name="EnumMembers">The members of an enum: their names and how generated code writes each.</param>
/// <param name="ResultSchema">The JSON Schema of the type as the JSON context writes it (without <c>$schema</c>).</param>
/// <param name="RequestSchema">
/// The JSON Schema of the type as the JSON context reads it: it lists the members with a usable
/// setter or bound by the constructor, where <see cref="ResultSchema"/> lists those with a usable getter.
/// </param>
/// <param name="FlagsMask">
/// For a <c>[Flags]</c> enum, the union of its members' bits as a C# <c>ulong</c> literal (a
/// number is accepted when it sets no other bit); <c>null</c> for any other type.
/// </param>
/// <param name="FlagsSignedType">
/// For a <c>[Flags]</c> enum whose underlying type is signed, that type's C# keyword: a number is
/// read as a <c>long</c> and must fit it (a member may be negative, <c>All = -1</c>); <c>null</c> otherwise.
/// </param>
/// <param name="Node">Whether a complex type is a <c>JsonNode</c>, and which kind (see <see cref="JsonNodeKind"/>).</param>
/// <param name="Held">The raw JSON a complex type other than a node holds inside it (see <see cref="HeldJson"/>).</param>
/// <param name="NodeWalkers">
/// For a type holding a node (<see cref="HeldJson.Nodes"/>), the walk over its deserialized value
/// to each node (see <see cref="NodeWalker"/>); empty when the binder cannot walk to every node,
/// and the whole value's names are then checked instead.
/// </param>
internal sealed record TypeModel(
    string FullName,
    string DisplayName,
    ValueKind Kind,
    PrimitiveKind Primitive,
    bool AllowsNull,
    bool IsNullableValueType,
    string NonNullableFullName,
    EquatableArray<EnumMember> EnumMembers,
    string ResultSchema,
    string RequestSchema,
    string? FlagsMask = null,
    string? FlagsSignedType = null,
    JsonNodeKind Node = JsonNodeKind.None,
    HeldJson Held = HeldJson.None,
    EquatableArray<NodeWalker> NodeWalkers = default);

/// <summary>
/// One enum member: its JSON name and the C# expression generated code assigns for it
/// (<c>global::Sample.Level.Warning</c>, or the number cast to the type where the member cannot be
/// named: see <c>EnumSource</c>).
/// </summary>
internal sealed record EnumMember(string Name, string Source);

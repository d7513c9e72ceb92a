namespace GuestAgent.Generators.Model;

/// <summary>How a <see cref="NodeWalker"/> reaches the values it looks into.</summary>
internal enum NodeWalkKind
{
    /// <summary>A class or struct: its members the context reads, and the derived types its <c>[JsonDerivedType]</c>s name.</summary>
    Members,

    /// <summary>An array or enumerable: each item.</summary>
    Items,

    /// <summary>A <c>Memory&lt;T&gt;</c> or <c>ReadOnlyMemory&lt;T&gt;</c>: each item of its span.</summary>
    Span,

    /// <summary>A dictionary: each value (its keys are no node's names).</summary>
    Values,

    /// <summary>A <c>Nullable&lt;T&gt;</c>: its value, when it has one.</summary>
    Nullable,
}

/// <summary>
/// One generated method of the walk a binder makes over a deserialized complex value to the
/// <c>JsonNode</c> members it holds (see <c>NodeWalks</c>), each node's objects then read once so a
/// repeated name is found at bind time. Strings only, compared by value, like <see cref="TypeModel"/>.
/// </summary>
/// <param name="Parameter">The C# type of the method's parameter (<c>?</c> on a reference type: the walk passes nulls over).</param>
/// <param name="Kind">How the walker reaches its values.</param>
/// <param name="Skip">The C# condition on <c>value</c> under which there is nothing to walk (<c>value is null</c>), or null.</param>
/// <param name="Element">The item type (<see cref="NodeWalkKind.Items"/>, <see cref="NodeWalkKind.Span"/>) or key-value pair type (<see cref="NodeWalkKind.Values"/>) a <c>foreach</c> declares.</param>
/// <param name="Edges">Where the walk goes next.</param>
internal sealed record NodeWalker(string Parameter, NodeWalkKind Kind, string? Skip, string? Element, EquatableArray<NodeWalkEdge> Edges);

/// <summary>
/// One step of a <see cref="NodeWalker"/>: <paramref name="Access"/> is the member's C# name
/// (<see cref="NodeWalkKind.Members"/>), or the derived type's full name when <paramref name="Derived"/>;
/// <paramref name="Target"/> the walker it goes on with, or <see cref="Node"/> (<see cref="ObjectNode"/>) for a node read there.
/// </summary>
internal sealed record NodeWalkEdge(string Access, bool Derived, int Target)
{
    /// <summary>The <see cref="Target"/> of a step that reads a node.</summary>
    public const int Node = -1;

    /// <summary>
    /// The <see cref="Target"/> of a step that reads an <c>object</c> the context made a node
    /// (<c>UnknownTypeHandling = JsonNode</c>), when it is one: the type's own code may have put anything there.
    /// </summary>
    public const int ObjectNode = -2;

    /// <summary>Whether a step to <paramref name="target"/> reads a node rather than going on with a walker.</summary>
    public static bool ReadsNode(int target) => target is Node or ObjectNode;
}

using System.Linq;
using GuestAgent.Generators.Model;

namespace GuestAgent.Generators.Emitting;

/// <summary>
/// Writes the walk over a deserialized complex value to the nodes it holds (<see cref="NodeWalker"/>):
/// a check after the context's read, then one static local function per walker. Each node's
/// objects are read there (<c>JsonTextCheck.HasUniqueNames(JsonNode)</c>), so a name one holds twice
/// fails the binding rather than the command's first read of it.
/// </summary>
internal static class NodeWalkEmitter
{
    /// <summary>
    /// How deep the walk goes. The value is at most as deep as the reader's <c>MaxDepth</c> (64),
    /// and each step into a member, item or dictionary value goes one level into it; a deeper walk
    /// follows a reference the type's own code made (a cycle), which holds nothing read from the value.
    /// </summary>
    private const int MaxDepth = 64;

    public static void Write(SourceWriter writer, EquatableArray<NodeWalker> walkers, string local, string fail)
    {
        writer.OpenBlock($"if (!{Name(local, 0)}({local}, 0))").WriteLine(fail).CloseBlock();
        for (var i = 0; i < walkers.Count; i++)
        {
            writer.WriteLine();
            WriteWalker(writer, walkers[i], local, i);
        }
    }

    private static void WriteWalker(SourceWriter writer, NodeWalker walker, string local, int index)
    {
        writer.OpenBlock($"static bool {Name(local, index)}({walker.Parameter} value, int depth)");
        var skip = walker.Kind == NodeWalkKind.Members
            ? (walker.Skip is null ? "" : walker.Skip + " || ") + $"depth > {MaxDepth}"
            : walker.Skip;
        if (skip is not null)
        {
            writer.OpenBlock($"if ({skip})").WriteLine("return true;").CloseBlock().WriteLine();
        }

        switch (walker.Kind)
        {
            case NodeWalkKind.Members:
                var steps = walker.Edges.Select((edge, i) => edge.Derived
                    ? $"(value is not {edge.Access} derived{i} || {Name(local, edge.Target)}(derived{i}, depth))"
                    : Call(local, edge.Target, "value." + edge.Access));
                writer.WriteLine($"return {string.Join(" && ", steps)};");
                break;
            case NodeWalkKind.Nullable:
                writer.WriteLine($"return value is not {{ }} inner || {Name(local, walker.Edges[0].Target)}(inner, depth);");
                break;
            default:
                var (variable, source, read) = walker.Kind switch
                {
                    NodeWalkKind.Values => ("pair", "value", "pair.Value"),
                    NodeWalkKind.Span => ("item", "value.Span", "item"),
                    _ => ("item", "value", "item"),
                };
                writer.OpenBlock($"foreach ({walker.Element} {variable} in {source})");
                writer.OpenBlock($"if (!{Call(local, walker.Edges[0].Target, read)})").WriteLine("return false;").CloseBlock();
                writer.CloseBlock().WriteLine();
                writer.WriteLine("return true;");
                break;
        }

        writer.CloseBlock();
    }

    private static string Call(string local, int target, string value) => target switch
    {
        NodeWalkEdge.Node => $"{CSharp.Commands}.JsonTextCheck.HasUniqueNames({value})",
        NodeWalkEdge.ObjectNode => $"{CSharp.Commands}.JsonTextCheck.HasUniqueNames({value} as global::System.Text.Json.Nodes.JsonNode)",
        _ => $"{Name(local, target)}({value}, depth + 1)",
    };

    private static string Name(string local, int index) => $"nodes_{local}_{index}";
}

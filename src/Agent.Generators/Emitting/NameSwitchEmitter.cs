using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GuestAgent.Generators.Emitting;

/// <summary>
/// Writes <c>TryDispatch</c> on a UTF-8 command name: a <c>switch</c> on the length, then, among
/// names of that length, the <see cref="NameTree{T}"/> (byte switches down to a few
/// <c>SequenceEqual</c> against UTF-8 literals). No string is created.
/// </summary>
/// <remarks>
/// A branch with more than <see cref="MaxInline"/> names goes into its own method, so no method
/// grows with the number of commands: the JIT compiles very large methods without optimisation
/// (measured: a 1,000-command <c>TryDispatch</c> ran at MinOpts, 3 µs per call).
/// </remarks>
internal static class NameSwitchEmitter
{
    /// <summary>Branches with more names than this are written as a separate method.</summary>
    public const int MaxInline = 64;

    private const string Parameters = "global::System.ReadOnlySpan<byte> utf8Name, global::System.ReadOnlyMemory<byte> value, in global::GuestAgent.Commands.CommandInvocation invocation, out global::System.Threading.Tasks.ValueTask<global::GuestAgent.Commands.CommandResult> result";

    private const string Arguments = "utf8Name, value, invocation, out result";

    /// <summary>
    /// Writes the public <c>TryDispatch</c> and its helper methods; <paramref name="body"/> gives the
    /// statements for a matched name (they may use the parameters and must end in a return).
    /// </summary>
    public static void WriteTryDispatch<T>(SourceWriter writer, IEnumerable<T> entries, Func<T, string> name, Func<T, string> body)
    {
        var pending = new Queue<(string Method, NameTree<T> Tree)>();
        writer.WriteLine("/// <inheritdoc />");
        writer.OpenBlock($"public bool TryDispatch({Parameters})");
        var groups = entries
            .Select(e => new NameEntry<T>(name(e), Encoding.UTF8.GetBytes(name(e)), e))
            .GroupBy(e => e.Utf8.Length)
            .OrderBy(g => g.Key)
            .ToList();
        if (groups.Count > 0)
        {
            writer.OpenBlock("switch (utf8Name.Length)");
            foreach (var group in groups)
            {
                writer.WriteLine($"case {group.Key}:");
                writer.Indentation++;
                WriteNode(writer, NameTree<T>.Build([.. group]), $"TryDispatch_{group.Key}", body, pending);
                writer.Indentation--;
            }

            writer.CloseBlock();
            writer.WriteLine();
        }

        WriteNotFound(writer);
        writer.CloseBlock();

        while (pending.Count > 0)
        {
            var (method, tree) = pending.Dequeue();
            writer.WriteLine();
            writer.OpenBlock($"private bool {method}({Parameters})");
            WriteTree(writer, tree, method, body, pending);
            WriteNotFound(writer);
            writer.CloseBlock();
        }
    }

    /// <summary>One <c>case</c> section: the tree inline, or a call to its own method when large.</summary>
    private static void WriteNode<T>(SourceWriter writer, NameTree<T> tree, string method, Func<T, string> body, Queue<(string, NameTree<T>)> pending)
    {
        if (tree.Count > MaxInline)
        {
            pending.Enqueue((method, tree));
            writer.WriteLine($"return {method}({Arguments});");
            return;
        }

        WriteTree(writer, tree, method, body, pending);
        writer.WriteLine("break;");
    }

    private static void WriteTree<T>(SourceWriter writer, NameTree<T> tree, string method, Func<T, string> body, Queue<(string, NameTree<T>)> pending)
    {
        foreach (var leaf in tree.Leaves)
        {
            writer.OpenBlock($"if (global::System.MemoryExtensions.SequenceEqual(utf8Name, {CSharp.Utf8(leaf.Name)}))");
            writer.WriteLine(body(leaf.Value));
            writer.CloseBlock();
            writer.WriteLine();
        }

        if (tree.Branches.Count == 0)
        {
            return;
        }

        writer.OpenBlock($"switch (utf8Name[{tree.Position}])");
        foreach (var branch in tree.Branches)
        {
            writer.WriteLine($"case {ByteLiteral(branch.Byte)}:");
            writer.Indentation++;
            WriteNode(writer, branch.Tree, $"{method}_{tree.Position}x{branch.Byte:X2}", body, pending);
            writer.Indentation--;
        }

        writer.CloseBlock();
        writer.WriteLine();
    }

    private static void WriteNotFound(SourceWriter writer)
    {
        writer.WriteLine("result = default;");
        writer.WriteLine("return false;");
    }

    /// <summary><c>(byte)'a'</c> for the characters command names use, else hexadecimal.</summary>
    private static string ByteLiteral(byte value) =>
        value is >= (byte)'0' and <= (byte)'9' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or (byte)'.' or (byte)'-' or (byte)'_'
            ? $"(byte)'{(char)value}'"
            : "0x" + value.ToString("X2", CultureInfo.InvariantCulture);
}

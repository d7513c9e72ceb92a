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
/// No method dispatches more than <see cref="MaxPerMethod"/> names itself; larger branches go into
/// their own methods, so no method grows with the number of commands. Measured on .NET 10 with
/// 1,000 commands in one method: the JIT compiled it without optimisation (too large) and, at 100,
/// zeroed a 4 KB frame on every call for the inlined command calls (80–140 ns instead of 9 ns).
/// </remarks>
internal static class NameSwitchEmitter
{
    /// <summary>The most names one generated method dispatches without calling a helper.</summary>
    public const int MaxPerMethod = 16;

    private const string Parameters = "global::System.ReadOnlySpan<byte> utf8Name, global::System.ReadOnlyMemory<byte> value, in " + CSharp.Commands + ".CommandInvocation invocation, out " + CSharp.ValueTaskOfResult + " result";

    private const string Arguments = "utf8Name, value, invocation, out result";

    /// <summary>
    /// Writes the public <c>TryDispatch</c> and its helper methods; <paramref name="body"/> gives the
    /// statements for a matched name (they may use the parameters and must end in a return).
    /// </summary>
    public static void WriteTryDispatch<T>(SourceWriter writer, IEnumerable<T> entries, Func<T, string> name, Func<T, string> body)
    {
        var helpers = new Queue<(string Method, NameTree<T> Tree)>();
        var budget = MaxPerMethod;
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
                WriteCase(writer, NameTree<T>.Build([.. group]), $"TryDispatch_{group.Key}", body, helpers, ref budget);
                writer.Indentation--;
            }

            writer.CloseBlock();
            writer.WriteLine();
        }

        WriteNotFound(writer);
        writer.CloseBlock();

        while (helpers.Count > 0)
        {
            var (method, tree) = helpers.Dequeue();
            budget = MaxPerMethod;
            writer.WriteLine();
            writer.OpenBlock($"private bool {method}({Parameters})");
            if (tree.Branches.Count == 0)
            {
                // A few names of one length, moved out because the caller's budget was spent.
                WriteInline(writer, tree, body);
            }
            else
            {
                WriteSwitch(writer, tree, branch => WriteCase(writer, branch.Tree, $"{method}_{tree.Position}x{branch.Byte:X2}", body, helpers, ref budget));
            }

            WriteNotFound(writer);
            writer.CloseBlock();
        }
    }

    /// <summary>One <c>case</c> section: the tree inline while the method's budget lasts, else a call to a helper.</summary>
    private static void WriteCase<T>(SourceWriter writer, NameTree<T> tree, string method, Func<T, string> body, Queue<(string, NameTree<T>)> helpers, ref int budget)
    {
        if (tree.Count > budget)
        {
            helpers.Enqueue((method, tree));
            writer.WriteLine($"return {method}({Arguments});");
            return;
        }

        budget -= tree.Count;
        WriteInline(writer, tree, body);
        writer.WriteLine("break;");
    }

    private static void WriteInline<T>(SourceWriter writer, NameTree<T> tree, Func<T, string> body)
    {
        foreach (var leaf in tree.Leaves)
        {
            writer.OpenBlock($"if (global::System.MemoryExtensions.SequenceEqual(utf8Name, {CSharp.Utf8(leaf.Name)}))");
            writer.WriteLine(body(leaf.Value));
            writer.CloseBlock();
            writer.WriteLine();
        }

        if (tree.Branches.Count > 0)
        {
            WriteSwitch(writer, tree, branch =>
            {
                WriteInline(writer, branch.Tree, body);
                writer.WriteLine("break;");
            });
        }
    }

    private static void WriteSwitch<T>(SourceWriter writer, NameTree<T> tree, Action<NameBranch<T>> writeCase)
    {
        writer.OpenBlock($"switch (utf8Name[{tree.Position}])");
        foreach (var branch in tree.Branches)
        {
            writer.WriteLine($"case {ByteLiteral(branch.Byte)}:");
            writer.Indentation++;
            writeCase(branch);
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

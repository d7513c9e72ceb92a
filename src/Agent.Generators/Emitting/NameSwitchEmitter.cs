using System;
using System.Collections.Generic;
using System.Linq;

namespace GuestAgent.Generators.Emitting;

/// <summary>
/// Writes the dispatch on a UTF-8 command name: a <c>switch</c> on the length, then one
/// <c>SequenceEqual</c> against a UTF-8 literal per candidate. No string is created.
/// </summary>
internal static class NameSwitchEmitter
{
    /// <summary>Writes the switch; <paramref name="body"/> gives the statements for a matched name.</summary>
    public static void Write<T>(SourceWriter writer, IEnumerable<T> entries, Func<T, string> name, Func<T, int> length, Func<T, string> body)
    {
        var groups = entries.GroupBy(length).OrderBy(g => g.Key).ToList();
        if (groups.Count > 0)
        {
            writer.OpenBlock("switch (utf8Name.Length)");
            foreach (var group in groups)
            {
                writer.WriteLine($"case {group.Key}:");
                writer.Indentation++;
                foreach (var entry in group.OrderBy(name, StringComparer.Ordinal))
                {
                    writer.OpenBlock($"if (global::System.MemoryExtensions.SequenceEqual(utf8Name, {CSharp.Utf8(name(entry))}))");
                    writer.WriteLine(body(entry));
                    writer.CloseBlock();
                    writer.WriteLine();
                }

                writer.WriteLine("break;");
                writer.Indentation--;
            }

            writer.CloseBlock();
            writer.WriteLine();
        }

        writer.WriteLine("result = default;");
        writer.WriteLine("return false;");
    }

    public const string TryDispatchSignature =
        "public bool TryDispatch(global::System.ReadOnlySpan<byte> utf8Name, global::System.ReadOnlyMemory<byte> value, in global::GuestAgent.Commands.CommandInvocation invocation, out global::System.Threading.Tasks.ValueTask<global::GuestAgent.Commands.CommandResult> result)";
}

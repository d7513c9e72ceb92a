using System.Collections.Frozen;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace GuestAgent.Daemon.Tests.Layout;

/// <summary>
/// Reads the daemon's layout list (<c>src/Agent.Daemon/hot-methods.order</c>, the compiler's
/// <c>IlcOrderFile</c>) against the methods the build defines. The compiler ignores a name it does not know,
/// so a list gone stale (a method renamed, or an async method's or a lambda's compiler-generated type
/// renumbered because a member was added above it) fails nothing and only costs resident memory.
/// </summary>
internal static class HotMethodsOrder
{
    /// <summary>The daemon's assembly, whose references named <c>GuestAgent*</c> are the rest of our code in it.</summary>
    public const string DaemonAssembly = "guest-agent";

    /// <summary>
    /// Methods the compiler adds to our types itself, so no metadata defines them: the entry point's wrappers
    /// on <c>&lt;Module&gt;</c>, and a value type's field helper (for <c>ValueType.Equals</c>).
    /// </summary>
    private static readonly FrozenSet<string> Synthesized =
        FrozenSet.Create(StringComparer.Ordinal, "MainMethodWrapper", "StartupCodeMain", "__GetFieldHelper");

    /// <summary>Starts the method an unboxing stub calls, in the stub's name: <c>&lt;Boxed&gt;Type__&lt;unbox&gt;Type__Method</c>.</summary>
    private const string Unbox = "<unbox>";

    /// <summary>
    /// The names of the daemon's assembly in <paramref name="directory"/> and of each assembly of ours it
    /// references (those named <c>GuestAgent*</c>; the SDK and the built-in commands).
    /// </summary>
    public static IReadOnlyList<NativeAotNames> OurAssemblies(string directory)
    {
        var daemon = Path.Combine(directory, DaemonAssembly + ".dll");
        using var stream = File.OpenRead(daemon);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var assemblies = new List<NativeAotNames> { NativeAotNames.Read(reader) };
        foreach (var handle in reader.AssemblyReferences)
        {
            var name = reader.GetString(reader.GetAssemblyReference(handle).Name);
            if (name.StartsWith("GuestAgent", StringComparison.Ordinal))
            {
                assemblies.Add(NativeAotNames.Read(Path.Combine(directory, name + ".dll")));
            }
        }

        return assemblies;
    }

    /// <summary>
    /// The entries of <paramref name="entries"/> that name a method of one of <paramref name="assemblies"/>
    /// (by the assembly's prefix, generic instantiations aside) that none of them defines, in the list's order.
    /// Entries naming other code (the framework's) are not checked: the metadata read here does not have it.
    /// </summary>
    public static IReadOnlyList<string> Stale(IEnumerable<string> entries, IReadOnlyList<NativeAotNames> assemblies)
    {
        var stale = new List<string>();
        foreach (var line in entries)
        {
            var entry = line.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            // An unboxing stub (for a method of a value type of ours, or of a framework type over ours) names
            // the method it calls after its own type: that method is the one to look up.
            var unboxed = entry.LastIndexOf(Unbox, StringComparison.Ordinal);
            var called = unboxed < 0 ? entry : entry[(unboxed + Unbox.Length)..];
            var name = WithoutInstantiations(called);
            if (!assemblies.Any(a => (name ?? called).StartsWith(a.AssemblyPrefix, StringComparison.Ordinal)))
            {
                continue;
            }

            if (name is null || !(assemblies.Any(a => a.Methods.Contains(name)) || IsSynthesized(name, assemblies)))
            {
                stale.Add(entry);
            }
        }

        return stale;
    }

    /// <summary>
    /// <paramref name="entry"/> without its bracketed parts: the instantiation of a generic type or method
    /// (<c>Name_1&lt;System___Canon&gt;</c>) and a prefix such as <c>&lt;Boxed&gt;</c> (brackets nest:
    /// <c>&lt;S_P_CoreLib_System_Nullable_1&lt;Bool&gt;&gt;</c>). Null when the brackets do not pair up:
    /// then it is no name the compiler wrote.
    /// </summary>
    public static string? WithoutInstantiations(string entry)
    {
        var result = new System.Text.StringBuilder(entry.Length);
        var depth = 0;
        foreach (var c in entry)
        {
            if (c == '<')
            {
                depth++;
            }
            else if (c == '>')
            {
                if (--depth < 0)
                {
                    return null;
                }
            }
            else if (depth == 0)
            {
                result.Append(c);
            }
        }

        return depth == 0 ? result.ToString() : null;
    }

    private static bool IsSynthesized(string name, IReadOnlyList<NativeAotNames> assemblies)
    {
        foreach (var method in Synthesized)
        {
            var suffix = "__" + method;
            if (name.EndsWith(suffix, StringComparison.Ordinal) && assemblies.Any(a => a.Types.Contains(name[..^suffix.Length])))
            {
                return true;
            }
        }

        return false;
    }
}

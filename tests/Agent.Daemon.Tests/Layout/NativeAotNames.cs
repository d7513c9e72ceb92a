using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

namespace GuestAgent.Daemon.Tests.Layout;

/// <summary>
/// The symbol names the NativeAOT compiler gives the methods of an assembly, worked out from the IL
/// assembly's metadata: the names <c>IlcOrderFile</c> entries (<c>src/Agent.Daemon/hot-methods.order</c>) are
/// written in, so a test can tell which entries still name a method without publishing the daemon.
/// </summary>
/// <remarks>
/// The compiler's rules, as its name mangler applies them to a type or method defined in metadata (checked
/// against every method symbol of ours in the published daemon's symbol table: <c>NativeAotSymbolsTests</c>):
/// a name keeps its ASCII letters, digits and underscores and has every other character made an underscore
/// (a leading digit gets one put before it); a type is the assembly's name, its namespace and its name joined
/// by underscores, a nested type its containing type's name, an underscore and its own; a method is its type's
/// name, two underscores and its own name. Two names that come out the same are told apart by counting, in
/// metadata order: the first keeps the name, the next gets <c>_0</c>, then <c>_1</c>… (method names within a
/// type, which is how overloads get them; type names within an assembly). Generic instantiations are written
/// after the definition's name in angle brackets, which <see cref="HotMethodsOrder"/> takes off before it looks
/// a name up. A delegate type also gets the compiler's thunks (<see cref="DelegateThunks"/>). Only assemblies outside
/// System.Private.* are handled: the compiler abbreviates those.
/// </remarks>
internal sealed class NativeAotNames
{
    private NativeAotNames(string assemblyPrefix, IReadOnlySet<string> types, IReadOnlySet<string> methods)
    {
        AssemblyPrefix = assemblyPrefix;
        Types = types;
        Methods = methods;
    }

    /// <summary>What every type and method symbol of the assembly starts with: its sanitized name and an underscore.</summary>
    public string AssemblyPrefix { get; }

    /// <summary>The mangled name of every type the assembly defines, nested ones included.</summary>
    public IReadOnlySet<string> Types { get; }

    /// <summary>The mangled name of every method the assembly defines (generic ones without an instantiation).</summary>
    public IReadOnlySet<string> Methods { get; }

    /// <summary>Reads the names out of the assembly at <paramref name="path"/>.</summary>
    public static NativeAotNames Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        return Read(pe.GetMetadataReader());
    }

    /// <summary>The names of the assembly <paramref name="reader"/> reads.</summary>
    public static NativeAotNames Read(MetadataReader reader)
    {
        var assemblyPrefix = Sanitize(reader.GetString(reader.GetAssemblyDefinition().Name)) + "_";
        var typeNames = new Dictionary<TypeDefinitionHandle, string>();
        var types = new HashSet<string>(StringComparer.Ordinal);
        var methods = new HashSet<string>(StringComparer.Ordinal);

        // The compiler names every type of the module at once, in metadata order, so that a name does not
        // depend on which type it compiles first; a clash is numbered in that order.
        foreach (var handle in reader.TypeDefinitions)
        {
            var typeName = Disambiguate(assemblyPrefix + TypeName(reader, handle), types);
            types.Add(typeName);
            typeNames.Add(handle, typeName);
        }

        foreach (var (handle, typeName) in typeNames)
        {
            var own = new HashSet<string>(StringComparer.Ordinal);
            foreach (var method in reader.GetTypeDefinition(handle).GetMethods())
            {
                var name = Disambiguate(Sanitize(reader.GetString(reader.GetMethodDefinition(method).Name)), own);
                own.Add(name);
                methods.Add(typeName + "__" + name);
            }

            if (IsDelegate(reader, reader.GetTypeDefinition(handle)))
            {
                methods.UnionWith(DelegateThunks.Select(thunk => typeName + "__" + thunk));
            }
        }

        return new NativeAotNames(assemblyPrefix, types, methods);
    }

    /// <summary>
    /// The methods the compiler adds to a delegate type of ours beside its <c>Invoke</c> (none is in metadata): the thunks
    /// a delegate of the type is made with, as the published daemon's symbol table shows them for <c>DeviceWrite</c>.
    /// </summary>
    private static readonly ImmutableArray<string> DelegateThunks =
    [
        "GetThunk", "InvokeMulticastThunk", "InvokeClosedStaticThunk", "InvokeOpenStaticThunk",
        "InvokeInstanceClosedOverGenericMethodThunk", "InvokeOpenInstanceThunk",
    ];

    private static bool IsDelegate(MetadataReader reader, TypeDefinition type) =>
        type.BaseType.Kind == HandleKind.TypeReference
        && reader.GetTypeReference((TypeReferenceHandle)type.BaseType) is var baseType
        && reader.GetString(baseType.Namespace) == "System"
        && reader.GetString(baseType.Name) == "MulticastDelegate";

    /// <summary>A metadata name as the compiler writes it in a symbol.</summary>
    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiDigit(c) && i == 0)
            {
                builder.Append('_');
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');

            // The compiler reads the name as UTF-8 and writes one underscore for a whole character.
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                i++;
            }
        }

        return builder.ToString();
    }

    /// <summary><paramref name="name"/>, or if <paramref name="taken"/> has it, the first of <c>name_0</c>, <c>name_1</c>… it does not.</summary>
    public static string Disambiguate(string name, IReadOnlySet<string> taken)
    {
        var result = name;
        for (var counter = 0; taken.Contains(result); counter++)
        {
            result = $"{name}_{counter}";
        }

        return result;
    }

    private static string TypeName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = Sanitize(reader.GetString(type.Name));
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return TypeName(reader, declaring) + "_" + name;
        }

        var space = reader.GetString(type.Namespace);
        return space.Length == 0 ? name : Sanitize(space) + "_" + name;
    }
}

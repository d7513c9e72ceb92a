using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GuestAgent.Generators.Parsing;

/// <summary>Naming rules shared by the parser, the analyzer and the emitters' models.</summary>
internal static class Names
{
    /// <summary>Full names with <c>global::</c>, keywords for special types and nullable annotations.</summary>
    public static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// A type as every message names it (a parameter's or result's, a signature's, a command class, a
    /// member's owner, and the generated binder's "must be a JSON value of type '…'", <c>TypeModel.DisplayName</c>):
    /// <see cref="Short"/>, but a nested type after the types containing it (<c>Box.Inner</c>,
    /// <c>Outer&lt;int&gt;.Deep</c>), as GA0009's fix spells it. A bare 'Deep' may be declared in many
    /// containers and binds in none of the files the reader is sent to.
    /// </summary>
    /// <remarks>The options of <see cref="Short"/> that display a type (Roslyn 4.x has no <c>WithTypeQualificationStyle</c>).</remarks>
    public static readonly SymbolDisplayFormat InMessage = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers | SymbolDisplayMiscellaneousOptions.UseSpecialTypes
            | SymbolDisplayMiscellaneousOptions.UseErrorTypeSymbolName
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Bare type names, for a tuple or a special type in <see cref="ReadableTypeName"/>; messages use <see cref="InMessage"/>.</summary>
    public static readonly SymbolDisplayFormat Short = SymbolDisplayFormat.MinimallyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// A method as people read it: the containing type with its namespace, then the method with its
    /// parameter types as messages spell them (<see cref="InMessage"/>), for example
    /// <c>Sample.Files.Read(string, long)</c> or <c>Sample.Files.Copy(Files.Request)</c>.
    /// </summary>
    public static string MethodDisplay(IMethodSymbol method, SymbolMemo memo)
    {
        var type = memo.Display(method.ContainingType, SymbolDisplayFormat.CSharpErrorMessageFormat);
        var typeParameters = method.IsGenericMethod ? "<" + string.Join(", ", method.TypeParameters.Select(t => t.Name)) + ">" : string.Empty;
        var parameters = string.Join(", ", method.Parameters.Select(p => RefPrefix(p.RefKind) + memo.Display(p.Type, InMessage)).Concat(method.IsVararg ? ["__arglist"] : []));
        return $"{type}.{method.Name}{typeParameters}({parameters})";
    }

    private static string RefPrefix(RefKind kind) => kind switch
    {
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        RefKind.In => "in ",
        RefKind.RefReadOnlyParameter => "ref readonly ",
        _ => string.Empty,
    };

    /// <summary>
    /// Whether <paramref name="type"/> displays as <paramref name="fullName"/> (a non-generic type's
    /// dotted name). The simple name is compared first, so a walk over the attributes of every
    /// referenced assembly, done on each new compilation, renders almost no display strings.
    /// </summary>
    public static bool IsNamed(INamedTypeSymbol? type, string fullName) =>
        type is not null
        && fullName.Length > type.Name.Length
        && fullName.EndsWith(type.Name, System.StringComparison.Ordinal)
        && fullName[fullName.Length - type.Name.Length - 1] == '.'
        && type.ToDisplayString() == fullName;

    /// <summary>Whether a command name is valid: non-empty, only <c>[A-Za-z0-9_.-]</c>.</summary>
    public static bool IsValidCommandName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var c in name!)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A C# identifier fragment that is unique per command name: letters and digits are kept,
    /// <c>_</c> becomes <c>__</c>, <c>.</c> becomes <c>_D</c> and <c>-</c> becomes <c>_H</c>.
    /// </summary>
    /// <remarks>
    /// A member's name in metadata has at most 1,024 UTF-8 bytes (CS7013 at emit, in the generated
    /// file): a fragment longer than <see cref="MaxIdentifierLength"/> becomes <c>_L</c>, a hash of the
    /// whole and its start. No fragment written in full starts with <c>_L</c> (a leading <c>_</c> is
    /// always followed by <c>_</c>, <c>D</c> or <c>H</c>), so a shortened one cannot take its name.
    /// </remarks>
    public static string CommandIdentifier(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            builder.Append(c switch
            {
                '_' => "__",
                '.' => "_D",
                '-' => "_H",
                _ => c.ToString(),
            });
        }

        if (builder.Length > MaxIdentifierLength)
        {
            var start = builder.ToString(0, MaxIdentifierLength - 19);
            return "_L" + Hash(name).ToString("x16", CultureInfo.InvariantCulture) + "_" + start;
        }

        return builder.ToString();
    }

    /// <summary>
    /// The longest <see cref="CommandIdentifier"/> (and <see cref="TypeIdentifier"/>): at three UTF-8
    /// bytes a character at most, with the longest prefix the generator puts before one
    /// (<c>_instance_</c>), a name stays under the 1,024 bytes metadata allows.
    /// </summary>
    public const int MaxIdentifierLength = 300;

    /// <summary>FNV-1a over the UTF-16 code units: a name's short stand-in, the same in every build.</summary>
    private static ulong Hash(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>
    /// The longest <see cref="CommandFileName"/>: with the registry name and <c>.g.cs</c> around it,
    /// it stays well under the 255 bytes a file name may have on disk.
    /// </summary>
    public const int MaxFileNameLength = 120;

    /// <summary>
    /// The file-name part of a command's generated source: <see cref="CommandIdentifier"/> with each
    /// upper-case letter written <c>_U</c> and the letter. Roslyn compares hint names ignoring case
    /// (they become file names), so <c>hello</c> and <c>Hello</c>, two commands, need two files.
    /// </summary>
    public static string CommandFileName(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            builder.Append(c is >= 'A' and <= 'Z' ? "_U" + c : CommandIdentifier(c.ToString()));
        }

        // Generated files are written to disk (EmitCompilerGeneratedFiles), where a file name has at
        // most 255 bytes: a very long name keeps its start and gets a hash of the whole name.
        if (builder.Length > MaxFileNameLength)
        {
            builder.Length = MaxFileNameLength - 17;
            builder.Append('_').Append(Hash(name).ToString("x16", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>A C# identifier fragment for a type name (its dotted name with <c>_</c>).</summary>
    public static string TypeIdentifier(string fullName)
    {
        var name = fullName.StartsWith("global::", System.StringComparison.Ordinal) ? fullName.Substring(8) : fullName;

        // A keyword used as a type or namespace name is written '@class'; the '@' only escapes it.
        return CommandIdentifier(name.Replace("@", string.Empty));
    }

    /// <summary>The registry class name for an assembly: its name without dots, then <c>CommandRegistry</c>.</summary>
    public static string RegistryName(string assemblyName)
    {
        var builder = new StringBuilder();
        var upper = true;
        foreach (var c in assemblyName)
        {
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                builder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.Append("CommandRegistry").ToString();
    }

    /// <summary>An identifier, escaped with <c>@</c> when it is a keyword.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>Formats an integer with the invariant culture.</summary>
    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}

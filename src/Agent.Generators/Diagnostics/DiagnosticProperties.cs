namespace GuestAgent.Generators.Diagnostics;

/// <summary>
/// Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> the analyzer sets for the
/// code fixes, which must not re-derive what the analyzer already knows. Linked into the
/// code-fix assembly like <see cref="DiagnosticIds"/>: constants only.
/// </summary>
internal static class DiagnosticProperties
{
    /// <summary>GA0009: the type to list, fully qualified (<c>global::</c>), as <c>typeof</c> accepts it.</summary>
    public const string JsonSerializableType = "JsonSerializableType";

    /// <summary>GA0009: the spelling the message shows (qualified only as far as needed); the fix prefers it where it binds.</summary>
    public const string JsonSerializableSpelling = "JsonSerializableSpelling";

    /// <summary>
    /// GA0009: the assembly's valid JSON context, fully qualified; absent when there is none (then
    /// the type properties are set only when the assembly names no context at all, for the fix
    /// that creates one, and not when it names a type that is not a context: GA0012).
    /// </summary>
    public const string JsonContext = "JsonContext";
}

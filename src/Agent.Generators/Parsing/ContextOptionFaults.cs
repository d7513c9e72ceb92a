using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Faults of the context's own options (<c>[JsonSourceGenerationOptions]</c>) that fail every type
/// it reads or writes, as .NET 10 behaves (checked against the real context by
/// <c>DefaultIgnoreAlwaysExecutionTests</c>): <c>DefaultIgnoreCondition = JsonIgnoreCondition.Always</c>.
/// The JSON generator says nothing of it (no SYSLIB diagnostic) and emits the options as written;
/// <c>JsonSerializerOptions</c> refuses the value (<c>ArgumentException</c>, "The value cannot be
/// 'JsonIgnoreCondition.Always'"), so the context's type initializer throws and every use of the
/// context throws <c>TypeInitializationException</c>: every command whose parameters or result go
/// through it fails, whatever their shape or converters; a command with only simple values (which
/// the generated registry reads and writes itself) is untouched. The hint names the values the
/// options take (also checked there): no option ignores every member, so those to leave out are marked.
/// </summary>
internal static class ContextOptionFaults
{
    /// <summary>Why no type can be read or written through the context, with the fix, or null.</summary>
    public static string? Why(KnownTypes known)
    {
        if (!known.DefaultIgnoreAlways)
        {
            return null;
        }

        var context = known.JsonContext?.ToDisplayString(Names.InMessage) ?? "the context";
        return $"the options of '{context}' set DefaultIgnoreCondition = JsonIgnoreCondition.Always, which System.Text.Json refuses (ArgumentException), "
            + $"so '{context}' cannot be created and every read and write through it throws TypeInitializationException; "
            + "set DefaultIgnoreCondition to Never (the default: remove the setting), WhenWritingNull, WhenWritingDefault or WhenWriting, and mark [JsonIgnore] each member to leave out";
    }
}

using System.Reflection;
using System.Text;

namespace GuestAgent.Generators.Emitting;

/// <summary>Small helpers for writing C# text; no Roslyn types.</summary>
internal static class CSharp
{
    public const string Namespace = "GuestAgent.Generated";
    public const string Commands = "global::GuestAgent.Commands";
    public const string Result = "global::GuestAgent.Commands.CommandResult";
    public const string ValueTaskOfResult = "global::System.Threading.Tasks.ValueTask<global::GuestAgent.Commands.CommandResult>";
    public const string Json = "global::System.Text.Json";

    /// <summary>The generator version written into <c>[GeneratedCode]</c>.</summary>
    public static readonly string Version = typeof(CSharp).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    public static string GeneratedCode => $"[global::System.CodeDom.Compiler.GeneratedCode(\"GuestAgent.Generators\", \"{Version}\")]";

    public const string NeverBrowsable =
        "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";

    /// <summary>A C# string literal, or <c>null</c>.</summary>
    public static string Literal(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                < ' ' => "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A UTF-8 string literal (<c>"…"u8</c>).</summary>
    public static string Utf8(string value) => Literal(value) + "u8";

    /// <summary>A type name without <c>global::</c>, for descriptors and messages.</summary>
    public static string Plain(string fullName) => fullName.Replace("global::", string.Empty);
}

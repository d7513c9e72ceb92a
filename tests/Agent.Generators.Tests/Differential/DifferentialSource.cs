using System.Text;

namespace GuestAgent.Generators.Tests.Differential;

/// <summary>One parameter type under comparison: its key (a command name and a C# identifier part), C# type and default.</summary>
/// <param name="Key">The command name of the plain form; <c>.n</c> is the nullable form, <c>.d</c> the one with a default.</param>
/// <param name="CSharp">The C# type.</param>
/// <param name="Default">The C# default of the <c>.d</c> form, or null for no such form (a reference type with no constant).</param>
/// <param name="Listed">Whether the JSON context must list the type for the binder (a type it reads through the context).</param>
internal sealed record DifferentialType(string Key, string CSharp, string? Default, bool Listed = false);

/// <summary>
/// The sample the differential test compiles: for each type <c>T</c> a command taking <c>T</c>,
/// <c>T?</c> and <c>T</c> with a default, and records with one such property that the same
/// compilation's source-generated context reads, with the options the binder claims to mirror
/// (case-sensitive names, numbers only as numbers, nullable annotations respected, enums by name).
/// Every command and the reference answer with the same canonical text of the value, so a value
/// compares as text, and -0, a decimal's scale or a date's kind are not lost on the way.
/// </summary>
internal static class DifferentialSource
{
    /// <summary>The types the binder reads inline, then those it reads through the JSON context.</summary>
    public static readonly DifferentialType[] Types =
    [
        new("string", "string", "\"dflt\""),
        new("bool", "bool", "true"),
        new("byte", "byte", "7"),
        new("sbyte", "sbyte", "-7"),
        new("short", "short", "-7"),
        new("ushort", "ushort", "7"),
        new("int", "int", "7"),
        new("uint", "uint", "7"),
        new("long", "long", "-7"),
        new("ulong", "ulong", "7"),
        new("float", "float", "1e-45f"),
        new("double", "double", "-0.0"),
        new("decimal", "decimal", "1.50m"),
        new("guid", "Guid", "default"),
        new("datetime", "DateTime", "default"),
        new("dto", "DateTimeOffset", "default"),
        new("color", "Color", "Color.Blue"),
        new("perm", "Perm", "Perm.Read | Perm.Write"),
        new("signed", "Signed", "Signed.All"),
        new("bits", "Bits", "Bits.A | Bits.B"),
        new("element", "JsonElement", "default"),
        new("char", "char", "'x'", Listed: true),
        new("timespan", "TimeSpan", "default", Listed: true),
        new("dateonly", "DateOnly", "default", Listed: true),
        new("timeonly", "TimeOnly", "default", Listed: true),
        new("half", "Half", "default", Listed: true),
        new("int128", "Int128", "default", Listed: true),
        new("bytes", "byte[]", null, Listed: true),
        new("ints", "int[]", null, Listed: true),
        new("strings", "List<string>", null, Listed: true),
        new("node", "JsonNode", null, Listed: true),
        new("uri", "Uri", null, Listed: true),
        new("version", "Version", null, Listed: true),
    ];

    /// <summary>
    /// The commands that take the value whole (one <c>string</c> or <c>JsonElement</c>
    /// parameter), with the record the reference reads the same value into as its property.
    /// </summary>
    public static readonly (string Name, string Parameter, string Record)[] RawCommands =
    [
        ("raw", "string v", "H_string"),
        ("raw.n", "string? v", "N_string"),
        ("raw.d", "string v = \"dflt\"", "D_string"),
        ("raw.e", "JsonElement v", "H_element"),
        ("raw.ed", "JsonElement v = default", "D_element"),
    ];

    /// <summary>The record the reference reads for a command of the object form (<c>int</c>, <c>int.n</c>, <c>int.d</c>).</summary>
    public static string RecordOf(string command)
    {
        var dot = command.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return "H_" + command;
        }

        return (command[(dot + 1)..] == "n" ? "N_" : "D_") + command[..dot];
    }

    public static string Build()
    {
        var source = new StringBuilder(Header);
        var commands = new StringBuilder();
        var reads = new StringBuilder();
        source.AppendLine("[JsonSourceGenerationOptions(RespectNullableAnnotations = true, UseStringEnumConverter = true)]");
        foreach (var type in Types)
        {
            source.AppendLine($"[JsonSerializable(typeof(H_{type.Key}))]");
            source.AppendLine($"[JsonSerializable(typeof(N_{type.Key}))]");
            if (type.Default is not null)
            {
                source.AppendLine($"[JsonSerializable(typeof(D_{type.Key}))]");
            }

            if (type.Listed)
            {
                source.AppendLine($"[JsonSerializable(typeof({type.CSharp}))]");
            }
        }

        source.AppendLine("internal partial class DiffJson : JsonSerializerContext;").AppendLine();
        foreach (var type in Types)
        {
            var name = "Bind_" + type.Key;
            source.AppendLine($"public sealed record H_{type.Key}({type.CSharp} v);");
            source.AppendLine($"public sealed record N_{type.Key}({type.CSharp}? v);");
            AddCommand(commands, type.Key, name, $"{type.CSharp} v");
            AddCommand(commands, type.Key + ".n", name + "N", $"{type.CSharp}? v");
            AddRead(reads, "H_" + type.Key);
            AddRead(reads, "N_" + type.Key);
            if (type.Default is not null)
            {
                source.AppendLine($"public sealed record D_{type.Key}({type.CSharp} v = {type.Default});");
                AddCommand(commands, type.Key + ".d", name + "D", $"{type.CSharp} v = {type.Default}");
                AddRead(reads, "D_" + type.Key);
            }
        }

        foreach (var (command, parameter, _) in RawCommands)
        {
            commands.AppendLine($"    [Command(\"{command}\")] public static string {command.Replace(".", "_", StringComparison.Ordinal)}({parameter}) => Canon.Of(v);");
        }

        source.AppendLine().AppendLine("public static class Commands").AppendLine("{").Append(commands).AppendLine("}").AppendLine();
        source.AppendLine("""
            public static class Reference
            {
                /// <summary>The record's one property as the context reads it from <paramref name="json"/>, or '!' and the exception's type.</summary>
                public static string Read(string record, byte[] json)
                {
                    object? value;
                    try
                    {
                        value = record switch
                        {
            """);
        source.Append(reads);
        source.AppendLine("""
                            _ => throw new ArgumentException(record),
                        };
                    }
                    catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException)
                    {
                        return "!" + e.GetType().Name;
                    }

                    return Canon.Of(value);
                }
            }
            """);
        source.Append(CanonSource);
        return source.ToString();
    }

    /// <summary>
    /// Every command takes a second, optional parameter never sent, so that a lone <c>string</c> or
    /// <c>JsonElement</c> binds from an object property as every other type does (the value taken
    /// whole is <see cref="RawCommands"/>).
    /// </summary>
    private static void AddCommand(StringBuilder commands, string command, string method, string parameter) =>
        commands.AppendLine($"    [Command(\"{command}\")] public static string {method}({parameter}, bool z = false) => Canon.Of(v);");

    private static void AddRead(StringBuilder reads, string record) =>
        reads.AppendLine($"                \"{record}\" => (object?)JsonSerializer.Deserialize(json, DiffJson.Default.{record})!.v,");

    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Globalization;
        using System.Linq;
        using System.Text;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Diff.DiffJson))]

        namespace Diff;

        public enum Color { Red, Green, Blue }

        [Flags]
        public enum Perm { None = 0, Read = 1, Write = 2, Exec = 4 }

        [Flags]
        public enum Signed : sbyte { None = 0, A = 1, B = 2, All = -1 }

        [Flags]
        public enum Bits : ushort { None = 0, A = 1, B = 2 }


        """;

    /// <summary>
    /// The canonical text of a bound value: its type and every part that makes two values differ
    /// (a double's sign of zero, a decimal's scale, a date's kind and offset, each UTF-16 code unit),
    /// in printable ASCII so that it reads the same in a failure message.
    /// </summary>
    private const string CanonSource = """

        public static class Canon
        {
            public static string Of(object? value) => Printable(Text(value));

            private static string Text(object? value) => value switch
            {
                null => "null",
                string s => "string:" + s,
                double d => "double:" + d.ToString("R", CultureInfo.InvariantCulture),
                float f => "float:" + f.ToString("R", CultureInfo.InvariantCulture),
                Half h => "Half:" + ((double)h).ToString("R", CultureInfo.InvariantCulture),
                decimal m => "decimal:" + (decimal.IsNegative(m) ? "(negative)" : "") + m.ToString(CultureInfo.InvariantCulture),
                DateTime t => "DateTime:" + t.ToString("O", CultureInfo.InvariantCulture) + " " + t.Kind,
                DateTimeOffset t => "DateTimeOffset:" + t.ToString("O", CultureInfo.InvariantCulture),
                Enum e => e.GetType().Name + ":" + EnumText(e),
                JsonElement e => "JsonElement:" + e.ValueKind + (e.ValueKind == JsonValueKind.Undefined ? "" : " " + e.GetRawText()),
                JsonNode n => "JsonNode:" + NodeText(n),
                byte[] b => "bytes:" + Convert.ToHexString(b),
                System.Collections.IEnumerable list => value.GetType().Name + ":[" + string.Join(",", list.Cast<object?>().Select(Text)) + "]",
                IFormattable f => value.GetType().Name + ":" + f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.GetType().Name + ":" + value,
            };

            // Enum formatting takes no format provider: a number comes out in the current culture ("−5" in sv-SE).
            private static string EnumText(Enum e)
            {
                var number = Convert.ToDecimal(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
                var name = e.ToString();
                return (char.IsLetter(name[0]) || name[0] == '_' ? name : number) + "=" + number;
            }

            // A node holding a string that escapes an unpaired surrogate binds (on both sides) but
            // cannot be written back: that is its canonical text.
            private static string NodeText(JsonNode node)
            {
                try
                {
                    return node.ToJsonString();
                }
                catch (InvalidOperationException)
                {
                    return "(unwritable)";
                }
            }

            private static string Printable(string text)
            {
                var printable = new StringBuilder();
                foreach (var c in text)
                {
                    if (c is >= ' ' and < (char)0x7f and not ('\\' or '"' or '\'' or '~'))
                    {
                        printable.Append(c);
                    }
                    else
                    {
                        printable.Append('~').Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                }

                return printable.ToString();
            }
        }
        """;
}

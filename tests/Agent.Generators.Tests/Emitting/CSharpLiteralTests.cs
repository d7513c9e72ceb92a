using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Basic.Reference.Assemblies;
using GuestAgent.Generators.Emitting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace GuestAgent.Generators.Tests.Emitting;

/// <summary>
/// The string literals the generator writes (command names, descriptions, schemas, messages):
/// every value reads back unchanged from a compiled program whose source went through UTF-8, as
/// a generated file does when it is written out or embedded in the PDB.
/// </summary>
public sealed class CSharpLiteralTests
{
    /// <summary>Each character the escaping treats on its own, beside the characters that can change how an escape reads.</summary>
    private static readonly string?[] Values =
    [
        null,
        "",
        "plain",
        "quote \" backslash \\ at the end\\",
        "\\\"\\n",
        "line\nfeed\rreturn\r\ntab\tend",
        "nul\0 then hex\0abc\0" + "7\01",
        "\u0001\u0008\u000b\u000c\u001b\u001f\u007f",
        "\u0001abcdef \u007fF00D",
        "next line\u0085 line separator\u2028 paragraph separator\u2029 end",
        "caf\u00e9 \u00df \u4e2d \U0001F600 \uFEFF\uFFFD",
        "\uD800",
        "\uDC00",
        "\uDC00x",
        "x\uD800",
        "\uD800x",
        "\uDC00\uD800",
        "\uD83D\uD83D\uDE00",
        "a\uDE00\uDE00",
    ];

    [Fact]
    public void Every_value_reads_back_from_a_compiled_program_whose_file_went_through_UTF_8()
    {
        var source = "public static class Values { public static string?[] All() => new string?[] {\n"
            + string.Join(",\n", Values.Select(CSharp.Literal))
            + "\n}; public static byte[][] Bytes() => new byte[][] {\n"
            + string.Join(",\n", WellFormed().Select(v => "(" + CSharp.Utf8(v) + ").ToArray()"))
            + "\n}; }";

        var all = Run(source);

        Assert.Equal(Values, (string?[])all.Values);
        Assert.Equal(WellFormed().Select(Encoding.UTF8.GetBytes), (byte[][])all.Bytes);
    }

    [Fact]
    public void Printable_text_is_written_as_itself_and_nothing_invisible_or_unencodable_reaches_the_file()
    {
        Assert.Equal("null", CSharp.Literal(null));
        Assert.Equal("\"caf\u00e9 \U0001F600 \u4e2d\"", CSharp.Literal("caf\u00e9 \U0001F600 \u4e2d"));
        Assert.Equal("\"\\u0001\\u007f\\u0085\\u2028\\u2029\\udc00\\ud800x\"", CSharp.Literal("\u0001\u007f\u0085\u2028\u2029\uDC00\uD800x"));
        Assert.Equal("\"a\\\"b\\\\c\\n\\r\\t\\0\"u8", CSharp.Utf8("a\"b\\c\n\r\t\0"));
        Assert.All(Values.OfType<string>(), value =>
        {
            var literal = CSharp.Literal(value);
            Assert.DoesNotContain(literal, c => c < ' ' || c is '\u007f' or '\u0085' or '\u2028' or '\u2029');

            // A file is written as UTF-8: the literal must survive it (a lone surrogate would not).
            Assert.Equal(literal, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(literal)));
        });
    }

    [Fact]
    public void Plain_names_drop_every_global_qualifier() =>
        Assert.Equal(
            "System.Collections.Generic.Dictionary<System.String, App.Move[]>",
            CSharp.Plain("global::System.Collections.Generic.Dictionary<global::System.String, global::App.Move[]>"));

    /// <summary>The values a UTF-8 literal can hold (a lone surrogate has no UTF-8 form: CS9026).</summary>
    private static IEnumerable<string> WellFormed() =>
        Values.OfType<string>().Where(v => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(v)) == v);

    private static (object Values, object Bytes) Run(string source)
    {
        // Written and read back as UTF-8, as a generated file on disk is.
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(source);
        var text = SourceText.From(bytes, bytes.Length, Encoding.UTF8);
        var compilation = CSharpCompilation.Create(
            "Literals",
            [CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.CSharp11))],
            Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics) + "\n" + source);
        Assert.DoesNotContain(emitted.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);

        var context = new AssemblyLoadContext("literals", isCollectible: true);
        try
        {
            stream.Position = 0;
            var type = context.LoadFromStream(stream).GetType("Values", throwOnError: true)!;
            return (Call(type, "All"), Call(type, "Bytes"));
        }
        finally
        {
            context.Unload();
        }
    }

    private static object Call(Type type, string method) =>
        type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;
}

using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;
using GuestAgent.Generators.Tests.Torture;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A descriptor's summary is the method's XML documentation, and a bound parameter's <c>&lt;param&gt;</c>
/// its <c>description</c>, as plain text (authoring-commands.md, "What is generated"), in every form the
/// compiler reads as documentation: a delimited <c>/** */</c> comment, character references, a CDATA
/// section, a partial method documented on either part.
/// </summary>
public sealed class DocumentationFormsExecutionTests
{
    private const string Source = """
        namespace Sample
        {
            public static partial class Docs
            {
                /** <summary>Delimited summary.</summary>
                 * <param name="a">Delimited param.</param>
                 */
                [Command("doc.delimited")] public static string Delimited(int a = 1) => "d" + a.ToString(System.Globalization.CultureInfo.InvariantCulture);

                /// <summary>Less &#60;than&#62; and &#x2264; here.</summary>
                [Command("doc.reference")] public static string Reference() => "r";

                /// <summary>Code <![CDATA[a < b && c > d]]> end.</summary>
                [Command("doc.cdata")] public static string Cdata() => "c";

                /// <summary>On the definition.</summary>
                [Command("doc.partial")] public static partial string Partial();

                /// <summary>On the implementation.</summary>
                public static partial string Partial() => "p";

                /// <summary>Only on the definition.</summary>
                [Command("doc.definition")] public static partial string Definition();

                public static partial string Definition() => "d";

                /// <summary>Only on the definition, attribute on the implementation.</summary>
                public static partial string Implemented();

                [Command("doc.implemented")] public static partial string Implemented() => "i";
            }
        }
        """;

    [Theory]
    [InlineData("doc.delimited", "Delimited summary.")]
    [InlineData("doc.reference", "Less <than> and \u2264 here.")]
    [InlineData("doc.cdata", "Code a < b && c > d end.")]
    [InlineData("doc.partial", "On the implementation.")]
    [InlineData("doc.definition", "Only on the definition.")]
    [InlineData("doc.implemented", "Only on the definition, attribute on the implementation.")]
    public void The_summary_is_the_xml_documentation_as_plain_text(string name, string summary) =>
        Assert.Equal(summary, Descriptor(Source, name).Summary);

    [Fact]
    public void A_delimited_comment_s_param_is_the_description() =>
        Assert.Equal("Delimited param.", Description(Source, "doc.delimited", "a"));

    private const string Inheriting = """
        namespace Sample
        {
            public abstract class Base
            {
                /// <summary>From the base.</summary>
                public abstract string Overridden();
            }

            public interface IDocumented
            {
                /// <summary>From the interface.</summary>
                /// <param name="a">A, from the interface.</param>
                string Implemented(int a);

                /// <summary>Not this: the implementation has its own.</summary>
                string Own();

                /// <summary>Not this either: the implementation's cref names another member.</summary>
                string Cref();
            }

            public class Middle : Base
            {
                /// <inheritdoc/>
                public override string Overridden() => "m";
            }

            public sealed class Derived : Middle, IDocumented
            {
                /// <inheritdoc/>
                [Command("doc.override")] public override string Overridden() => "o";

                /** <inheritdoc /> */
                [Command("doc.interface")] public string Implemented(int a = 2) => "i";

                /// <summary>Its own.</summary>
                /// <inheritdoc/>
                [Command("doc.own")] public string Own() => "own";

                /// <inheritdoc cref="Base.Overridden"/>
                [Command("doc.cref")] public string Cref() => "c";

                /// <inheritdoc cref='Alone'/>
                [Command("doc.cref.method")] public string CrefMethod(int a = 3) => "c";

                /// <inheritdoc cref="Helper(int)"/>
                [Command("doc.cref.overload")] public string CrefOverload() => "c";

                /// <inheritdoc cref="Described"/>
                [Command("doc.cref.type")] public string CrefType() => "c";

                /// <inheritdoc cref="Limit"/>
                [Command("doc.cref.field")] public string CrefField() => "c";

                /// <inheritdoc cref="Size"/>
                [Command("doc.cref.property")] public string CrefProperty() => "c";

                /// <inheritdoc cref="Chained"/>
                [Command("doc.cref.chain")] public string CrefChain() => "c";

        #pragma warning disable CS1574 // the cref names nothing, on purpose
                /// <inheritdoc cref="Missing"/>
                [Command("doc.cref.missing")] public string CrefMissing() => "c";
        #pragma warning restore CS1574

                /// <remarks>Not <see cref="Alone"/>.</remarks>
                /// <inheritdoc cref="Helper(int)"/>
                [Command("doc.cref.see")] public string CrefSee() => "c";

                /// <inheritdoc cref="Alone" path="/remarks"/>
                [Command("doc.cref.path")] public string CrefPath() => "c";

                /// <inheritdoc cref="Cycle"/>
                [Command("doc.cref.cycle")] public string Cycle() => "c";

        #pragma warning disable CS0419 // the crefs name two overloads, on purpose
                /// <inheritdoc cref="Pick"/>
                [Command("doc.cref.ambiguous")] public string CrefAmbiguous() => "c";

                /// <inheritdoc cref="Swapped"/>
                [Command("doc.cref.ambiguous.swapped")] public string CrefSwapped() => "c";
        #pragma warning restore CS0419

                /// <summary>Pick, without a parameter.</summary>
                public string Pick() => "p";

                /// <summary>Pick, with one.</summary>
                public string Pick(int a) => "p";

                /// <summary>Swapped, with one.</summary>
                public string Swapped(int a) => "s";

                /// <summary>Swapped, without a parameter.</summary>
                public string Swapped() => "s";

                /// <summary>From the helper.</summary>
                /// <param name="a">A, from the helper.</param>
                public string Alone(int a) => "a";

                /// <summary>Not this overload.</summary>
                public string Helper() => "h";

                /// <summary>From the helper's overload.</summary>
                public string Helper(int a) => "h";

                /// <summary>From a field.</summary>
                public const int Limit = 1, Other = 2;

                /// <summary>From a property.</summary>
                public int Size => 1;

                /// <inheritdoc cref="Overridden"/>
                public string Chained() => "c";

                /// <inheritdoc/>
                [Command("doc.nothing")] public string Nothing() => "n";
            }

            /// <summary>From a type.</summary>
            public sealed class Described
            {
            }
        }
        """;

    [Theory]
    [InlineData("doc.override", "From the base.")]
    [InlineData("doc.interface", "From the interface.")]
    [InlineData("doc.own", "Its own.")]
    [InlineData("doc.nothing", "")]
    public void A_bare_inheritdoc_is_the_overridden_or_implemented_method_s_documentation(string name, string summary)
    {
        // As the IDE and documentation tools read it (through two overrides for doc.override); one with
        // nothing to inherit from leaves no summary.
        Assert.Equal(summary, Descriptor(Inheriting, name).Summary);
    }

    [Theory]
    [InlineData("doc.cref", "From the base.")]
    [InlineData("doc.cref.method", "From the helper.")]
    [InlineData("doc.cref.overload", "From the helper's overload.")]
    [InlineData("doc.cref.type", "From a type.")]
    [InlineData("doc.cref.field", "From a field.")]
    [InlineData("doc.cref.property", "From a property.")]
    [InlineData("doc.cref.chain", "From the base.")]
    [InlineData("doc.cref.see", "From the helper's overload.")]
    [InlineData("doc.cref.missing", "")]
    [InlineData("doc.cref.path", "")]
    [InlineData("doc.cref.cycle", "")]
    [InlineData("doc.cref.ambiguous", "Pick, without a parameter.")]
    [InlineData("doc.cref.ambiguous.swapped", "Swapped, with one.")]
    public void An_inheritdoc_with_a_cref_is_the_named_member_s_documentation(string name, string summary)
    {
        // The cref bound where the comment stands (not the implemented IDocumented.Cref for doc.cref; the
        // <inheritdoc>'s, not an earlier <see>'s, for doc.cref.see), and followed again when the named member inherits in turn (Chained, then two overrides); one naming
        // a method group is the overload the compiler assumes, the first declared (see below); one naming
        // nothing, one selecting a path, and one naming itself leave no summary.
        Assert.Equal(summary, Descriptor(Inheriting, name).Summary);
    }

    [Fact]
    public void An_inheritdoc_cref_is_bound_where_the_project_makes_no_documentation_file()
    {
        // Without a documentation file the compiler does not parse comments: the cref is still followed.
        var compilation = TortureCompiler.Compile([TortureCompiler.Usings + Inheriting]);
        var plain = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(tree =>
            tree.WithRootAndOptions(CSharpSyntaxTree.ParseText(tree.ToString(), ((CSharpParseOptions)tree.Options).WithDocumentationMode(DocumentationMode.None)).GetRoot(), ((CSharpParseOptions)tree.Options).WithDocumentationMode(DocumentationMode.None))));

        var (output, problems) = TortureCompiler.Generate(plain);

        Assert.Empty(problems);
        Assert.Contains(output.SyntaxTrees, tree => tree.ToString().Contains("\"From the helper's overload.\"", StringComparison.Ordinal));
    }

    [Fact]
    public void An_inherited_param_through_a_cref_is_the_description() =>
        Assert.Equal("A, from the helper.", Description(Inheriting, "doc.cref.method", "a"));

    [Fact]
    public void An_inherited_param_is_the_description() =>
        Assert.Equal("A, from the interface.", Description(Inheriting, "doc.interface", "a"));

    [Fact]
    public void An_inheritdoc_reads_a_referenced_assembly_s_documentation_file()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var library = CSharpCompilation.Create(
            "Docs.Library",
            [CSharpSyntaxTree.ParseText("""
                namespace Library
                {
                    public interface IRemote
                    {
                        /// <summary>From the library's documentation file.</summary>
                        string Run();

                        /// <inheritdoc cref="Run"/>
                        string Again();
                    }
                }
                """, TestCompiler.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose), cancellationToken: cancellation)],
            TestCompiler.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        using var documentation = new MemoryStream();
        Assert.True(library.Emit(image, xmlDocumentationStream: documentation, cancellationToken: cancellation).Success);
        var commands = TortureCompiler.Compile([TortureCompiler.Usings + """
            namespace Sample
            {
                public sealed class RemoteCommands : Library.IRemote
                {
                    /// <inheritdoc/>
                    [Command("doc.remote")] public string Run() => "r";

                    /// <inheritdoc/>
                    [Command("doc.remote.cref")] public string Again() => "a";
                }
            }
            """]).AddReferences(MetadataReference.CreateFromImage(image.ToArray(), documentation: XmlDocumentationProvider.CreateFromBytes(documentation.ToArray())));

        var (output, problems) = TortureCompiler.Generate(commands);

        // Again's entry in that file is an <inheritdoc> whose cref the compiler wrote as an id ("M:Library.IRemote.Run").
        Assert.Empty(problems);
        Assert.Equal(2, output.SyntaxTrees.Count(tree => tree.ToString().Contains("\"From the library's documentation file.\"", StringComparison.Ordinal)));
    }

    /// <summary>The compiler's own reading of these comments (its documentation file's), which the expectations above follow.</summary>
    [Theory]
    [InlineData("Delimited", "Delimited summary.")]
    [InlineData("Reference", "Less <than> and \u2264 here.")]
    [InlineData("Cdata", "Code a < b && c > d end.")]
    [InlineData("Partial", "On the implementation.")]
    [InlineData("Definition", "Only on the definition.")]
    [InlineData("Implemented", "Only on the definition, attribute on the implementation.")]
    public void The_compiler_s_documentation_file_reads_them_the_same(string method, string summary)
    {
        var compilation = TortureCompiler.Compile([TortureCompiler.Usings + Source]);
        using var assembly = new MemoryStream();
        using var documentation = new MemoryStream();

        var emitted = compilation.Emit(assembly, xmlDocumentationStream: documentation, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var file = XDocument.Parse(Encoding.UTF8.GetString(documentation.ToArray()));
        var member = Assert.Single(file.Descendants("member"), m => m.Attribute("name")!.Value.Split('(')[0] == $"M:Sample.Docs.{method}");
        Assert.Equal(summary, string.Join(' ', member.Element("summary")!.Value.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>
    /// A cref naming a method group (CS0419) is the overload the compiler assumes: the one its documentation
    /// file names (the first declared), where the IDE follows an <c>&lt;inheritdoc&gt;</c>.
    /// </summary>
    [Theory]
    [InlineData("doc.cref.ambiguous", "CrefAmbiguous")]
    [InlineData("doc.cref.ambiguous.swapped", "CrefSwapped")]
    public void An_ambiguous_cref_is_the_overload_the_compiler_s_documentation_file_names(string name, string method)
    {
        var compilation = TortureCompiler.Compile([TortureCompiler.Usings + Inheriting]);
        using var assembly = new MemoryStream();
        using var documentation = new MemoryStream();

        var emitted = compilation.Emit(assembly, xmlDocumentationStream: documentation, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var members = XDocument.Parse(Encoding.UTF8.GetString(documentation.ToArray())).Descendants("member").ToList();
        var cref = Assert.Single(members, m => m.Attribute("name")!.Value == $"M:Sample.Derived.{method}").Element("inheritdoc")!.Attribute("cref")!.Value;
        var named = Assert.Single(members, m => m.Attribute("name")!.Value == cref);
        Assert.Equal(named.Element("summary")!.Value, Descriptor(Inheriting, name).Summary);
    }

    private static CommandDescriptor Descriptor(string source, string name)
    {
        using var commands = TortureCompiler.Load(TortureCompiler.Usings + source);
        return commands.CreateRegistry().Commands.Single(c => c.Name == name);
    }

    /// <summary>The <c>description</c> of a bound parameter's property in a command's request schema.</summary>
    private static string? Description(string source, string name, string parameter)
    {
        using var schema = JsonDocument.Parse(Descriptor(source, name).RequestSchema);
        return schema.RootElement.GetProperty("properties").GetProperty(parameter).GetProperty("description").GetString();
    }
}

using GuestAgent.Generators.Emitting;

namespace GuestAgent.Generators.Tests.Emitting;

/// <summary>
/// The writer every generated file goes through: four spaces a level, <c>\n</c> line endings
/// whatever the text brought, no trailing blanks, and no file with a block left open.
/// </summary>
public sealed class SourceWriterTests
{
    [Fact]
    public void Multi_line_text_is_indented_line_by_line_with_LF_endings_and_no_blank_indentation()
    {
        var writer = new SourceWriter();
        writer.OpenBlock("class C").WriteLine("int a;\r\n\r\nint b;\nint c;").OpenBlock("void M()").WriteLine().CloseBlock().CloseBlock(" // C");

        Assert.Equal("class C\n{\n    int a;\n\n    int b;\n    int c;\n    void M()\n    {\n\n    }\n} // C\n", writer.ToString());
    }

    [Fact]
    public void A_block_left_open_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new SourceWriter().OpenBlock().ToString());
        Assert.Equal("{\n}\n", new SourceWriter().OpenBlock().CloseBlock().ToString());
    }

    [Fact]
    public void Experimental_ids_are_suppressed_in_one_pragma_and_none_writes_nothing()
    {
        // An empty "#pragma warning disable" would silence every warning of the file.
        Assert.Equal(string.Empty, new SourceWriter().SuppressExperimental([]).ToString());
        Assert.Equal(
            "#pragma warning disable GAX001, GAX002 // [Experimental] commands and types are served\n\n",
            new SourceWriter().SuppressExperimental(["GAX001", "GAX002"]).ToString());
    }
}

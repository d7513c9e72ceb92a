using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Here-documents (<c>&lt;&lt;EOF</c>, <c>&lt;&lt;-EOF</c>, quoted delimiters, several on a line): their
/// bodies are text given to a command, not commands, and only an unquoted one's expansions run. The
/// reader, the editor and <see cref="ShellNameReach.ReachesByName"/> read them so (<see cref="ShellHereDocuments"/>);
/// each file is sourced by a clean bash (<see cref="ShellValueReaderTests.SourceAsync"/>), the POSIX ones by dash too.
/// </summary>
public sealed class ShellHereDocumentTests
{
    [Theory]
    [InlineData("KEY=a\n: <<'EOF'\nKEY=x\n$KEY eval y $((KEY=3))\nEOF\n", "set:a")]
    [InlineData("KEY=a\n: <<EOF\nKEY=x\nunset KEY\nEOF\n", "set:a")]
    [InlineData("KEY=a\n: <<\"EOF\"\n$((KEY=3))\nEOF\n", "set:a")]
    [InlineData("KEY=a\n: <<\\EOF\n$((KEY=3))\nEOF\n", "set:a")]
    [InlineData("KEY=a\n: <<E\"O\"F\n$((KEY=3))\nEOF\n", "set:a")]
    [InlineData("KEY=a\n: <<EOF\n\\$((KEY=3)) \\${KEY:=5}\nEOF\n", "set:a")]
    [InlineData(": <<-EOF\n\tKEY=x\n\tEOF\nKEY=c\n", "set:c")]
    [InlineData(": <<- EOF\n\t\tEOF\nKEY=c\n", "set:c")]
    [InlineData(": <<EOF\n\tEOF\nKEY=c\n", "unset")]
    [InlineData(": <<EOF\nEOF \nKEY=c\n", "unset")]
    [InlineData(": <<EOF\nabc\\\nEOF\nKEY=c\n", "unset")]
    [InlineData(": <<EOF\nabc\\\\\nEOF\nKEY=c\n", "set:c")]
    [InlineData(": <<A <<'B'\nA\nKEY=x\nB\nKEY=c\n", "set:c")]
    [InlineData(": <<A; : <<'B'\nKEY=x\nA\nKEY=y\nB\nKEY=c\n", "set:c")]
    [InlineData("A=1 <<EOF &&\nKEY=x\nEOF\nKEY=c\n", "set:c")]
    [InlineData(": <<EOF # KEY=x\nKEY=x\nEOF\nKEY=c\n", "set:c")]
    [InlineData(": <<\"E\\\"F\"\nKEY=x\nE\"F\nKEY=c\n", "set:c")]
    [InlineData(": <<EOF\nEOF\\a\nKEY=x\nEOF\n", "unset")]
    [InlineData(": <<A\nA\nX=1\nKEY=c\n", "set:c")]
    [InlineData("A=1 <<- EOF &&\n\t\tEOF\nKEY=c\n", "set:c")]
    [InlineData("KEY=a\nif true; then :; fi\n: <<'EOF'\nKEY=x\nEOF\n", "set:a")]
    public async Task A_body_is_text_only_its_expansions_run(string text, string expected)
    {
        // A quoted delimiter expands nothing, a backslash escapes an expansion; <<- strips leading tabs, a
        // line with more than the delimiter ends nothing (the body runs to the end), a backslash-newline
        // joins lines in an unquoted body; bodies follow the line of their operators, in order.
        Assert.Equal(expected, await ShellValueReaderTests.SourceAsync(text));

        Assert.Equal(expected, Describe(ShellValueReader.Read(text, "KEY")));
    }

    [Theory]
    [InlineData("KEY=a\n: <<'EOF'\nKEY=x\nEOF\n", "set:a")]
    [InlineData(": <<-EOF\n\tKEY=x\n\tEOF\nKEY=c\n", "set:c")]
    [InlineData(": <<EOF\n\tEOF\nKEY=c\n", "unset")]
    [InlineData(": <<A <<'B'\nA\nKEY=x\nB\nKEY=c\n", "set:c")]
    [InlineData("KEY=a\n: <<\\EOF\n$((KEY=3))\nEOF\n", "set:a")]
    public async Task A_posix_sh_reads_bodies_as_bash_does(string text, string expected)
    {
        Assert.Equal("KEY=" + expected, await ShellSyntaxCheckTests.DashSourceAsync(text, "KEY"));

        Assert.Equal(expected, Describe(ShellValueReader.Read(text, "KEY")));
    }

    [Theory]
    [InlineData("KEY=a\n: <<EOF\n$((KEY=3))\nEOF\n", "set:3")]
    [InlineData(": <<EOF\n${KEY:=5}\nEOF\n", "set:5")]
    [InlineData("KEY=a\nP=K\n: <<EOF\n$(( ${P}EY = 3 ))\nEOF\n", "set:3")]
    [InlineData("KEY=a\nP=K\n: <<EOF\n${b[${P}EY=7]}\nEOF\n", "set:7")]
    public async Task An_unquoted_body_expands_and_may_set_a_key(string text, string expected)
    {
        // A builtin's body is expanded in the shell itself: its arithmetic and defaults stay.
        Assert.Equal(expected, await ShellValueReaderTests.SourceAsync(text));

        Assert.Equal(ShellValueState.Unknown, ShellValueReader.Read(text, "KEY").State);
    }

    [Theory]
    [InlineData("KEY=a\n: <<'EOF'\nKEY=x\nEOF\n", "KEY=new\n: <<'EOF'\nKEY=x\nEOF\n", ": <<'EOF'\nKEY=x\nEOF\n")]
    [InlineData(": <<'EOF'\nKEY=x\nEOF\n", ": <<'EOF'\nKEY=x\nEOF\nKEY=new\n", ": <<'EOF'\nKEY=x\nEOF\n")]
    [InlineData("KEY=a\n: <<EOF\nKEY=x\nexport KEY=y\nEOF\nOTHER=w\n", "KEY=new\n: <<EOF\nKEY=x\nexport KEY=y\nEOF\nOTHER=w\n", ": <<EOF\nKEY=x\nexport KEY=y\nEOF\nOTHER=w\n")]
    [InlineData(": <<EOF; KEY=a\nKEY=x\nEOF\n", ": <<EOF; KEY=new\nKEY=x\nEOF\n", ": <<EOF;\nKEY=x\nEOF\n")]
    [InlineData("KEY=a\n: <<-EOF\n\tKEY=x\n\tEOF\n", "KEY=new\n: <<-EOF\n\tKEY=x\n\tEOF\n", ": <<-EOF\n\tKEY=x\n\tEOF\n")]
    [InlineData("KEY=a\n: <<'EOF'\n$KEY\nEOF\n", "KEY=new\n: <<'EOF'\n$KEY\nEOF\n", ": <<'EOF'\n$KEY\nEOF\n")]
    public async Task The_editor_leaves_a_body_as_it_is(string text, string expectedSet, string expectedRemoved)
    {
        // A body's KEY=x is no assignment: editing it would change the text the command reads.
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");

        Assert.Equal(expectedSet, set);
        Assert.Equal(expectedRemoved, removed);
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal("unset", await ShellValueReaderTests.SourceAsync(removed));
        Assert.Equal(await ShellValueReaderTests.SourceAsync(text, "OTHER"), await ShellValueReaderTests.SourceAsync(set, "OTHER"));
    }

    [Theory]
    [InlineData("KEY=a\nread -r OTHER <<EOF\n$KEY\nEOF\n", "set:a")]
    [InlineData("KEY=a\nread -r OTHER <<-EOF\n\t${KEY}x\n\tEOF\n", "set:ax")]
    public async Task A_body_that_expands_the_key_keeps_its_assignments_and_the_line_follows(string text, string other)
    {
        // read takes the body's expansion of KEY: KEY=a stays, so OTHER keeps its value, and the line follows.
        Assert.Equal(other, await ShellValueReaderTests.SourceAsync(text, "OTHER"));

        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");

        Assert.Equal(text + "KEY=new\n", set);
        Assert.Equal(text + "unset -v KEY\n", removed);
        Assert.Equal($"OTHER={other} KEY=set:new", await ShellSyntaxCheckTests.DashSourceAsync(set, "OTHER", "KEY"));
        Assert.Equal($"OTHER={other} KEY=unset", await ShellSyntaxCheckTests.DashSourceAsync(removed, "OTHER", "KEY"));
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal(other, await ShellValueReaderTests.SourceAsync(set, "OTHER"));
    }

    [Fact]
    public async Task A_posix_sh_reads_the_edited_body_as_bash_does()
    {
        const string text = "KEY=a\n: <<'EOF'\nKEY=x\nEOF\n";

        Assert.Equal("KEY=set:new", await ShellSyntaxCheckTests.DashSourceAsync(ShellVariableEditor.Set(text, [new("KEY", "new")]), "KEY"));
        Assert.Equal("KEY=unset", await ShellSyntaxCheckTests.DashSourceAsync(ShellVariableEditor.Remove(text, key => key == "KEY"), "KEY"));
    }

    [Fact]
    public async Task A_kept_statement_is_never_a_line_of_a_body()
    {
        // conf.d/net and ifcfg files carry over their other assignments: a body's line is none.
        const string text = "MTU=1\n: <<EOF\nMTU=9\nEOF\n";
        Assert.Equal("set:1", await ShellValueReaderTests.SourceAsync(text, "MTU"));

        Assert.Equal(["MTU=1"], ShellKeptStatements.Find(text, key => key == "IPADDR"));
    }

    [Theory]
    [InlineData(": <<EOF\n$((X))\nEOF\n", false, true)]
    [InlineData(": <<EOF\neval x\n${a[K]}\nEOF\n", false, true)]
    [InlineData(": <<EOF\n$(eval x)\nEOF\n", false, true)]
    [InlineData(": <<EOF\n`eval x`\nEOF\n", false, true)]
    [InlineData(": <<EOF\n$(set)\nEOF\n", true, true)]
    [InlineData(": <<A <<B\nA\n$((X))\nB\n", false, true)]
    [InlineData(": <<-EOF\n\tEOF\neval x\n", false, true)]
    [InlineData(": <<EOF\nEOF\n: <<EOF\n$[X]\nEOF\n", false, true)]
    [InlineData("(( x << 2 ))\n2\neval x\n", false, true)]
    [InlineData(": <<'EOF'\n$((X)) ${!r} ${a[K]}\neval x\nEOF\n", false, false)]
    [InlineData(": <<EOF\neval x\n. /etc/x\nset\nEOF\n", true, false)]
    [InlineData(": <<EOF\n\\$((X)) \\`eval x\\`\nEOF\n", false, false)]
    [InlineData(": <<'A' <<B\n$((X))\nA\nB\n", false, false)]
    [InlineData(": <<EOF\n\tEOF\neval x\n", false, false)]
    public void ReachesByName_reads_a_body_as_text_and_its_expansions(string text, bool observing, bool expected)
    {
        // An unquoted body's arithmetic, indirection, subscripts and command substitutions count; its
        // lines are no commands, and a quoted body or an escaped $ expands nothing. Inside ((…)) << shifts.
        Assert.Equal(expected, ShellNameReach.ReachesByName(text, observing));
    }

    [Theory]
    [InlineData(": <<EOF\nKEY=x\nEOF\nKEY=c\n", new[] { ": <<EOF\nKEY=x\nEOF", "KEY=c" })]
    [InlineData(": <<EOF\nKEY=x\n", new[] { ": <<EOF\nKEY=x" })]
    [InlineData(": <<<EOF\nKEY=x\nEOF\n", new[] { ": <<<EOF", "KEY=x", "EOF" })]
    [InlineData("(( x << 2 ))\nKEY=c\n2\n", new[] { "(( x << 2 ))", "KEY=c", "2" })]
    [InlineData(": <<$X\nKEY=c\n$X\n", new[] { ": <<$X\nKEY=c\n$X" })]
    [InlineData(": <<$(e)\nKEY=c\n$(e)\n", new[] { ": <<$(e)", "KEY=c", "$(e)" })]
    public void A_statement_holds_the_bodies_after_its_line(string text, string[] expected)
    {
        // A here-string and an arithmetic shift open no body; a $ in a delimiter is text, a command substitution
        // there is not read as one (its lines stay commands, which only makes more keys count, and the editor refuses).
        Assert.Equal(expected, ShellStatements.Split(text));
    }

    [Theory]
    [InlineData("KEY=old\nX=$(cat <<EOF)\nKEY=x\nEOF\n")]
    [InlineData("KEY=old\n: <<'E\nF'\nKEY=x\nE\nF\n")]
    [InlineData("KEY=old\n: <<\"E\nF\"\nKEY=x\nE\nF\n")]
    [InlineData("KEY=old\nX=`cat <<EOF\nKEY=x\nEOF\n`\n")]
    [InlineData("KEY=old\nX=$(: <<'E\nF'\nKEY=x\nE\nF\n)\n")]
    [InlineData("KEY=old\nX=`echo \\`cat <<EOF\nKEY=x\nEOF\n\\``\n")]
    [InlineData("KEY=old\nX=`echo $(cat <<EOF\nKEY=x\nEOF\n)`\n")]
    [InlineData("KEY=old\nX=$(echo `cat <<EOF\nKEY=x\nEOF\n`)\n")]
    [InlineData("KEY=old\n: <<$(echo E)\nKEY=x\n$(echo E)\n")]
    [InlineData("KEY=old\n: <<E`X`\nKEY=x\nE`X`\n")]
    [InlineData("KEY=old\n: <<${X}\nKEY=x\n${X}\n")]
    public async Task A_here_document_not_read_makes_the_editor_refuse(string text)
    {
        // bash takes KEY=x as a body (text), not a command: in $(cat <<EOF) closed on its line the body
        // comes from the lines after (dash reads it otherwise), a quoted delimiter holding a newline is
        // ended differently by bash and dash, dash refuses a delimiter holding $(…) (the lexer reads none holding an
        // expansion but $X), and backquotes, also nested or inside $(…), hide the operator from the lexer. The
        // editor does not read these, so it must refuse rather than edit or drop KEY=x.
        Assert.Equal("set:old", await ShellValueReaderTests.SourceAsync(text));

        var set = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Set(text, [new("KEY", "new")], "/etc/rc.conf"));
        var removed = Assert.Throws<InvalidNetworkDataException>(() => ShellVariableEditor.Remove(text, key => key == "KEY", "/etc/rc.conf"));
        Assert.All([set, removed], e => Assert.Contains("/etc/rc.conf: holds a here-document the editor does not read", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("KEY=old\nX=$(cat <<EOF\nKEY=x\nEOF\n)\n")]
    [InlineData("KEY=old\nX=`echo a<b`\nY=$(cat <<E\n`x`\nE\n)\n")]
    public void A_here_document_read_is_edited(string text)
    {
        // The forms the lexer reads (a body inside $(…) before its ')') and a '<' that opens none stay editable.
        Assert.Equal(text.Replace("KEY=old", "KEY=new", StringComparison.Ordinal), ShellVariableEditor.Set(text, [new("KEY", "new")]));
    }

    [Theory]
    [InlineData("KEY=old\nX=`echo $((1<<2))`\n")]
    [InlineData("KEY=old\nX=`((x << 2)); cat <<<y`\n")]
    [InlineData("KEY=old\nX=`echo \\`echo $((1<<2))\\``\n")]
    [InlineData("KEY=old\nX=$(echo `echo $((1<<2))`)\n")]
    [InlineData("KEY=old\nX=`echo \\\\<</dev/null`\n")]
    public async Task An_arithmetic_shift_in_backquotes_is_edited(string text)
    {
        // Before, any << between backquotes refused the file; a shift or a here-string opens no here-document, nor
        // does <<, once bash has made the backquotes' \\ a \ (the command is echo \<</dev/null: an escaped <, then <).
        // (The new line goes last: any $((…)) after the key's line counts as reading a variable by a name it holds.)
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");

        Assert.Contains(text["KEY=old\n".Length..], set, StringComparison.Ordinal);
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal("unset", await ShellValueReaderTests.SourceAsync(removed));
        Assert.Equal(await ShellValueReaderTests.SourceAsync(text, "X"), await ShellValueReaderTests.SourceAsync(set, "X"));
    }

    [Theory]
    [InlineData("KEY=a\n: <<$X\nKEY=x\n$X\n", "set:a")]
    [InlineData("KEY=a\n: <<E$X\nKEY=x\nE$X\n", "set:a")]
    [InlineData("KEY=a\n: <<$X\"a\"\nKEY=x\n$Xa\n", "set:a")]
    [InlineData("KEY=a\n: <<\\$1\nKEY=x\n$1\nKEY=b\n", "set:b")]
    public async Task A_dollar_in_a_delimiter_is_text(string text, string expected)
    {
        // bash and dash end the body at a line that is the delimiter as written; before, its lines were commands (E$X's KEY=x was read).
        Assert.Equal(expected, await ShellValueReaderTests.SourceAsync(text));
        Assert.Equal("KEY=" + expected, await ShellSyntaxCheckTests.DashSourceAsync(text, "KEY"));

        Assert.Equal(expected, Describe(ShellValueReader.Read(text, "KEY")));
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal("KEY=set:new", await ShellSyntaxCheckTests.DashSourceAsync(set, "KEY"));
        Assert.Contains("\nKEY=x\n", set, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dollar_delimiter_body_expands()
    {
        const string text = "KEY=a\n: <<$X\n$((KEY=3))\n$X\n";
        Assert.Equal("set:3", await ShellValueReaderTests.SourceAsync(text));
        Assert.Equal("KEY=set:3", await ShellSyntaxCheckTests.DashSourceAsync(text, "KEY"));

        Assert.Equal(ShellValueState.Unknown, ShellValueReader.Read(text, "KEY").State);
    }

    [Theory]
    [InlineData("if true; then KEY=a; fi\n: <<EOF\nx\nEOF\n", "if true; then KEY=a; fi\n: <<EOF\nx\nEOF\nKEY=new\n")]
    [InlineData("KEY=a\nf() { KEY=b; }\ncat <<'EOF' >/dev/null\nKEY=x\nEOF\n", "KEY=new\nf() { KEY=b; }\ncat <<'EOF' >/dev/null\nKEY=x\nEOF\nKEY=new\n")]
    public async Task The_line_after_a_construct_goes_past_a_here_document(string text, string expected)
    {
        // The syntax check follows a here-document it reads: before, it proved nothing and Set refused the file.
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);

        Assert.Equal(expected, set);
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal("KEY=set:new", await ShellSyntaxCheckTests.DashSourceAsync(set, "KEY"));
    }

    private static string Describe(ShellValue value) => value.State switch
    {
        ShellValueState.Known => "set:" + value.KnownText,
        ShellValueState.Unset => "unset",
        _ => "unknown",
    };
}

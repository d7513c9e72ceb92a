using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// <see cref="ShellVariableEditor"/> on lines with lists, pipelines, background commands, several
/// assignments and constructs it does not follow: each edited file is sourced by a clean bash
/// (<see cref="ShellValueReaderTests.SourceAsync"/>), which must read the new value (or none) for
/// KEY and what it read before for OTHER.
/// </summary>
public sealed class ShellVariableEditorTests
{
    [Theory]
    [InlineData("KEY=a && OTHER=w\n")]
    [InlineData("export KEY=a && OTHER=w\n")]
    [InlineData("KEY=a || OTHER=z; OTHER=w\n")]
    [InlineData("KEY=\"x\ny\" && OTHER=w # note\n")]
    [InlineData("OTHER=w KEY=a\n")]
    [InlineData("OTHER=w KEY=a KEY=b\n")]
    [InlineData("A=1 KEY=a OTHER=w B=2\n")]
    [InlineData("export OTHER=w KEY=a\n")]
    [InlineData("OTHER=w && KEY=a\n")]
    [InlineData("KEY=a\nOTHER=w || KEY=b\n")]
    [InlineData("OTHER=w &&\n  KEY=a\n")]
    [InlineData("KEY=a && KEY=b && OTHER=w\n")]
    [InlineData("OTHER=w &&\n\n  KEY=a\n")]
    [InlineData("A=(x\n y)\nKEY=a; OTHER=w\n")]
    [InlineData("OTHER=x >/dev/null; KEY=a; OTHER=w\n")]
    public async Task Setting_or_removing_a_key_in_a_list_or_among_assignments_keeps_the_rest(string text)
    {
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");

        Assert.Equal("set:w", await ShellValueReaderTests.SourceAsync(text, "OTHER"));
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal("set:w", await ShellValueReaderTests.SourceAsync(set, "OTHER"));
        Assert.Equal("unset", await ShellValueReaderTests.SourceAsync(removed));
        Assert.Equal("set:w", await ShellValueReaderTests.SourceAsync(removed, "OTHER"));
        Assert.Equal(text.Contains("# note", StringComparison.Ordinal), set.Contains("# note", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("KEY=a | :\n")]
    [InlineData("KEY=a |& :; OTHER=w\n")]
    [InlineData("KEY=a &\n")]
    [InlineData("KEY=a && OTHER=w &\n")]
    [InlineData("OTHER=w & KEY=a &\n")]
    public async Task An_assignment_run_in_a_copy_of_the_shell_is_left_alone(string text)
    {
        // bash runs a pipeline's commands and a list in the background in a subshell: KEY is never set
        // in the sourcing shell, so the line stays whole and setting KEY appends its own assignment.
        Assert.Equal("unset", await ShellValueReaderTests.SourceAsync(text));
        Assert.Equal(ShellValue.Unset, ShellValueReader.Read(text, "KEY"));
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);

        Assert.Equal(text + "KEY=new\n", set);
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal(text, ShellVariableEditor.Remove(text, key => key == "KEY"));
    }

    [Theory]
    [InlineData("if true; then\nKEY=a\nfi\nOTHER=w\n")]
    [InlineData("f() {\n  KEY=a\n}\nf\nOTHER=w\n")]
    [InlineData("KEY=(a\nb)\nOTHER=w\n")]
    [InlineData("(KEY=a; OTHER=x)\nOTHER=w\n")]
    public async Task What_the_editor_does_not_follow_is_kept_and_the_key_set_or_unset_after_it(string text)
    {
        // Removing KEY=a from "then KEY=a fi" would leave "then fi", which bash refuses: nothing there is edited.
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);
        var removed = ShellVariableEditor.Remove(text, key => key == "KEY");

        Assert.Equal(text + "unset -v KEY\n", removed);
        Assert.Equal("unset", await ShellValueReaderTests.SourceAsync(removed));
        Assert.Equal("set:w", await ShellValueReaderTests.SourceAsync(removed, "OTHER"));
        Assert.Equal(text + "KEY=new\n", set);
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
        Assert.Equal("set:w", await ShellValueReaderTests.SourceAsync(set, "OTHER"));
    }

    [Fact]
    public void Only_the_assignment_word_is_edited()
    {
        Assert.Equal("KEY=new && echo x\n", ShellVariableEditor.Set("KEY=a && echo x\n", [new("KEY", "new")]));
        Assert.Equal(": && echo x\n", ShellVariableEditor.Remove("KEY=a && echo x\n", key => key == "KEY"));
        Assert.Equal("OTHER=w || :\n", ShellVariableEditor.Remove("OTHER=w || KEY=b\n", key => key == "KEY"));
        Assert.Equal("OTHER=w\n", ShellVariableEditor.Remove("OTHER=w KEY=a\n", key => key == "KEY"));
        Assert.Equal("OTHER=w\n", ShellVariableEditor.Remove("OTHER=w KEY=a KEY=b\n", key => key == "KEY"));
        Assert.Equal("A=1 B=3 # c\n", ShellVariableEditor.Remove("A=1 KEY=2 B=3 # c\n", key => key == "KEY"));
        Assert.Equal("A=1\tKEY=new\n", ShellVariableEditor.Set("A=1\tKEY=2 KEY=3\n", [new("KEY", "new")]));
        Assert.Equal("export OTHER\n", ShellVariableEditor.Remove("export OTHER KEY=a\n", key => key == "KEY"));
        Assert.Equal("OTHER=w; # c\n", ShellVariableEditor.Remove("OTHER=w; export KEY=a # c\n", key => key == "KEY"));
        Assert.Equal("export KEY=new\n", ShellVariableEditor.Set("export \"KEY=a b\"\n", [new("KEY", "new")]));
        Assert.Equal("", ShellVariableEditor.Remove("KEY=a; KEY=b\n", key => key == "KEY"));
    }

    [Fact]
    public void What_runs_conditionally_in_a_copy_of_the_shell_or_past_a_syntax_error_is_edited_as_bash_reads_it()
    {
        // After || the assignment may not run: Set does not give it the new value but removes it and sets KEY after.
        Assert.Equal("OTHER=w || :\nKEY=new\n", ShellVariableEditor.Set("OTHER=w || KEY=a\n", [new("KEY", "new")]));
        // A pipeline's last command, which lastpipe runs in the shell, and export -n (it takes the export
        // away, a form the reader does not follow) are left, and KEY unset after them.
        Assert.Equal("OTHER=w | KEY=a\nunset -v KEY\n", ShellVariableEditor.Remove("OTHER=w | KEY=a\n", key => key == "KEY"));
        Assert.Equal("export -n KEY=a\nunset -v KEY\n", ShellVariableEditor.Remove("export -n KEY=a\n", key => key == "KEY"));
        // bash stops at the lone ';': nothing after it is edited.
        Assert.Equal(";\nKEY=b\n", ShellVariableEditor.Remove("KEY=a\n;\nKEY=b\n", key => key == "KEY"));
    }

    [Fact]
    public async Task A_key_set_again_in_a_construct_not_edited_is_set_once_more_after_it()
    {
        const string text = "KEY=a\nif true; then KEY=b; fi\n";
        var set = ShellVariableEditor.Set(text, [new("KEY", "new")]);

        Assert.Equal("KEY=new\nif true; then KEY=b; fi\nKEY=new\n", set);
        Assert.Equal("set:new", await ShellValueReaderTests.SourceAsync(set));
    }
}

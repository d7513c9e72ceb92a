using System.Text;
using GuestAgent.Commands;
using GuestAgent.Commands.Network.Rendering.Common;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// <see cref="ShellValueReader"/> against a real bash on thousands of generated files
/// (<see cref="ShellFileGenerator"/>, a fixed seed so a failure reproduces): KEY's known value must
/// be bash's, unset must be unset, and unknown is allowed only for a file holding a form the reader
/// documents as unknowable. The files are built so that none can run a command; bash also runs with
/// an empty environment, a PATH of one empty directory and an empty working directory. The same
/// files edited by <see cref="ShellVariableEditor"/> must read, in bash, as the edit meant.
/// </summary>
public sealed class ShellValueReaderDifferentialTests
{
    private const int Seed = 2026_11_30;
    private const int Count = 3000;

    // One bash for each share of the files (ShellBatch): each file is sourced in its own subshell, so none sees another's variables.
    private const string Script = """
        i=$1; end=$2; d=$3
        while [ "$i" -lt "$end" ]; do
          ( . "$d/$i" </dev/null >/dev/null 2>&1
            for v in KEY OTHER KEY_2; do if eval "[ -n \"\${$v+x}\" ]"; then eval "printf 'S%s\0' \"\$$v\""; else printf 'U\0'; fi; done )
          i=$((i+1))
        done
        """;

    [Fact]
    public async Task Generated_files_are_read_as_bash_sources_them()
    {
        var generator = new ShellFileGenerator(new Random(Seed));
        var files = Enumerable.Range(0, Count).Select(_ => generator.Next()).ToList();
        var bash = (await SourceAllAsync(files.Select(f => f.Text).ToList())).Select(v => v[0]).ToList();

        var failures = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            var read = ShellValueReader.Read(files[i].Text, "KEY");
            var ours = read.State switch
            {
                ShellValueState.Known => "S" + read.Text,
                ShellValueState.Unset => "U",
                _ => files[i].MayBeUnknown ? bash[i] : "unknown",
            };
            if (ours != bash[i])
            {
                failures.Add($"#{i} {Show(files[i].Text)}: bash {Show(bash[i])}, reader {Show(ours)}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Count} differ:\n" + string.Join('\n', failures.Take(30)));
    }

    [Fact]
    public async Task Generated_files_edited_read_in_bash_as_the_edit_meant()
    {
        // After Set, KEY is the new value, even in a file that stops before its end (a syntax error, a
        // return); after Remove, KEY is unset, even where an assignment is not edited (an array, one
        // before export); OTHER and KEY_2 are as they were either way. None is refused: the files hold
        // no construct the reader does not follow.
        var generator = new ShellFileGenerator(new Random(Seed + 1));
        var files = Enumerable.Range(0, Count).Select(_ => generator.Next()).ToList();
        var refused = new List<string>();
        var texts = files.Select(f => f.Text)
            .Concat(files.Select(f => Edit(f.Text, refused, text => ShellVariableEditor.Set(text, [new("KEY", "new")]))))
            .Concat(files.Select(f => Edit(f.Text, refused, text => ShellVariableEditor.Remove(text, key => key == "KEY"))))
            .ToList();
        Assert.True(refused.Count == 0, $"{refused.Count} edits refused:\n" + string.Join('\n', refused.Take(30)));
        var bash = await SourceAllAsync(texts);

        var failures = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            var (original, set, removed) = (bash[i], bash[Count + i], bash[(2 * Count) + i]);
            if (set[0] != "Snew" || set[1..].SequenceEqual(original[1..]) is false)
            {
                failures.Add($"#{i} {Show(files[i].Text)}: set {Show(texts[Count + i])} reads {string.Join(' ', set.Select(Show))}, was {string.Join(' ', original.Select(Show))}");
            }

            if (removed[0] != "U" || removed[1..].SequenceEqual(original[1..]) is false)
            {
                failures.Add($"#{i} {Show(files[i].Text)}: removed {Show(texts[(2 * Count) + i])} reads {string.Join(' ', removed.Select(Show))}, was {string.Join(' ', original.Select(Show))}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} edits of {Count} files differ:\n" + string.Join('\n', failures.Take(30)));
    }

    private static string Edit(string text, List<string> refused, Func<string, string> edit)
    {
        try
        {
            return edit(text);
        }
        catch (CommandException e)
        {
            refused.Add($"{Show(text)}: {e.Message}");
            return text;
        }
    }

    /// <summary>What bash leaves KEY, OTHER and KEY_2 with for each file: <c>S</c> and the value, or <c>U</c> when unset.</summary>
    private static async Task<List<string[]>> SourceAllAsync(List<string> texts)
    {
        // An edit that changes nothing gives the text again: each distinct text is sourced once.
        var files = texts.Distinct(StringComparer.Ordinal).ToList();
        // A non-interactive bash with an empty environment reads no start-up file (no BASH_ENV).
        var output = await ShellBatch.RunAsync(ExternalTool.Require("bash", "bash"), "bash", Script, files);
        var values = output.Split('\0')[..^1];
        Assert.Equal(files.Count * 3, values.Length);
        var byText = files.Zip(values.Chunk(3)).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal);
        return texts.Select(text => byText[text]).ToList();
    }

    private static string Show(string text)
    {
        var shown = new StringBuilder("\"");
        foreach (var c in text)
        {
            shown.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\\' => "\\\\",
                '"' => "\\\"",
                < ' ' or '\u007f' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return shown.Append('"').ToString();
    }
}

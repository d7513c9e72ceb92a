using GuestAgent.Commands;
using GuestAgent.Commands.Network.Rendering.Common;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The reader and the editor against bash and dash on generated files with broken command substitutions,
/// backquotes and here-documents (<see cref="ShellBrokenSubstitutionGenerator"/>, a fixed seed so a failure
/// reproduces). Each file, and each edit of it, is checked with both shells' <c>-n</c> and sourced by both
/// (each by a shell of its own with an EXIT trap, so a file a shell stops in still reports): a known value the reader
/// gives for a file the editor edits must be bash's (one it refuses holds a form it does not read, as bash's
/// <c>$(cat &lt;&lt;'E'⏎text⏎E)</c>, whose value the reader may still take as dash's); an edit the editor makes must leave KEY as it meant (the new value, or unset) in
/// both shells and OTHER and X as they were in each; and an edit of a file both shells parse must parse in
/// both. A refusal is always allowed: refusing loses nothing.
/// </summary>
public sealed class ShellBrokenSubstitutionDifferentialTests
{
    private const int Seed = 2026_12_02;
    private const int Count = 500;

    // A dash runs each share of the files (ShellBatch) for either shell: each file is parsed with the shell's -n, then
    // sourced by a shell of its own (a subshell would leave the file at an expansion error, `$((1+\2))`, where a shell's
    // top level reads on) whose EXIT trap reports KEY, OTHER and X even when the shell leaves the file at a syntax error.
    // The driver only starts those shells, and a dash starts each with about two thirds of a bash's page faults.
    private const string Script = """
        i=$1; end=$2; d=$3; sh=$4
        while [ "$i" -lt "$end" ]; do
          "$sh" -n "$d/$i" </dev/null >/dev/null 2>&1; printf 'N%s\0' "$?"
          "$sh" -c 'exec 3>&1; trap '"'"'printf V >&3; for v in KEY OTHER X; do if eval "[ -n \"\${$v+x}\" ]"; then eval "printf \"S%s\\1\" \"\$$v\"" >&3; else printf "U\\1" >&3; fi; done; printf "\\0" >&3'"'"' EXIT; . "$1" </dev/null >/dev/null 2>&1' "$sh" "$d/$i"
          i=$((i+1))
        done
        """;

    [Fact]
    public async Task Broken_substitutions_are_refused_or_edited_as_both_shells_read_them()
    {
        var generator = new ShellBrokenSubstitutionGenerator(new Random(Seed));
        var files = Enumerable.Range(0, Count).Select(_ => generator.Next()).ToList();
        var sets = files.Select(f => Edit(() => ShellVariableEditor.Set(f, [new("KEY", "new")]))).ToList();
        var removes = files.Select(f => Edit(() => ShellVariableEditor.Remove(f, key => key == "KEY"))).ToList();
        var texts = files.Concat(sets.Select((s, i) => s ?? files[i])).Concat(removes.Select((r, i) => r ?? files[i])).ToList();
        var runs = await Task.WhenAll(RunAllAsync("bash", texts), RunAllAsync("dash", texts));
        var (bash, dash) = (runs[0], runs[1]);

        var failures = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            var file = files[i];
            var read = ShellValueReader.Read(file, "KEY");
            var reads = read.State switch
            {
                ShellValueState.Known => "S" + read.Text,
                ShellValueState.Unset => "U",
                _ => bash[i].Values[0],
            };
            if (sets[i] is not null && reads != bash[i].Values[0])
            {
                failures.Add($"#{i} {Show(file)}: bash KEY {Show(bash[i].Values[0])}, reader {Show(reads)}");
            }

            Compare(failures, i, file, "set", sets[i], "Snew", bash[i], bash[Count + i], dash[i], dash[Count + i]);
            Compare(failures, i, file, "removed", removes[i], "U", bash[i], bash[(2 * Count) + i], dash[i], dash[(2 * Count) + i]);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} differences in {Count} files:\n" + string.Join('\n', failures.Take(80)));
    }

    private static void Compare(List<string> failures, int i, string file, string what, string? edited, string key, Outcome bash, Outcome bashEdited, Outcome dash, Outcome dashEdited)
    {
        if (edited is null)
        {
            return;
        }

        foreach (var (shell, before, after) in new[] { ("bash", bash, bashEdited), ("dash", dash, dashEdited) })
        {
            if (after.Values[0] != key || after.Values[1..].SequenceEqual(before.Values[1..]) is false)
            {
                failures.Add($"#{i} {Show(file)}: {what} {Show(edited)} leaves in {shell} {string.Join(' ', after.Values.Select(Show))}, was {string.Join(' ', before.Values.Select(Show))}");
            }
        }

        if (bash.Parses && dash.Parses && (bashEdited.Parses && dashEdited.Parses) is false)
        {
            failures.Add($"#{i} {Show(file)}: {what} {Show(edited)} no longer parses: bash -n {bashEdited.Parses}, dash -n {dashEdited.Parses}");
        }
    }

    private static string? Edit(Func<string> edit)
    {
        try
        {
            return edit();
        }
        catch (CommandException)
        {
            return null;
        }
    }

    /// <summary>Each file's <c>-n</c> answer and what sourcing it leaves KEY, OTHER and X (<c>S</c> and the value, or <c>U</c>).</summary>
    private static async Task<List<Outcome>> RunAllAsync(string shellName, List<string> texts)
    {
        // A refused edit gives the file again: each distinct text is run once.
        var files = texts.Distinct(StringComparer.Ordinal).ToList();
        var shell = ExternalTool.Require(shellName, shellName);
        var output = await ShellBatch.RunAsync(ExternalTool.Require("dash", "dash"), shellName, Script, files, shell);
        var outcomes = new List<Outcome>();
        foreach (var record in output.Split('\0')[..^1])
        {
            if (record.StartsWith('N'))
            {
                outcomes.Add(new Outcome(record == "N0", []));
            }
            else
            {
                Assert.StartsWith("V", record, StringComparison.Ordinal);
                outcomes[^1] = outcomes[^1] with { Values = record[1..].Split('\u0001')[..^1] };
            }
        }

        Assert.Equal(files.Count, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(3, o.Values.Length));
        var byText = files.Zip(outcomes).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal);
        return texts.Select(text => byText[text]).ToList();
    }

    private static string Show(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private sealed record Outcome(bool Parses, string[] Values);
}

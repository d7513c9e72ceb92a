using System.Text;
using GuestAgent.Commands.Network.Rendering.Common;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// <see cref="ShellValueReader"/> against a real bash on thousands of generated files
/// (<see cref="ShellFileGenerator"/>, a fixed seed so a failure reproduces): KEY's known value must
/// be bash's, unset must be unset, and unknown is allowed only for a file holding a form the reader
/// documents as unknowable. The files are built so that none can run a command; bash also runs with
/// an empty environment, a PATH of one empty directory and an empty working directory.
/// </summary>
public sealed class ShellValueReaderDifferentialTests
{
    private const int Seed = 2026_11_30;
    private const int Count = 3000;

    // One bash for all files: each is sourced in its own subshell, so none sees another's variables.
    private const string Script = """
        n=$1; shift; i=0
        while [ "$i" -lt "$n" ]; do
          ( . "$1/$i" </dev/null >/dev/null 2>&1; if [ -n "${KEY+x}" ]; then printf 'S%s\0' "$KEY"; else printf 'U\0'; fi )
          i=$((i+1))
        done
        """;

    [Fact]
    public async Task Generated_files_are_read_as_bash_sources_them()
    {
        var generator = new ShellFileGenerator(new Random(Seed));
        var files = Enumerable.Range(0, Count).Select(_ => generator.Next()).ToList();
        var bash = await SourceAllAsync(files);

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

    /// <summary>What bash leaves KEY with for each file: <c>S</c> and the value, or <c>U</c> when unset.</summary>
    private static async Task<List<string>> SourceAllAsync(List<GeneratedShellFile> files)
    {
        var env = ExternalTool.Require("env", "coreutils");
        var bash = ExternalTool.Require("bash", "bash");
        using var directory = new TemporaryDirectory();
        var sourced = directory.Combine("files");
        var emptyPath = directory.Combine("path");
        var work = directory.Combine("work");
        Directory.CreateDirectory(sourced);
        Directory.CreateDirectory(emptyPath);
        Directory.CreateDirectory(work);
        for (var i = 0; i < files.Count; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(sourced, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), files[i].Text, TestContext.Current.CancellationToken);
        }

        var result = await ExternalTool.RunAsync(
            env,
            ["-i", "PATH=" + emptyPath, bash, "--noprofile", "--norc", "-c", Script, "bash", files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), sourced],
            timeout: TimeSpan.FromMinutes(5),
            workingDirectory: work);
        Assert.Equal(0, result.ExitCode);
        var values = result.StandardOutput.Split('\0')[..^1].ToList();
        Assert.Equal(files.Count, values.Count);
        Assert.Empty(Directory.GetFileSystemEntries(work));
        return values;
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

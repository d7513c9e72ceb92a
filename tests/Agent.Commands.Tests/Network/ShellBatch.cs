using System.Globalization;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Runs a shell script over many files for a differential test against real shells
/// (<see cref="ShellBrokenSubstitutionDifferentialTests"/>, <see cref="ShellValueReaderDifferentialTests"/>): the
/// files are written as <c>0</c>, <c>1</c>, … in a directory of their own, and the script runs with an empty
/// environment, a PATH of one empty directory and an empty working directory (which must stay empty).
/// </summary>
/// <remarks>
/// The time goes in process creation: each file is sourced by a forked subshell or a shell started for it, and a
/// fork costs milliseconds of CPU here (a page fault is dear in a virtual machine; a bash fork takes about 70). So
/// the files are split into one consecutive share per processor, each run by a process of its own at once, and the
/// outputs joined in file order: each file still gets the same commands in the same kind of process.
/// </remarks>
internal static class ShellBatch
{
    /// <summary>
    /// Runs <c><paramref name="shell"/> -c <paramref name="script"/> <paramref name="name"/>
    /// START END DIRECTORY <paramref name="arguments"/></c> over each share [START, END) of <paramref name="files"/>,
    /// asserts that each exited 0 and that nothing was left in the working directory, and answers the standard outputs
    /// in file order.
    /// </summary>
    public static async Task<string> RunAsync(string shell, string name, string script, IReadOnlyList<string> files, params string[] arguments)
    {
        var env = ExternalTool.Require("env", "coreutils");
        using var directory = new TemporaryDirectory();
        var sourced = directory.Combine("files");
        var emptyPath = directory.Combine("path");
        var work = directory.Combine("work");
        Directory.CreateDirectory(sourced);
        Directory.CreateDirectory(emptyPath);
        Directory.CreateDirectory(work);
        for (var i = 0; i < files.Count; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(sourced, Number(i)), files[i], TestContext.Current.CancellationToken);
        }

        var shares = Math.Max(1, Environment.ProcessorCount);
        var size = (files.Count + shares - 1) / shares;
        var runs = Enumerable.Range(0, shares)
            .Select(s => (Start: s * size, End: Math.Min(files.Count, (s + 1) * size)))
            .Where(share => share.Start < share.End)
            .Select(share => ExternalTool.RunAsync(
                env,
                ["-i", "PATH=" + emptyPath, shell, "-c", script, name, Number(share.Start), Number(share.End), sourced, .. arguments],

                // The timeout only turns a hang into a failure: several thousand forks take minutes at a load average of 30.
                timeout: TimeSpan.FromMinutes(20),
                workingDirectory: work));
        var results = await Task.WhenAll(runs);
        Assert.All(results, r => Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.StandardError}"));
        Assert.Empty(Directory.GetFileSystemEntries(work));
        return string.Concat(results.Select(r => r.StandardOutput));
    }

    private static string Number(int i) => i.ToString(CultureInfo.InvariantCulture);
}

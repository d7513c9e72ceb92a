using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.Infrastructure;

/// <summary>
/// Approved-file snapshots of generated sources, named like Verify.SourceGenerators:
/// <c>Snapshots/&lt;TestClass&gt;.&lt;TestMethod&gt;#&lt;HintName&gt;.verified.cs</c>. A mismatch
/// writes <c>.received.cs</c> beside it and fails with a diff; <c>ACCEPT_SNAPSHOTS=1</c> accepts
/// changes (and deletes stale files) unless <c>CI=true</c>.
/// </summary>
internal static partial class Snapshot
{
    private static bool Accepting =>
        Environment.GetEnvironmentVariable("ACCEPT_SNAPSHOTS") == "1"
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Compares every source of the command generator with its approved file.</summary>
    public static void Verify(GeneratorDriverRunResult result, string testClass, [CallerMemberName] string testMethod = "", [CallerFilePath] string callerFile = "")
    {
        var directory = Path.Combine(ProjectDirectory(callerFile), "Snapshots");
        Directory.CreateDirectory(directory);
        var prefix = $"{testClass}.{testMethod}#";
        var generated = result.Results
            .Where(r => r.Generator.GetGeneratorType() == typeof(CommandGenerator))
            .SelectMany(r => r.GeneratedSources)
            .ToDictionary(s => prefix + Path.GetFileNameWithoutExtension(s.HintName) + ".verified.cs", s => Normalize(s.SourceText.ToString()));
        Assert.NotEmpty(generated);

        var failures = new List<string>();
        foreach (var (file, text) in generated.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var verified = Path.Combine(directory, file);
            var received = Path.ChangeExtension(verified, null).Replace(".verified", ".received", StringComparison.Ordinal) + ".cs";
            var approved = File.Exists(verified) ? Normalize(File.ReadAllText(verified)) : null;
            if (approved == text)
            {
                File.Delete(received);
                continue;
            }

            if (Accepting)
            {
                File.WriteAllText(verified, text);
                File.Delete(received);
                continue;
            }

            File.WriteAllText(received, text);
            failures.Add(approved is null
                ? $"{file}: no approved file; the generated text is in {Path.GetFileName(received)} (run with ACCEPT_SNAPSHOTS=1 to accept)"
                : $"{file} differs (received in {Path.GetFileName(received)}):\n{TextDiff.Render(approved, text)}");
        }

        foreach (var stale in Directory.GetFiles(directory, prefix + "*.verified.cs").Select(Path.GetFileName).Where(f => !generated.ContainsKey(f!)))
        {
            if (Accepting)
            {
                File.Delete(Path.Combine(directory, stale!));
            }
            else
            {
                failures.Add($"{stale}: approved, but the generator no longer produces it");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static string ProjectDirectory(string file)
    {
        for (var directory = Path.GetDirectoryName(file); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (Directory.EnumerateFiles(directory, "*.csproj").Any())
            {
                return directory;
            }
        }

        throw new InvalidOperationException($"No project directory above {file}");
    }

    /// <summary><c>\n</c> line endings and no generator version, so snapshots survive both.</summary>
    public static string Normalize(string text) =>
        VersionPattern().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), "GeneratedCode(\"GuestAgent.Generators\", \"{version}\")");

    [GeneratedRegex("GeneratedCode\\(\"GuestAgent\\.Generators\", \"[^\"]*\"\\)")]
    private static partial Regex VersionPattern();
}

/// <summary>A small line diff (longest common subsequence), enough to read a snapshot mismatch.</summary>
internal static class TextDiff
{
    public static string Render(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var output = new StringBuilder();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lengths[x + 1, y] >= lengths[x, y + 1]))
            {
                output.Append("- ").Append(x + 1).Append(": ").AppendLine(a[x++]);
            }
            else
            {
                output.Append("+ ").Append(y + 1).Append(": ").AppendLine(b[y++]);
            }
        }

        return output.ToString();
    }
}

using System.Reflection;
using System.Text.RegularExpressions;
using GuestAgent.Commands.Kms;
using GuestAgent.Commands.Update;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// docs/commands.md's error tables of <c>agentupdate</c> and <c>kmsactivate</c> against the code, both
/// ways: every text the command's messages class holds (a template filled with the placeholders the
/// page writes, <c>&lt;reason&gt;</c>) is a text of the table's first column, and every text that
/// column states is one the class produces. A row's <c>… rest</c> continues the row's first text after
/// its first <c>": "</c>; texts in parentheses (<c>(or `timed out`, …)</c>) are alternatives of a
/// variable part, found there but not held to the code (an <c>/usr/lib/os-release</c>).
/// </summary>
public sealed partial class CommandErrorTableTests
{
    private const int Number = 987654;

    public static TheoryData<string> Commands => new("agentupdate", "kmsactivate");

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_template_is_filled_here(string command)
    {
        var (type, texts) = Produced(command);
        var templates = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(method => method.ReturnType == typeof(string))
            .Select(method => method.Name);

        Assert.Equal(templates.Order(StringComparer.Ordinal), texts.Where(text => !text.Constant).Select(text => text.Name).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_text_the_code_answers_is_in_the_table(string command)
    {
        var written = Table(command).SelectMany(row => row.Stated.Concat(row.Alternatives)).ToHashSet(StringComparer.Ordinal);

        Assert.All(Produced(command).Texts, text => Assert.True(written.Contains(text.Text), $"docs/commands.md's {command} table does not write out {text.Name}: '{text.Text}'"));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_text_the_table_states_is_one_the_code_answers(string command)
    {
        var produced = Produced(command).Texts.Select(text => text.Text).ToHashSet(StringComparer.Ordinal);
        var rows = Table(command);

        Assert.NotEmpty(rows);
        Assert.All(rows.SelectMany(row => row.Stated), stated => Assert.True(produced.Contains(stated), $"docs/commands.md's {command} table states '{stated}', which no text of the code is"));
    }

    private static (Type Type, IReadOnlyList<(string Name, string Text, bool Constant)> Texts) Produced(string command)
    {
        var (type, filled) = command switch
        {
            "agentupdate" => (typeof(AgentUpdateMessages), UpdateTemplates()),
            "kmsactivate" => (typeof(KmsActivateMessages), KmsTemplates()),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
        var constants = type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (field.Name, (string)field.GetRawConstantValue()!, true));
        return (type, [.. constants, .. filled.Select(pair => (pair.Name, pair.Text, false))]);
    }

    private static IEnumerable<(string Name, string Text)> UpdateTemplates()
    {
        const string Above = "<either of the two above>";
        yield return (nameof(AgentUpdateMessages.StagingFailed), AgentUpdateMessages.StagingFailed("<reason>"));
        yield return (nameof(AgentUpdateMessages.DownloadFailed), AgentUpdateMessages.DownloadFailed("<TLS failure>"));
        yield return (nameof(AgentUpdateMessages.DownloadFailed), AgentUpdateMessages.DownloadFailed("<error>"));
        yield return (nameof(AgentUpdateMessages.DownloadStatus), Placed(AgentUpdateMessages.DownloadStatus(Number), "<code>"));
        yield return (nameof(AgentUpdateMessages.DownloadTooLarge), Placed(AgentUpdateMessages.DownloadTooLarge(Number), "<n>"));
        yield return (nameof(AgentUpdateMessages.TooManyRedirects), AgentUpdateMessages.TooManyRedirects(RedirectFollower.MaxRedirects));
        yield return (nameof(AgentUpdateMessages.Md5Mismatch), AgentUpdateMessages.Md5Mismatch("<given>", "<computed>"));
        yield return (nameof(AgentUpdateMessages.Sha256Mismatch), AgentUpdateMessages.Sha256Mismatch("<given>", "<computed>"));
        yield return (nameof(AgentUpdateMessages.InvalidArchive), AgentUpdateMessages.InvalidArchive("<reason>"));
        yield return (nameof(AgentUpdateMessages.UnpackFailed), AgentUpdateMessages.UnpackFailed("<reason>"));
        yield return (nameof(AgentUpdateMessages.NoBinary), AgentUpdateMessages.NoBinary(new AgentUpdateOptions().BinaryName));
        yield return (nameof(AgentUpdateMessages.BinaryTooLarge), Placed(AgentUpdateMessages.BinaryTooLarge(Number), "<n>"));
        yield return (nameof(AgentUpdateMessages.InstallFailed), AgentUpdateMessages.InstallFailed("<reason>"));
        yield return (nameof(AgentUpdateMessages.DoesNotRun), AgentUpdateMessages.DoesNotRun("<exit code>"));
        yield return (nameof(AgentUpdateMessages.RestartFailed), AgentUpdateMessages.RestartFailed("<exit code>"));
        yield return (nameof(AgentUpdateMessages.ProgramNotStarted), AgentUpdateMessages.ProgramNotStarted("<reason>"));
        yield return (nameof(AgentUpdateMessages.LeftInPlace), AgentUpdateMessages.LeftInPlace(Above));
        yield return (nameof(AgentUpdateMessages.RollBackFailed), AgentUpdateMessages.RollBackFailed(Above, "<exception type>", "<path>.bak"));
        yield return (nameof(AgentUpdateMessages.RemovalFailed), AgentUpdateMessages.RemovalFailed(Above, "<exception type>"));
    }

    private static IEnumerable<(string Name, string Text)> KmsTemplates()
    {
        const string Above = "<either of the two above>";
        yield return (nameof(KmsActivateMessages.ReadFailed), KmsActivateMessages.ReadFailed("/etc/os-release", "<reason>"));
        yield return (nameof(KmsActivateMessages.ReadFailed), KmsActivateMessages.ReadFailed(Up2DateConfig.Path, "<reason>"));
        yield return (nameof(KmsActivateMessages.StillLocked), KmsActivateMessages.StillLocked("<n>"));
        yield return (nameof(KmsActivateMessages.LockFailed), KmsActivateMessages.LockFailed(KmsActivationLock.PathFor(new KmsActivateOptions()), "<reason>"));
        yield return (nameof(KmsActivateMessages.WriteFailed), KmsActivateMessages.WriteFailed("<reason>"));
        yield return (nameof(KmsActivateMessages.ActivationFailed), KmsActivateMessages.ActivationFailed("<exit code>"));
        yield return (nameof(KmsActivateMessages.RestoreFailed), KmsActivateMessages.RestoreFailed(Above, "<reason>"));
        yield return (nameof(KmsActivateMessages.RestoreUnconfirmed), KmsActivateMessages.RestoreUnconfirmed(Above, "<reason>"));
    }

    // A number the template formats itself stands for the page's placeholder.
    private static string Placed(string text, string placeholder)
    {
        Assert.Contains(Number.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        return text.Replace(Number.ToString(System.Globalization.CultureInfo.InvariantCulture), placeholder, StringComparison.Ordinal);
    }

    /// <summary>The first column of the command's error table: the texts it states, and those in parentheses.</summary>
    private static List<(List<string> Stated, List<string> Alternatives)> Table(string command)
    {
        var lines = File.ReadAllLines(RepositoryFiles.Path("docs", "commands.md"));
        var heading = Array.IndexOf(lines, "## " + command);
        Assert.True(heading >= 0, $"docs/commands.md has no '## {command}'");
        var rows = new List<(List<string>, List<string>)>();
        var header = Array.FindIndex(lines, heading, line => line == "| error | when |");
        Assert.True(header > heading && !lines[heading..header].Skip(1).Any(line => line.StartsWith("## ", StringComparison.Ordinal)), $"the {command} section has no error table");
        foreach (var line in lines.Skip(header + 2).TakeWhile(line => line.StartsWith('|')))
        {
            var (stated, alternatives) = (new List<string>(), new List<string>());
            var (inCode, depth, start) = (false, 0, -1);
            for (var i = 1; i < line.Length && (inCode || line[i] != '|'); i++)
            {
                switch (line[i])
                {
                    case '`' when inCode:
                        (depth == 0 ? stated : alternatives).Add(line[(start + 1)..i]);
                        inCode = false;
                        break;
                    case '`':
                        (inCode, start) = (true, i);
                        break;
                    case '(' when !inCode:
                        depth++;
                        break;
                    case ')' when !inCode:
                        depth--;
                        break;
                }
            }

            Assert.NotEmpty(stated);
            // "… rest" continues the row's first text after its first ": ".
            var prefix = stated[0][..(stated[0].IndexOf(": ", StringComparison.Ordinal) + 2)];
            rows.Add((stated.Select(text => Continued(text, prefix)).ToList(), alternatives.Select(text => Continued(text, prefix)).ToList()));
        }

        return rows;
    }

    private static string Continued(string text, string prefix) => text.StartsWith("… ", StringComparison.Ordinal) ? prefix + text["… ".Length..] : text;
}

using System.Text;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Random shell-style files around command substitutions, backquotes and here-documents nested in one
/// another (a here-document in <c>$(…)</c>, backquotes in <c>$(…)</c> in a here-document's body, a delimiter
/// inside a substitution), most of them then broken by a few random cuts and insertions of the pieces those
/// forms are made of: unclosed, mis-nested, a delimiter moved or lost. No arithmetic: dash leaves the file at an
/// arithmetic expression that does not parse (<c>$((1+\2))</c>), an error found only when it runs, which the editor does not look for. Each file sets KEY and OTHER before
/// the form and again after it, so where a shell stops shows in what it leaves them.
/// </summary>
/// <remarks>
/// The files are sourced by bash and dash with an empty PATH, so the only commands that can run are
/// builtins: the pieces name only <c>echo</c>, <c>:</c>, <c>cat</c> (not found) and assignments, hold no
/// redirection to a file, no loop and nothing that reads standard input. A here-document's command is <c>echo</c>, not
/// <c>:</c>: a cut <c>&lt;&lt;E</c> leaves <c>&lt;E</c>, a file not found, at which dash leaves a file for a special builtin.
/// </remarks>
internal sealed class ShellBrokenSubstitutionGenerator(Random random)
{
    private static readonly string[] Pieces =
    [
        "$(", ")", "`", "\\`", "(", "<<E", "<<'E'", "<<-E", "\nE\n", "\n", "E", "E)", "\"", "'", " ", ";",
        "echo ", "KEY=c", "KEY=d;", "OTHER=w", "#", "\\", "${Y:-", "}", "!", "&&", "|", "$(cat <<E\n", "`cat <<E\n",
    ];

    private static readonly string[] Tails = ["", "E\n", ")\n", "`\n", "KEY=c\n", "E\nKEY=e\n", "`)\nKEY=f\n", "'\n"];

    /// <summary>The next file.</summary>
    public string Next()
    {
        var form = new StringBuilder(random.Next(3) switch
        {
            0 => "X=" + Node(0),
            1 => "echo " + Node(0),
            _ => "echo <<E\n" + Body(0) + "\nE",
        });
        for (var cuts = random.Next(4); cuts > 0 && form.Length > 0; cuts--)
        {
            var at = random.Next(form.Length + 1);
            if (random.Next(2) == 0 && at < form.Length)
            {
                form.Remove(at, 1);
            }
            else
            {
                form.Insert(at, Pieces[random.Next(Pieces.Length)]);
            }
        }

        return "KEY=a\nOTHER=o\n" + form + "\nKEY=b\nOTHER=p\n" + Tails[random.Next(Tails.Length)];
    }

    private string Node(int depth) => (depth > 3 ? 4 + random.Next(3) : random.Next(7)) switch
    {
        0 or 1 => "$(" + Command(depth + 1) + ")",
        2 => "`" + Command(depth + 1) + "`",
        3 => "\"" + Node(depth + 1) + "\"",
        4 => "$Y",
        5 => "a",
        _ => "E",
    };

    private string Command(int depth) => random.Next(6) switch
    {
        0 or 1 => "echo " + Node(depth),
        2 => "cat <<E\n" + Body(depth) + "\nE\n",
        3 => "cat <<'E'\n" + Body(depth) + "\nE\n",
        4 => "KEY=c",
        _ => ": " + Node(depth) + "; KEY=d",
    };

    private string Body(int depth) => random.Next(3) switch
    {
        0 => "text",
        1 => Node(depth),
        _ => Node(depth) + "\n" + Node(depth),
    };
}

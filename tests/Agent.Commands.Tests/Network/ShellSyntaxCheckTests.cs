using GuestAgent.Commands.Network.Rendering.Common;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// <see cref="ShellSyntaxCheck"/> against a real bash: where it finds an error, <c>bash -n</c> refuses
/// the file but parses all before the error's complete command, a line put there runs when the file
/// is sourced and the command's first line does not (<c>LOST</c>); where it finds none, <c>bash -n</c>
/// parses the file and a line put at its end runs.
/// </summary>
public sealed class ShellSyntaxCheckTests
{
    [Theory]
    [InlineData("A=1\nfi\nB=1\n", 1)]
    [InlineData("A=1\nLOST=1; fi\nB=1\n", 1)]
    [InlineData("A=1\nLOST=1 && fi\n", 1)]
    [InlineData("A=1\nLOST=1 &&\nfi\n", 1)]
    [InlineData("A=1\nLOST=1 | done\n", 1)]
    [InlineData("A=1\nif true; then\n  B=1\nfi\nfi\n", 4)]
    [InlineData("A=1\nif true; then LOST=1\n  done\nfi\n", 1)]
    [InlineData("A=1\nif true; then LOST=1\n  B=1\n", 1)]
    [InlineData("A=1\nif true\n", 1)]
    [InlineData("A=1\n{ B=1; }\n}\n", 2)]
    [InlineData("A=1\n{ LOST=1 }\nB=1\n", 1)]
    [InlineData("A=1\nif true; then fi\n", 1)]
    [InlineData("A=1\nif LOST=1 && then :; fi\n", 1)]
    [InlineData("A=1\nif true; then LOST=1; else fi\n", 1)]
    [InlineData("A=1\nif true; then LOST=1; elif true; fi\n", 1)]
    [InlineData("A=1\n{ }\n", 1)]
    [InlineData("A=1\n( LOST=1 ) fi\n", 1)]
    [InlineData("A=1\nLOST=1 )\n", 1)]
    [InlineData("A=1\n( )\n", 1)]
    [InlineData("A=1\n(\n)\n", 1)]
    [InlineData("A=1\nwhile false; do B=1; done\ndone\n", 2)]
    [InlineData("A=1\nuntil true; do LOST=1; od\n", 1)]
    [InlineData("A=1\nfor x in a b; do LOST=1; done; done\n", 1)]
    [InlineData("A=1\nthen\n", 1)]
    [InlineData("A=1\nelse\n", 1)]
    [InlineData("A=1\nelif\n", 1)]
    [InlineData("A=1\ndo\n", 1)]
    [InlineData("A=1\nesac\n", 1)]
    [InlineData("A=1\nin\n", 1)]
    [InlineData("A=1\n! fi\n", 1)]
    [InlineData("A=1\nLOST=1 &&\n", 1)]
    [InlineData("A=1\nLOST=1 & ;\n", 1)]
    [InlineData("A=1\n;\n", 1)]
    [InlineData("A=1\n&& LOST=1\n", 1)]
    [InlineData("A=1\nLOST=1 | | B=1\n", 1)]
    [InlineData("A=1\nf() { LOST=1; }; }\n", 1)]
    [InlineData("A=1\nf()\n", 1)]
    [InlineData("A=1\nf() ;\n", 1)]
    [InlineData("A=1\nLOST=1 >\"open\n", 1)]
    [InlineData("A=1\nLOST=\"open\n", 1)]
    [InlineData("A=1\nif true; then\n  LOST=\"open\nfi\n", 1)]
    [InlineData("A=1\nLOST=(a \"open)\n", 1)]
    [InlineData("A=1\nfor \"open\n", 1)]
    [InlineData("A=1\nfor x in a \"open\n", 1)]
    [InlineData("A=1\nLOST=1 >\nB=1\n", 1)]
    [InlineData("A=1\nLOST=1 >", 1)]
    [InlineData("A=1\n: <<EOF\nfi\nEOF\nfi\n", 4)]
    [InlineData("A=1\nif true; then : <<'EOF'\nfi\nEOF\nLOST=1; done\nfi\n", 1)]
    [InlineData("A=1\nLOST=1 > ;\n", 1)]
    [InlineData("A=1\nLOST=1 2>\n", 1)]
    [InlineData("A=1\nLOST=1 <\n", 1)]
    [InlineData("A=1\nLOST=1 > # c\n", 1)]
    [InlineData("A=1\nLOST=1 > \\\n\n", 1)]
    [InlineData("A=1\nLOST=1 > && B=1\n", 1)]
    [InlineData("A=1\nLOST=1 > | B=1\n", 1)]
    [InlineData("A=1\nLOST=1 > & B=1\n", 1)]
    [InlineData("A=1\nLOST=1 >|| B=1\n", 1)]
    [InlineData("A=1\nLOST=1 >|& B=1\n", 1)]
    [InlineData("A=1\nLOST=1 >&\n", 1)]
    [InlineData("A=1\nLOST=1 >&& B=1\n", 1)]
    [InlineData("A=1\nLOST=1 <&& B=1\n", 1)]
    [InlineData("A=1\nLOST=1 <| B=1\n", 1)]
    [InlineData("A=1\nLOST=1 >>> f\n", 1)]
    [InlineData("A=1\nLOST=1 >&> f\n", 1)]
    [InlineData("A=1\nLOST=1 >>& f\n", 1)]
    [InlineData("A=1\nLOST=1 &>& f\n", 1)]
    [InlineData("A=1\nLOST=1 &>>\n", 1)]
    [InlineData("A=1\nLOST=1 > <f\n", 1)]
    [InlineData("A=1\nLOST=1 > (x)\n", 1)]
    [InlineData("A=1\nLOST=1 >>(x)\n", 1)]
    [InlineData("A=1\nLOST=1 &>(x)\n", 1)]
    [InlineData("A=1\nLOST=1 > )\n", 1)]
    [InlineData("A=1\n( LOST=1 > )\n", 1)]
    [InlineData("A=1\n{ LOST=1; } >\n", 1)]
    [InlineData("A=1\n{ LOST=1; } 2>\n", 1)]
    [InlineData("A=1\nif true; then\n  LOST=1 >\nfi\n", 1)]
    [InlineData("A=1\nLOST=1 &&\n  B=1 2>\n", 1)]
    [InlineData("A=1\n>\n", 1)]
    [InlineData("A=1\n> ;\n", 1)]
    [InlineData("A=1\nLOST=1; 2> ;\n", 1)]
    [InlineData("A=1\nLOST=1 ;; B=2\n", 1)]
    [InlineData("A=1\nLOST=1 ;& B=2\n", 1)]
    [InlineData("A=1\nB=$([[ a ]])\nfi\n", 2)]
    [InlineData("A=1\nLOST=1 | !\n", 1)]
    [InlineData("A=1\nLOST=1 | ! B=1\n", 1)]
    [InlineData("A=1\nLOST=1 |\n! B=1\n", 1)]
    [InlineData("A=1\nLOST=1 |& ! B=1\n", 1)]
    [InlineData("A=1\n! && LOST=1\n", 1)]
    [InlineData("A=1\n! | LOST=1\n", 1)]
    [InlineData("A=1\n! &\nB=1\n", 1)]
    [InlineData("A=1\n( ! )\n", 1)]
    [InlineData("A=1\n! ;;\n", 1)]
    public async Task An_error_is_found_at_the_complete_command_where_bash_stops(string text, int line)
    {
        var at = Offset(text, line);

        var syntax = ShellSyntaxCheck.Check(text);

        Assert.Equal(new ShellSyntax(ShellSyntaxOutcome.Error, at), syntax);
        Assert.False(await ParsesAsync(text));
        Assert.True(await ParsesAsync(text[..at]));
        var marked = text[..at] + "MARK=1\n" + text[at..];
        Assert.Equal("set:1", await ShellValueReaderTests.SourceAsync(marked, "MARK"));
        Assert.Equal("unset", await ShellValueReaderTests.SourceAsync(marked, "LOST"));
        Assert.Equal("set:1", await ShellValueReaderTests.SourceAsync(marked, "A"));

        // A POSIX sh (dash here; FreeBSD's rc and OpenRC source their files with /bin/sh) stops there too.
        Assert.Equal("A=set:1 MARK=set:1 LOST=unset", await DashSourceAsync(marked, "A", "MARK", "LOST"));

        // The reader ends the file there too.
        Assert.Equal(ShellValueState.Unset, ShellValueReader.Read(text, "LOST").State);
        Assert.Equal(ShellValue.Known("1"), ShellValueReader.Read(text, "A"));
    }

    [Theory]
    [InlineData("{ { A=1; } }\n")]
    [InlineData("if true; then { A=1; } fi\n")]
    [InlineData("if { A=1; } then :; fi\n")]
    [InlineData("f() { A=1; }\n")]
    [InlineData("f()\n{ A=1; }\n")]
    [InlineData("f() ( A=1 )\n")]
    [InlineData("f() if true; then A=1; fi\n")]
    [InlineData("while false\ndo A=1\ndone\n")]
    [InlineData("until true; do :; done\n")]
    [InlineData("for x in a b; do A=$x; done\n")]
    [InlineData("for x\ndo A=1; done\n")]
    [InlineData("for x in a b\ndo\n  A=$x\ndone\n")]
    [InlineData("( A=1 ) >/dev/null\n")]
    [InlineData("( A=1; )\n")]
    [InlineData("if true; then A=1; fi 2>&1 >/dev/null\n")]
    [InlineData("if true; then A=1; fi >|/dev/null\n")]
    [InlineData("if true\nthen\n  A=1\nelif false; then A=2\nelse A=3\nfi\n")]
    [InlineData("A=1 fi\n")]
    [InlineData("fi=1\n")]
    [InlineData("A=1 2>/dev/null\n")]
    [InlineData("A=1 >>/dev/null\n")]
    [InlineData("A=1 >|/dev/null\n")]
    [InlineData("A=1 <>/dev/null\n")]
    [InlineData("A=1 &>>/dev/null\n")]
    [InlineData("A=1 &>/dev/null\n")]
    [InlineData("A=1 >&2\n")]
    [InlineData("A=1 >& /dev/null\n")]
    [InlineData("A=1 2>&-\n")]
    [InlineData("A=1 <&-\n")]
    [InlineData("A=1 >\\\n/dev/null\n")]
    [InlineData("{ A=1; } 2>/dev/null\n")]
    [InlineData("A=(\nfi\n)\n")]
    [InlineData("A=1 &\nB=2\n")]
    [InlineData("A=1 && { B=2; }\n")]
    [InlineData("A=1 &&\n  B=2 ||\n  C=3\n")]
    [InlineData("! A=1\n")]
    [InlineData(": fi done } then\n")]
    [InlineData("A=1; # fi\n")]
    [InlineData("A=1\n\n")]
    [InlineData("")]
    [InlineData(": <<EOF\nfi\nEOF\n")]
    [InlineData(": <<-EOF\nfi\n\tEOF\n")]
    [InlineData("if true; then : <<'EOF'\nfi\nEOF\nfi\n")]
    [InlineData(": <<A; : <<B\n)\nA\ndone\nB\n")]
    [InlineData(": <<$X\nfi\n$X\n")]
    [InlineData("A=$(cat <<E\nfi\nE\n)\n")]
    [InlineData("A=$( ) B=$()\n")]
    [InlineData("A=$(if true; then :; fi) B=\"$(echo \")\")\"\n")]
    [InlineData("A='$(fi)' B=${Y:-'$(fi)'} C=$'$(fi)'\n")]
    [InlineData("A=`fi`\n")]
    [InlineData(": <<'E'\n$(fi)\nE\n")]
    [InlineData("A=$'\\'$(fi)' B=`echo $(fi)`\n")]
    public async Task Text_bash_parses_is_found_to_parse(string text)
    {
        Assert.Equal(new ShellSyntax(ShellSyntaxOutcome.Parses, -1), ShellSyntaxCheck.Check(text));
        Assert.True(await ParsesAsync(text));
        Assert.Equal("set:1", await ShellValueReaderTests.SourceAsync(text + "MARK=1\n", "MARK"));
    }

    [Theory]
    [InlineData("case x in a) A=1;; esac\n")]
    [InlineData("cat <<$(e)\nfi\n$(e)\n")]
    [InlineData("cat <<'E\nF'\nfi\nE\nF\n")]
    [InlineData("[[ ( a ) ]]\n")]
    [InlineData("((1 < 2))\n")]
    [InlineData("function f { :; }\n")]
    [InlineData("time :\n")]
    [InlineData(">f fi\n")]
    [InlineData("!\n")]
    [InlineData("for ((;;)); do :; done\n")]
    [InlineData("echo (a)\n")]
    [InlineData("A=$(case x in x) :;; esac)\n")]
    [InlineData("A=$(: <(x))\n")]
    [InlineData("A=$([[ a && b ]]) B=$(echo ok)\n")]
    [InlineData("{ :; } (x)\n")]
    [InlineData("{ :; } if\n")]
    [InlineData("{ :; } x\n")]
    [InlineData("A=1 >(x)\n")]
    [InlineData("A=1 > >(x)\n")]
    [InlineData("A=1 < <(x)\n")]
    [InlineData("<(x)\n")]
    [InlineData("for x y; do :; done\n")]
    [InlineData("for x in a; B=1; do :; done\n")]
    [InlineData("f() A=1\n")]
    [InlineData("cat <<<fi\n")]
    [InlineData("A=1\n!")]
    [InlineData("A=1\n! !")]
    public void Forms_it_does_not_follow_prove_nothing(string text)
    {
        Assert.Equal(new ShellSyntax(ShellSyntaxOutcome.NotFollowed, -1), ShellSyntaxCheck.Check(text));
    }

    internal static int Offset(string text, int line)
    {
        var at = 0;
        for (var i = 0; i < line; i++)
        {
            at = text.IndexOf('\n', at) + 1;
        }

        return at;
    }

    /// <summary>
    /// What a clean dash leaves each of <paramref name="keys"/> with once it has sourced the text: read
    /// by a trap on exit, since a POSIX shell leaves at a syntax error in a sourced file.
    /// </summary>
    internal static Task<string> DashSourceAsync(string text, params string[] keys) => TrapSourceAsync("dash", text, keys);

    /// <summary>
    /// As <see cref="DashSourceAsync"/>, with <paramref name="shell"/> (<c>bash</c> or <c>dash</c>): bash too leaves the
    /// whole shell at a syntax error inside a command substitution of a sourced file (status 127), not only the file.
    /// </summary>
    internal static async Task<string> TrapSourceAsync(string shell, string text, params string[] keys)
    {
        var env = ExternalTool.Require("env", "coreutils");
        var path = ExternalTool.Require(shell, shell);
        using var directory = new TemporaryDirectory();
        var file = directory.Combine("sourced");
        await File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);
        var report = string.Join(" ", keys.Select(k => $"{k}=$(if [ -n \"${{{k}+x}}\" ]; then printf set:%s \"${k}\"; else printf unset; fi)"));
        var result = await ExternalTool.RunAsync(env, ["-i", path, "-c", $"trap 'printf \"%s\" \"{report}\"' EXIT; . \"$1\"", shell, file]);
        return result.StandardOutput;
    }

    /// <summary>Whether <c>bash -n</c> parses the text.</summary>
    private static async Task<bool> ParsesAsync(string text)
    {
        var bash = ExternalTool.Require("bash", "bash");
        using var directory = new TemporaryDirectory();
        var file = directory.Combine("checked");
        await File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);
        var result = await ExternalTool.RunAsync(bash, ["--noprofile", "--norc", "-n", file]);
        return result.ExitCode == 0;
    }
}

using System.Collections.Frozen;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>The nesting of constructs: reserved words, what each opens, continues or closes, and where a command must follow.</summary>
internal static partial class ShellSyntaxCheck
{
    private enum Part { IfCondition, IfBody, IfElse, LoopCondition, LoopBody, AwaitDo, Brace, Paren }

    private sealed class Frame(Part part)
    {
        public Part Part { get; set; } = part;

        public bool HasCommand { get; set; }
    }

    private static readonly FrozenSet<string> NotFollowedWords = FrozenSet.Create(
        StringComparer.Ordinal, "case", "function", "coproc", "time", "]]");

    // bash's unary and binary tests in [[ … ]] that are words (< and > are operators to the lexer, not followed).
    private static readonly FrozenSet<string> UnaryTests = FrozenSet.Create(
        StringComparer.Ordinal, "-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-p", "-r", "-s", "-t", "-u", "-w", "-x",
        "-G", "-L", "-N", "-O", "-S", "-z", "-n", "-o", "-v", "-R");

    private static readonly FrozenSet<string> BinaryTests = FrozenSet.Create(
        StringComparer.Ordinal, "=", "==", "!=", "=~", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef");

    private sealed partial class Scan
    {
        private ShellSyntax? Reserved(string word)
        {
            var top = _frames.Count > 0 ? _frames[^1] : null;

            // A part of a construct ends the list before it, which needs a command.
            var ended = top is { HasCommand: true } && !_needCommand;
            switch (word)
            {
                case "if":
                    return Open(Part.IfCondition);
                case "while" or "until":
                    return Open(Part.LoopCondition);
                case "for" or "select":
                    return For();
                case "{":
                    return Open(Part.Brace);
                case "!":
                    return Negation();
                case "[[":
                    return Conditional();
                case "then" when ended && top!.Part == Part.IfCondition:
                    return Continue(top, Part.IfBody);
                case "elif" when ended && top!.Part == Part.IfBody:
                    return Continue(top, Part.IfCondition);
                case "else" when ended && top!.Part == Part.IfBody:
                    return Continue(top, Part.IfElse);
                case "do" when top?.Part == Part.AwaitDo || (ended && top!.Part == Part.LoopCondition):
                    return Continue(top!, Part.LoopBody);
                case "fi" when ended && top!.Part is Part.IfBody or Part.IfElse:
                case "done" when ended && top!.Part == Part.LoopBody:
                case "}" when ended && top!.Part == Part.Brace:
                    return Close();
                case var other when NotFollowedWords.Contains(other):
                    return NotFollowed;
                default:
                    // A closing or middle word out of its place (a stray fi, then fi, do done, esac, in; in ends no
                    // backquoted list in dash).
                    return word == "in" ? Error() : ListEnd();
            }
        }

        /// <summary>
        /// bash's <c>[[ … ]]</c>, followed where it holds words only and reads as one test (checked by sourcing in bash 5.2 and
        /// dash 0.5.12): any <c>!</c>, then a unary test and its word (<c>-f x</c>), two words around a binary test
        /// (<c>a = b</c>), or one word (<c>a</c>, <c>-foo</c>, <c>"-f"</c>), then <c>]]</c>; a compound command, as a <c>}</c> ends
        /// one. A quoted test is a word to bash, and <c>]]</c> never one. dash runs it as a command named <c>[[</c>, which fails,
        /// and reads on. Anything else is not followed: operators, parentheses, a newline, and the forms that stop bash alone
        /// (<c>[[ a b ]]</c>, <c>[[ -f ]]</c>, <c>[[ "-f" x ]]</c>, <c>[[ ]]</c>, <c>[[ -f ]] ]]</c>).
        /// </summary>
        private ShellSyntax? Conditional()
        {
            MarkCommand();
            var first = Next();
            while (first is { Kind: ShellTokenKind.Word, IsPlain: true, Text: "!" })
            {
                first = Next();
            }

            if (!IsOperand(first))
            {
                return Stop(first);
            }

            var next = Next();
            if (first.IsPlain && UnaryTests.Contains(first.Text))
            {
                if (!IsOperand(next))
                {
                    return Stop(next);
                }

                next = Next();
            }
            else if (next is { Kind: ShellTokenKind.Word, IsPlain: true } && BinaryTests.Contains(next.Text))
            {
                var right = Next();
                if (!IsOperand(right))
                {
                    return Stop(right);
                }

                next = Next();
            }

            if (next is not { Kind: ShellTokenKind.Word, IsPlain: true, Text: "]]" })
            {
                return Stop(next);
            }

            _position = Position.AfterCompound;
            _needCommand = false;
            return null;
        }

        /// <summary>A word that is no <c>]]</c>: a test's operand.</summary>
        private static bool IsOperand(ShellToken token) => token.Kind == ShellTokenKind.Word && !(token.IsPlain && token.Text == "]]");

        /// <summary>
        /// bash's arithmetic command <c>((…))</c>, followed where it holds words only, at least one, the first no reserved word
        /// or <c>!</c>, and ends at a <c>))</c>: dash reads it as a subshell in a subshell running that command, which fails or
        /// not, and reads on (checked by sourcing: <c>((0))</c>, <c>((x = 1))</c>, <c>((! a))</c>). Anything else is not
        /// followed: operators, a newline, and the forms that stop dash alone (<c>(( ))</c>, <c>((!))</c>, <c>((if))</c>).
        /// </summary>
        private ShellSyntax? Arithmetic()
        {
            MarkCommand();
            Next();
            var first = Next();
            if (first.Kind != ShellTokenKind.Word || (first.IsPlain && (first.Text == "!" || ShellWords.IsKeyword(first.Text))))
            {
                return Stop(first);
            }

            var token = Next();
            while (token.Kind == ShellTokenKind.Word)
            {
                token = Next();
            }

            if (token.Kind != ShellTokenKind.Opaque || text[token.Start] != ')' || token.End >= text.Length || text[token.End] != ')')
            {
                return Stop(token);
            }

            Next();
            _position = Position.AfterCompound;
            _needCommand = false;
            return null;
        }

        /// <summary>
        /// A <c>!</c> before a pipeline (checked by sourcing in bash 5.2 and dash 0.5.12). Both shells stop at one after a pipe
        /// (<c>a | ! b</c>, <c>a |⏎! b</c>), before an operator or a <c>)</c> (<c>! &amp;&amp; a</c>, <c>! | a</c>, <c>( ! )</c>),
        /// and, in a <c>$(…)</c>, at one before its end (<c>$(!)</c>, <c>$(! !)</c>). bash takes one before a newline, <c>;</c>
        /// or the end of the file as a command of its own (<c>!⏎</c>, <c>a &amp;&amp; !⏎</c>, <c>$(! ;)</c>, <c>{ ! ; }</c>) and
        /// reads a second one (<c>! ! :</c>); dash stops at all of these. A redirection or <c>(</c> after it is read by both: a
        /// subshell (<c>! ( : )</c>) or an arithmetic command (<c>! ((0))</c>) is followed as one without it.
        /// </summary>
        private ShellSyntax? Negation()
        {
            _needCommand = true;
            var negated = Peek();
            if (_beforeNewlines is { Kind: ShellTokenKind.Connector } pipe && text[pipe.Start] == '|' && (pipe.End - pipe.Start == 1 || text[pipe.Start + 1] == '&'))
            {
                return Error();
            }

            if (negated.Kind == ShellTokenKind.Word)
            {
                // The command (a keyword the scan reads next).
                return negated is { IsPlain: true, Text: "!" } ? DashStops(bash: null) : null;
            }

            if (negated.Kind == ShellTokenKind.Opaque && text[negated.Start] == '(')
            {
                return null;
            }

            if (negated.Kind == ShellTokenKind.Opaque && text[negated.Start] is '<' or '>')
            {
                return NotFollowed;
            }

            // &> is a redirection to bash, a background & to dash.
            var bashEnds = negated.Kind == ShellTokenKind.Separator || (negated.Kind == ShellTokenKind.End && !substitution)
                || (negated.Kind == ShellTokenKind.Opaque && text[negated.Start] == '&' && negated.End - negated.Start == 2);
            return bashEnds ? DashStops(bash: NotFollowed) : Error();
        }

        /// <summary>Where dash stops at an error and bash reads on as <paramref name="bash"/>: the error to dash; a reading of both shells marks the place and goes on as bash.</summary>
        private ShellSyntax? DashStops(ShellSyntax? bash)
        {
            if (dash)
            {
                return Error();
            }

            DashStopsAt = bothShells && DashStopsAt < 0 ? _lineStart : DashStopsAt;
            return bash;
        }

        /// <summary>for NAME [in WORDS] ; do: the header's words are no commands.</summary>
        private ShellSyntax? For()
        {
            var name = Next();
            if (name is not { Kind: ShellTokenKind.Word, IsPlain: true, Text: [var first, ..] } || char.IsAsciiDigit(first) || !name.Text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return Stop(name);
            }

            var token = Next();
            if (token is { Kind: ShellTokenKind.Word, IsPlain: true, Text: "in" })
            {
                for (token = Next(); token.Kind == ShellTokenKind.Word; token = Next())
                {
                }
            }

            if (token.Kind != ShellTokenKind.Separator)
            {
                return Stop(token);
            }

            Open(Part.AwaitDo);
            _needCommand = false;
            return null;
        }

        private ShellSyntax? Open(Part part)
        {
            MarkCommand();
            _frames.Add(new Frame(part));
            _needBody = false;
            return StartCommand(needs: true);
        }

        private ShellSyntax? Continue(Frame frame, Part part)
        {
            frame.Part = part;
            frame.HasCommand = false;
            return StartCommand(needs: true);
        }

        private ShellSyntax? Close()
        {
            _frames.RemoveAt(_frames.Count - 1);
            _position = Position.AfterCompound;
            _needCommand = false;
            return null;
        }

        private void MarkCommand()
        {
            if (_frames.Count > 0)
            {
                _frames[^1].HasCommand = true;
            }
        }
    }
}

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
        StringComparer.Ordinal, "case", "function", "coproc", "time", "[[", "]]");

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
        /// A <c>!</c> before a pipeline (checked by sourcing in bash 5.2 and dash 0.5.12). Both shells stop at one after a pipe
        /// (<c>a | ! b</c>, <c>a |⏎! b</c>), before an operator or a <c>)</c> (<c>! &amp;&amp; a</c>, <c>! | a</c>, <c>( ! )</c>),
        /// and, in a <c>$(…)</c>, at one before its end (<c>$(!)</c>, <c>$(! !)</c>). bash takes one before a newline, <c>;</c>
        /// or the end of the file as a command of its own (<c>!⏎</c>, <c>a &amp;&amp; !⏎</c>, <c>$(! ;)</c>, <c>{ ! ; }</c>) and
        /// reads a second one (<c>! ! :</c>); dash stops at all of these. A redirection or <c>(</c> after it is read by both.
        /// </summary>
        private ShellSyntax? Negation()
        {
            _needCommand = true;
            var negated = Peek();
            if (_beforeLine is { Kind: ShellTokenKind.Connector } pipe && text[pipe.Start] == '|' && (pipe.End - pipe.Start == 1 || text[pipe.Start + 1] == '&'))
            {
                return Error();
            }

            if (negated.Kind == ShellTokenKind.Word)
            {
                // The command (a keyword the scan reads next).
                return dash && negated is { IsPlain: true, Text: "!" } ? Error() : null;
            }

            if (negated.Kind == ShellTokenKind.Opaque && text[negated.Start] is '<' or '>' or '(')
            {
                return NotFollowed;
            }

            // &> is a redirection to bash, a background & to dash.
            var bashEnds = negated.Kind == ShellTokenKind.Separator || (negated.Kind == ShellTokenKind.End && !substitution)
                || (negated.Kind == ShellTokenKind.Opaque && text[negated.Start] == '&' && negated.End - negated.Start == 2);
            return bashEnds && !dash ? NotFollowed : Error();
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

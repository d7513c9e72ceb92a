namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// The syntax errors bash finds in the nesting of a file's constructs, which the word lexer alone
/// does not see: a closing reserved word outside its construct (a stray <c>fi</c>, <c>done</c>,
/// <c>}</c>, <c>then</c>), a construct left open at the end of the file, an empty body
/// (<c>then fi</c>), an operator with no command before it, a redirection with no word after it
/// (<c>A=1 &gt;</c>), <c>;;</c> outside a <c>case</c>, a quote or expansion left open, and any of these inside a word's
/// <c>$(…)</c> (<see cref="ShellSubstitutionSyntax"/>; a substitution not followed leaves the text unproven). bash parses a sourced file one complete
/// command (to a newline outside any construct) at a time and stops at the first that does not
/// parse, so everything from that command's first line on never runs (checked against bash 5.2:
/// <c>A=1; fi</c> sets nothing, and a whole <c>if</c> with a stray <c>done</c> inside is lost).
/// Only what is followed here is called an error; anything else that could hide one is
/// <see cref="ShellSyntaxOutcome.NotFollowed"/>, so a caller proves nothing from it.
/// </summary>
internal static partial class ShellSyntaxCheck
{
    private enum Position { Command, InCommand, AfterCompound }

    /// <summary>Whether bash parses <paramref name="text"/>, and where it stops if not.</summary>
    /// <param name="text">The commands.</param>
    /// <param name="memo">The read's memo, when the text is a part of one (a substitution's commands); else a new one.</param>
    public static ShellSyntax Check(string text, ShellScanMemo? memo = null) => new Scan(text, memo ?? new()).Run();

    /// <summary>The outcome of a <c>$(…)</c>'s commands as bash (or, <paramref name="dash"/>, dash) parses them when it reads the line holding it.</summary>
    public static ShellSyntaxOutcome Substitution(string commands, bool dash, ShellScanMemo memo) => new Scan(commands, memo, dash, substitution: true).Run().Outcome;

    /// <summary>
    /// Whether dash stops at a syntax error in <paramref name="text"/> before bash does, or where bash reads on: a
    /// <c>!</c> with no command after it (<c>!⏎</c>, <c>! ;</c>, <c>a &amp;&amp; !</c>, <c>! ! :</c>, <c>$(! ;)</c>; bash takes
    /// it as a command of its own, which fails), a <c>$((</c> bash reads as a command substitution (<c>$(((x)) )</c>). The lines between are read by one shell only: the editor may not edit them.
    /// </summary>
    public static bool DashStopsFirst(string text)
    {
        // One reading as bash, which marks where dash's would have stopped: the same up to there.
        var scan = new Scan(text, new ShellScanMemo(), bothShells: true);
        var bash = scan.Run();
        return scan.DashStopsAt >= 0 && (bash.Outcome != ShellSyntaxOutcome.Error || scan.DashStopsAt < bash.ErrorAt);
    }

    /// <summary>
    /// Whether dash stops at a syntax error in a backquoted command (unescaped), which it parses when it reads it: as
    /// <see cref="Check"/>, but a closing word, <c>)</c> or <c>;;</c> where the command's outer list could end ends it
    /// there, the rest unread (checked by sourcing: <c>`fi`</c>, <c>`echo )`</c>, <c>`a ;;`</c> stop nothing, <c>`( )`</c>,
    /// <c>`a &amp;&amp;`</c>, <c>`{ fi; }`</c> stop the file). bash parses it only when it runs it, and reads on.
    /// </summary>
    public static bool StopsDash(string backquoted, ShellScanMemo memo) => new Scan(backquoted, memo, dash: true, backquoted: true).Run().Outcome == ShellSyntaxOutcome.Error;

    /// <summary>
    /// One reading of a text: by bash (a file, or a <c>$(…)</c>'s commands, <paramref name="substitution"/>) or by dash
    /// (<paramref name="dash"/>; a backquoted command, <paramref name="backquoted"/>, is read by dash only); a bash reading
    /// of <paramref name="bothShells"/> also marks where dash's reading of the same text stops first (<see cref="DashStopsAt"/>).
    /// </summary>
    private sealed partial class Scan(string text, ShellScanMemo memo, bool dash = false, bool backquoted = false, bool substitution = false, bool bothShells = false)
    {
        private static readonly ShellSyntax NotFollowed = new(ShellSyntaxOutcome.NotFollowed, -1);
        private readonly ShellWordLexer _lexer = new(text, memo);
        private readonly List<Frame> _frames = [];
        private ShellToken? _pending;
        private ShellToken _previous = new(ShellTokenKind.Separator, 0, 0, "", [], -1);

        // The token before this one and the newlines before it (a pipe's command may start on the next line).
        private ShellToken _beforeNewlines = new(ShellTokenKind.Separator, 0, 0, "", [], -1);
        private Position _position = Position.Command;

        // A command must follow (after &&, |, !, an opening reserved word, a function's ()), so a
        // newline does not end the complete command and the end of the text is an error.
        private bool _needCommand;
        private bool _needBody;
        private int _commandWords;
        private int _lineStart;

        // The worst outcome of the command substitutions in the words read so far (ShellSubstitutionSyntax).
        private ShellSyntaxOutcome _substitutions = ShellSyntaxOutcome.Parses;

        /// <summary>Reading both shells: where the complete command dash stops at with an error of its own starts (bash's reading up to there is the same), or -1.</summary>
        public int DashStopsAt { get; private set; } = -1;

        public ShellSyntax Run()
        {
            while (true)
            {
                var token = Next();
                var outcome = token.Kind switch
                {
                    ShellTokenKind.Unterminated => Error(),
                    ShellTokenKind.End => _frames.Count > 0 || _needCommand ? Error() : _substitutions == ShellSyntaxOutcome.Parses ? new ShellSyntax(ShellSyntaxOutcome.Parses, -1) : NotFollowed,
                    ShellTokenKind.Separator => Separator(token),
                    ShellTokenKind.Connector or ShellTokenKind.Background => Operator(needs: token.Kind == ShellTokenKind.Connector),
                    ShellTokenKind.Opaque => Opaque(token),
                    _ => Word(token),
                };

                // A syntax error in a word's $(…) stops bash at the complete command holding it, whatever was made of the word.
                if (_substitutions == ShellSyntaxOutcome.Error)
                {
                    return Error();
                }

                if (outcome is { } done)
                {
                    return done;
                }

                _previous = token;
                _beforeNewlines = token.Kind == ShellTokenKind.Separator && text[token.Start] == '\n' ? _beforeNewlines : token;
            }
        }

        private ShellToken Next()
        {
            var token = _pending ?? Lex();
            _pending = null;
            return token;
        }

        private ShellToken Peek() => _pending ??= Lex();

        private ShellToken Lex()
        {
            var token = _lexer.Next();
            if (token.Kind == ShellTokenKind.Word && _substitutions != ShellSyntaxOutcome.Error && text.AsSpan(token.Start, token.End - token.Start).Contains("$(", StringComparison.Ordinal))
            {
                var inner = ShellSubstitutionSyntax.Of(text, token.Start, token.End, memo, dash);
                _substitutions = inner == ShellSyntaxOutcome.Parses ? _substitutions : inner;
                if (bothShells && DashStopsAt < 0 && inner != ShellSyntaxOutcome.Error
                    && ShellSubstitutionSyntax.Of(text, token.Start, token.End, memo, dash: true) == ShellSyntaxOutcome.Error)
                {
                    DashStopsAt = _lineStart;
                }
            }

            return token;
        }

        private ShellSyntax Error() => new(ShellSyntaxOutcome.Error, _lineStart);

        /// <summary>A word or operator that ends a list, out of its place: where dash ends a backquoted command's list, the rest is not read.</summary>
        private ShellSyntax ListEnd() => backquoted && _frames.Count == 0 && !_needCommand ? new(ShellSyntaxOutcome.Parses, -1) : Error();

        /// <summary>Where a form is not followed: an error when it is a quote or expansion left open, which bash never closes.</summary>
        private ShellSyntax Stop(ShellToken token) => token.Kind == ShellTokenKind.Unterminated ? Error() : NotFollowed;

        private ShellSyntax? Separator(ShellToken token)
        {
            if (text[token.Start] != '\n')
            {
                // ';' ends a command; with none before it, bash stops.
                return _position == Position.Command ? Error() : StartCommand(needs: false);
            }

            if (_position != Position.Command)
            {
                StartCommand(needs: false);
            }

            // A newline outside any construct, not after && or |, ends the complete command.
            _lineStart = _frames.Count == 0 && !_needCommand ? token.End : _lineStart;
            return null;
        }

        /// <summary>&amp;&amp;, || or | (a command must follow), or &amp; (ends one as ';' does): bash stops at one with no command before it.</summary>
        private ShellSyntax? Operator(bool needs) => _position == Position.Command ? Error() : StartCommand(needs);

        private ShellSyntax? StartCommand(bool needs)
        {
            _position = Position.Command;
            _needCommand = needs;
            _commandWords = 0;
            return null;
        }

        private ShellSyntax? Opaque(ShellToken token)
        {
            var c = text[token.Start];
            if (c is '<' or '>' || (c == '&' && token.End - token.Start == 2))
            {
                return Redirection(token);
            }

            if (c == ')')
            {
                // A subshell closes after a command; any other ')' is out of place.
                if (_frames.Count == 0 || _frames[^1].Part != Part.Paren || (_position == Position.Command && (_needCommand || !_frames[^1].HasCommand)))
                {
                    return ListEnd();
                }

                return Close();
            }

            if (c == ';')
            {
                // ;; ;& ;;& end a case's item: outside one, bash and dash stop (a backquoted list ends at ;; in dash, not at
                // ;&). The scan stops at a case it meets, but one in a substitution ($(case x in x) …)) its brackets do not
                // follow: not followed then.
                return text.Contains("case", StringComparison.Ordinal) ? NotFollowed : text[token.Start + 1] == '&' ? Error() : ListEnd();
            }

            if (c != '(')
            {
                return NotFollowed;
            }

            if (_position == Position.Command)
            {
                // A subshell, or bash's arithmetic command.
                return text.Length > token.End && text[token.End] == '(' ? Arithmetic() : Open(Part.Paren);
            }

            if (_position == Position.InCommand && _previous.Kind == ShellTokenKind.Word && _previous.End == token.Start && text[_previous.End - 1] == '=')
            {
                return SkipArray();
            }

            // NAME(): a function, whose body is the compound command that follows.
            if (_position == Position.InCommand && _commandWords == 1 && Next() is { Kind: ShellTokenKind.Opaque } close && text[close.Start] == ')')
            {
                StartCommand(needs: true);
                _needBody = true;
                return null;
            }

            return NotFollowed;
        }

        private ShellSyntax? SkipArray()
        {
            for (var token = Next(); ; token = Next())
            {
                if (token.Kind == ShellTokenKind.Opaque && text[token.Start] == ')')
                {
                    return null;
                }

                if (token.Kind != ShellTokenKind.Word && !(token.Kind == ShellTokenKind.Separator && text[token.Start] == '\n'))
                {
                    return Stop(token);
                }
            }
        }

        /// <summary>
        /// A redirection (<c>&gt;f</c>, <c>2&gt;&amp;1</c>, <c>&gt;|f</c>, <c>&amp;&gt;&gt;f</c>): its operator, then its target
        /// word. bash stops at one with no word after it (<c>A=1 &gt;</c> at a line's end, <c>A=1 &gt; ;</c>,
        /// <c>A=1 &gt;|| x</c>), wherever it stands.
        /// </summary>
        private ShellSyntax? Redirection(ShellToken token)
        {
            var c = text[token.Start];
            if (token.End - token.Start == 1 && Peek() is { Kind: ShellTokenKind.Opaque } after && after.Start == token.End
                && (text[after.Start] == '(' || (c == '<' && text[after.Start] == '<' && ShellHereDocuments.Opened(text, token.Start) is null)))
            {
                // <( or >( is a process substitution, a word; <<< a here-string, and a here-document whose delimiter the
                // lexer does not read, whose lines must never be read as commands. Another << is a redirection whose
                // word is its delimiter: the lexer skips its body at the newline that ends its line.
                return NotFollowed;
            }

            if (Peek() is var second && second.Start == token.End && SecondCharacter(c, second))
            {
                Next();
            }

            var target = Next();
            return target.Kind switch
            {
                // One before a command's name: not followed.
                ShellTokenKind.Word => _position == Position.Command ? NotFollowed : null,
                ShellTokenKind.Opaque when text[target.Start] is '<' or '>' && target.End - target.Start == 1 && text.Length > target.End && text[target.End] == '(' => NotFollowed,
                _ => Error(),
            };
        }

        /// <summary>Whether <paramref name="next"/>, right after <paramref name="first"/>, completes a two-character operator: <c>&lt;&gt;</c>, <c>&lt;&amp;</c>, <c>&gt;&gt;</c>, <c>&gt;|</c>, <c>&gt;&amp;</c>, <c>&amp;&gt;&gt;</c>, a here-document's <c>&lt;&lt;</c>.</summary>
        private bool SecondCharacter(char first, ShellToken next) =>
            next.End - next.Start == 1 && (text[next.Start], first) is ('>', _) or ('&', '<' or '>') or ('|', '>') or ('<', '<');

        private ShellSyntax? Word(ShellToken token)
        {
            if (_position == Position.InCommand)
            {
                _commandWords++;
                return null;
            }

            var reserved = token.IsPlain ? token.Text : "";
            if (_position == Position.AfterCompound)
            {
                // After fi, done, } or ): a closing word of an outer construct, a redirection's number, or (not followed) anything else.
                return reserved is "fi" or "done" or "}" or "then" or "else" or "elif" or "do" or "esac" ? Reserved(reserved)
                    : Peek() is { Kind: ShellTokenKind.Opaque } next && next.Start == token.End && text[next.Start] is '<' or '>' && token.Text.All(char.IsAsciiDigit) ? null
                    : NotFollowed;
            }

            if (_needBody ? reserved is not ("{" or "if" or "while" or "until" or "for" or "select") : _frames.Count > 0 && _frames[^1].Part == Part.AwaitDo && reserved != "do")
            {
                return NotFollowed;
            }

            if (ShellWords.IsKeyword(reserved))
            {
                return Reserved(reserved);
            }

            MarkCommand();
            _position = Position.InCommand;
            _needCommand = false;

            // Only a command's name may be a function's (NAME()): an assignment counts as more words.
            _commandWords = ShellWords.AssignedName(token, exported: false) is null ? 1 : 2;
            return null;
        }
    }
}

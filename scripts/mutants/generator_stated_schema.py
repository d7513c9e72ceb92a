# Mutants of the generator's reader of stated request schemas (CompactJson, StatedSchema) and of the
# map from a schema's character back to the source (SourceLiteral): invalid JSON accepted, an error
# reported at the wrong line, column or source character, or a valid schema refused.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_stated_schema.py
# Session 13: 26 mutants, 16 killed by the tests as they were; the 10 survivors (1, 2, 8, 11, 14,
# 16, 19, 20, 23, 24) were test gaps, all killed since by tests in CompactJsonTests and
# RequestSchemaDiagnosticTests (white-space-only text, error offsets, arrays too deep, '-' alone,
# 'E' exponents, the kind of a top-level value, a high surrogate before a non-surrogate, a cut
# \u escape, an error at the text's end, an escape before two equal characters). Mutants 23-25
# were rewritten for SourceLiteral's exact map (same session, GA0017/GA0018): all four of 23-26
# killed by SourceLiteralTests and RequestSchemaDiagnosticTests.
# Session 14: CompactJson reads into a JsonOutline (the analyzer's second reader is gone) and its
# numbers moved to CompactJson.Numbers.cs; mutants 11-14 follow the code they
# mutate, and 7-8 the one depth check (in ReadValue, for objects and arrays alike; 7 is now
# the check dropped, 8 one level less). Rerun after the change: all 26 killed.
# Session 14 (fix-gen): SourceLiteral's map is built once and answers many spans (SpanOf on the
# instance); 23 follows its bound check, now against the map's length. Rerun (22-26): all killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*CompactJsonTests", "-class", "*RequestSchemaDiagnosticTests", "-class", "*StatedSchemaExecutionTests", "-class", "*SourceLiteralTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
J = "src/Agent.Generators/Parsing/CompactJson.cs"
S = "src/Agent.Generators/Parsing/CompactJson.Strings.cs"
N = "src/Agent.Generators/Parsing/CompactJson.Numbers.cs"
T = "src/Agent.Generators/Parsing/StatedSchema.cs"
L = "src/Agent.Generators/Parsing/SourceLiteral.cs"
MUTANTS = [
    (J, r'''reader._position >= text.Length''', r'''text.Length == 0''', "expr",
     "a text of white space only is not 'empty' (it is read past its end)"),
    (J, r'''errorOffset = kind is null ? reader._errorPosition : -1;''', r'''errorOffset = -1;''', "stmt",
     "a top-level value that is no valid JSON loses the character its error is at"),
    (J, r'''reader.Fail("unexpected text after the end of the object");''', r'''_ = 0;''', "stmt",
     "text after the object is accepted"),
    (J, r'''line++;
                column = 1;''', r'''line++;''', "stmt",
     "the column is not reset at a line break"),
    (J, r'''i < _errorPosition && i < _text.Length''', r'''i <= _errorPosition && i < _text.Length''', "expr",
     "the error's column is one too far"),
    (J, r"_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r'", r"_position < _text.Length && _text[_position] is ' ' or '\t' or '\n'", "expr",
     "a carriage return is not white space"),
    (J, r'''if (depth > MaxDepth && _text[_position] is '{' or '[')
        {
            return Failed(TooDeep);
        }''', r'''_ = depth;''', "stmt",
     "objects and arrays: nesting deeper than MaxDepth is not refused"),
    (J, r"depth > MaxDepth && _text[_position] is '{' or '['", r"depth >= MaxDepth && _text[_position] is '{' or '['", "expr",
     "objects and arrays: one level less than MaxDepth allowed"),
    (J, r'''!names.Add(name)''', r'''false''', "expr",
     "a member name twice in one object is accepted"),
    (J, r'''_position = nameStart;''', r'''_ = nameStart;''', "stmt",
     "a duplicate member is reported after its name instead of at it"),
    (N, r'''_position = start;''', r'''_ = start;''', "stmt",
     "a '-' without digits is reported after the '-' instead of at it"),
    (N, r"Peek() is '+' or '-'", r"Peek() is '+'", "expr",
     "an exponent's '-' sign is refused"),
    (N, r'''if (Peek() is not (>= '0' and <= '9'))
            {
                return Fail("expected a digit after the decimal point");
            }''', r'''_ = 0;''', "stmt",
     "a number ending in its decimal point is accepted"),
    (N, r"Peek() is 'e' or 'E'", r"Peek() is 'e'", "expr",
     "an exponent written 'E' is refused"),
    (J, r'''"a JSON boolean"''', r'''"a JSON number"''', "expr",
     "a top-level true/false is called a number"),
    (J, r'''"a JSON string"''', r'''"a JSON number"''', "expr",
     "a top-level string is called a number"),
    (S, r"c < ' '", r"c < '\t'", "expr",
     "a tab inside a string need not be escaped"),
    (S, r'''_position = end;''', r'''_ = end;''', "stmt",
     "a lone surrogate is reported after the string instead of at its closing quote"),
    (S, r'''char.IsLowSurrogate(value[i + 1])''', r'''true''', "expr",
     "a high surrogate followed by any character is taken as a pair"),
    (S, r'''_position + 6 <= _text.Length''', r'''_position + 5 <= _text.Length''', "expr",
     "a \\u escape cut short by the end of the text is read past it"),
    (T, r'''dialect.Value != String(SchemaBuilder.Dialect)''', r'''false''', "expr",
     "a $schema of another draft is accepted"),
    (T, r'''valueOnly ? argument.Expression.GetLocation() : argument.GetLocation()''', r'''argument.Expression.GetLocation()''', "expr",
     "GA0016 is reported at the value only"),
    (L, r'''offset + length > _starts.Count''', r'''offset + length > _starts.Count + 1''', "expr",
     "an error at the end of the text is mapped to a character past it"),
    (L, r'''Add(c, at, next);''', r'''Add(c, at, at + 1);''', "stmt",
     "a simple escape sequence is mapped onto its backslash only"),
    (L, r'''source[i] == '"' ? 2 : 1''', r'''1''', "expr",
     "a verbatim literal's doubled quote is mapped as two characters of the value"),
    (L, r'''stripped < indentation''', r'''stripped <= indentation''', "expr",
     "a multi-line raw literal's lines lose one indentation character too many"),
]

# Mutants of generator code no batch had mutated: the [Experimental] ids a generated file suppresses
# (ExperimentalIds), the logger category worked out at compile time (LoggerCategory), the plain
# text read from XML documentation (DocumentationSummary), and KnownTypes beyond the context's
# options (which JSON context counts, how known types are matched, a few of the names resolved):
# an experimental symbol missed (its id unsuppressed: an error in a file the user cannot edit), a
# category that differs from Microsoft's Logger<T>, markup or an entity left in a description, a
# context accepted or refused wrongly.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_parsing_misc.py
# Session 14: 32 mutants (1-32), run once with the test classes below, this session's new tests
# already in place (written from reading the code before the run): 29 killed, 3 survived. By the
# failing tests each kill names, the tests that existed before killed only 2, 8, 12, 14, 30-32
# (ShapeTortureTests, left out of the run for its minute a mutant, would also kill 1 with GAX002);
# the rest fell to ExperimentalTortureTests, LoggerArgumentExecutionTests' keyword/namespace test,
# the new DocumentationSummaryTests cases (entities, markup first, seealso/typeparamref/langword/
# href, a spaced param name) and DiagnosticTests' three on which class counts as a context. The
# survivors, all since dealt with:
# - 6 (an array's element type) was a test gap: an experimental type as a parameter's array
#   element goes through System.Text.Json's generated code, which suppresses nothing, so the
#   project must suppress the id anyway; but a constructor's service of type Gauge[] is named only
#   by the registry. ExperimentalTortureTests now has one: killed.
# - 26 (comment lines joined without a space) was a test gap ("///<summary>Reads a" then
#   "///file."): killed by a new DocumentationSummaryTests case.
# - 19 (an unresolved type gets a category) led to a real bug: a constructor parameter
#   ILogger<Missing> was not refused (only a parameter whose own type is unresolved was), so the
#   generated registry repeated the compiler's error in a file the user cannot edit. Fixed in
#   ConstructorInspector (any unresolved type inside the parameter's type), tested in
#   BrokenCodeTortureTests; mutant 33 brings the bug back and is killed. With the fix, 19 is
#   equivalent: LoggerCategory.Of is only reached for constructors that passed that check.
# Session 22 (gensig): 34-36 added (an [Obsolete] DiagnosticId is suppressed as an [Experimental] id is): run, all killed (ExperimentalTortureTests, ReferencedAssemblyTortureTests).
# Also: an id that is no identifier ("GA-X", mutant 11) is the user's compile error (CS9211); the
# check keeps it out of the generated #pragma, where it would add a problem of its own.
# Session 47: the summary reader rewritten (delimited comments, character references, CDATA, attributes on <summary>, partial
# methods): 20 and 21 now mutate the one-pass reference decoder (they mutated the chain of Replace calls); 37-44 added;
# 20-26 and 37-44 run with DocumentationFormsExecutionTests added to the classes: all killed. 45-50: a bare
# <inheritdoc/> read from the overridden or implemented method (source or a referenced assembly's documentation
# file): all killed (46 once the cref case's method implemented a documented one).
# Session 48: <inheritdoc cref> followed (DocumentationComments, split from DocumentationSummary): 37-38 and 45-50 now
# mutate the moved code (45 leaves crefs unfollowed, 46 drops the cref); 51-56 added. 37-38 and 45-56 run: all killed
# (56 once a test put a <see cref> before the <inheritdoc cref>).
# Session 49: 57-58 added (a cref naming a method group follows the overload the compiler assumes): run, both killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*DocumentationSummaryTests", "-class", "*LoggerArgumentExecutionTests", "-class", "*ReferencedAssemblyTortureTests",
             "-class", "*.DiagnosticTests", "-class", "*NotCallableDiagnosticTests", "-class", "*UnsupportedTypeDiagnosticTests",
             "-class", "*ExperimentalTortureTests", "-class", "*BrokenCodeTortureTests", "-class", "*DocumentationFormsExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
X = "src/Agent.Generators/Parsing/ExperimentalIds.cs"
L = "src/Agent.Generators/Parsing/LoggerCategory.cs"
D = "src/Agent.Generators/Parsing/DocumentationSummary.cs"
K = "src/Agent.Generators/Parsing/KnownTypes.cs"
C = "src/Agent.Generators/Parsing/ConstructorInspector.cs"
I = "src/Agent.Generators/Parsing/DocumentationComments.cs"
MUTANTS = [
    (X, r'''Add(ids, method);''', r'''AddOwn(ids, method);''', "stmt",
     "the command method's containing types are not looked at"),
    (X, r'''foreach (var parameter in method.Parameters)
        {
            AddType(ids, parameter.Type);
        }''', r'''_ = 0;''', "stmt",
     "a command's parameter types are not looked at"),
    (X, r'''AddType(ids, method.ReturnType);''', r'''_ = 0;''', "stmt",
     "a command's result type is not looked at"),
    (X, r'''Add(ids, constructor);''', r'''Add(ids, constructor.ContainingType);''', "stmt",
     "an instance class's [Experimental] constructor is not looked at"),
    (X, r'''foreach (var parameter in constructor.Parameters)
        {
            AddType(ids, parameter.Type);
        }''', r'''_ = 0;''', "stmt",
     "the constructor's parameter (service) types are not looked at"),
    (X, r'''AddType(ids, array.ElementType);''', r'''_ = 0;''', "stmt",
     "an array's element type is not looked at"),
    (X, r'''Add(ids, named);''', r'''AddOwn(ids, named);''', "stmt",
     "a nested type's containing types are not looked at"),
    (X, r'''AddOwn(ids, named.ContainingAssembly);''', r'''_ = 0;''', "stmt",
     "[assembly: Experimental] of a referenced assembly is not looked at"),
    (X, r'''AddOwn(ids, named.ContainingModule);''', r'''_ = 0;''', "stmt",
     "[module: Experimental] of a referenced assembly is not looked at"),
    (X, r'''foreach (var argument in named.TypeArguments)
                {
                    AddType(ids, argument);
                }''', r'''_ = 0;''', "stmt",
     "type arguments (List<T>'s T) are not looked at"),
    (X, r'''id.All(c => char.IsLetterOrDigit(c) || c == '_')''', r'''true''', "expr",
     "an id no #pragma can name (GA-X) is written into one"),
    (L, r'''builder.Append('.');''', r'''builder.Append('+');''', "stmt",
     "nested types joined by '+' (the CLR name), not '.'"),
    (L, r'''AppendNamespace(builder, space.ContainingNamespace);''', r'''_ = 0;''', "stmt",
     "only the innermost namespace is written (Deep.Type for Sample.Deep.Type)"),
    (L, r'''builder.Append('[').Append(',', level.Rank - 1).Append(']');''', r'''builder.Append('[').Append(',', level.Rank).Append(']');''', "stmt",
     "an array's rank written one comma too many"),
    (L, r'''"long"''', r'''null''', "expr",
     "long's category is System.Int64, not its keyword"),
    (L, r'''"bool"''', r'''"boolean"''', "expr",
     "bool's category is misspelled"),
    (L, r'''"float"''', r'''"single"''', "expr",
     "float's category is the CLR name in lower case"),
    (L, r'''"object"''', r'''null''', "expr",
     "object's category is System.Object, not its keyword"),
    (L, r'''named.TypeKind != TypeKind.Error''', r'''true''', "expr",
     "a type that does not resolve gets a category (and a logger fallback)"),
    (D, r'''plain = CharacterReference.Replace(plain, DecodeReference);''', r'''plain = CharacterReference.Replace(CharacterReference.Replace(plain, DecodeReference), DecodeReference);''', "stmt",
     "references decoded twice, so &amp;lt; becomes '<' instead of '&lt;'"),
    (D, r'''"&(?:#[xX]([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));"''', r'''"&(?:#[xX]([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(lt|gt|amp));"''', "expr",
     "&quot; and &apos; are left as entities"),
    (D, r'''plain.IndexOf('<') >= 0''', r'''plain.IndexOf('<') > 0''', "expr",
     "a text that starts with markup keeps its tags"),
    (D, r'''plain.IndexOf('&') >= 0''', r'''plain.IndexOf('&') > 0''', "expr",
     "a text that starts with an entity keeps its entities"),
    (D, r'''"<(?:see|seealso|paramref|typeparamref)\\s+(?:cref|name|langword|href)\\s*=\\s*\"(?:[A-Z]:)?([^\"]*)\"\\s*/>"''',
     r'''"<(?:see|paramref)\\s+(?:cref|name)\\s*=\\s*\"(?:[A-Z]:)?([^\"]*)\"\\s*/>"''', "expr",
     "<seealso>, <typeparamref> and langword/href references vanish instead of leaving their text"),
    (D, r'''match.Groups[1].Value.Trim() == name''', r'''match.Groups[1].Value == name''', "expr",
     "<param name=\" path \"> (spaces around the name) is not found"),
    (D, r'''text.Append(trimmed, 3, trimmed.Length - 3).Append(' ');''', r'''text.Append(trimmed, 3, trimmed.Length - 3);''', "stmt",
     "comment lines are joined without a space"),
    (K, r'''type.BaseType''', r'''(INamedTypeSymbol?)type''', "expr",
     "[CommandJsonContext(typeof(JsonSerializerContext))] itself counts as a context"),
    (K, r'''current is not null && baseType is not null''', r'''current is not null && baseType is not null && SymbolEqualityComparer.Default.Equals(current, type.BaseType)''', "expr",
     "a context deriving from JsonSerializerContext through a base class of its own is refused (GA0012)"),
    (K, r'''JsonContextIsValid && JsonContextTypes.Any(t => SymbolEqualityComparer.Default.Equals(t, type))''', r'''JsonContextTypes.Any(t => SymbolEqualityComparer.Default.Equals(t, type))''', "expr",
     "the types listed on a class that is no JsonSerializerContext count as covered"),
    (K, r'''SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known)''', r'''SymbolEqualityComparer.Default.Equals(type, known)''', "expr",
     "a constructed generic (Task<int>, ILogger<T>) never matches its known definition"),
    (K, r'''"GuestAgent.Hosting.CategoryLogger`1"''', r'''"GuestAgent.Hosting.CategoryLogger"''', "expr",
     "the runtime's CategoryLogger<T> is not found: no logger fallback from an ILoggerFactory"),
    (K, r'''"System.IO.Stream"''', r'''"System.IO.MemoryStream"''', "expr",
     "only MemoryStream is known as a stream (a Stream parameter is left to the JSON context)"),
    (C, r'''Unresolved(p.Type)''', r'''p.Type.TypeKind == TypeKind.Error''', "expr",
     "ILogger<Missing> (an unresolved type argument) is not refused: generated code repeats the error (the bug this batch found)"),
    (X, r'''named.Key == "DiagnosticId"''', r'''named.Key == "UrlFormat"''', "expr",
     "[Obsolete(DiagnosticId = ...)]'s id is not suppressed (session 22: an error in the generated file)"),
    (X, r'''!Names.IsNamed(attribute.AttributeClass, Obsolete)''', r'''true''', "expr",
     "[Obsolete] is not looked at, only [Experimental]"),
    (X, r'''attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null''', r'''null''', "expr",
     "[Experimental]'s id is no longer read since the [Obsolete] one joined it"),
    (I, r'''implemented.Comment.Length > 0''', r'''false''', "expr",
     "a partial method's summary is its definition's, not its implementation's"),
    (I, r'''own.Comment.Length == 0 && method?.PartialDefinitionPart is not null''', r'''false''', "expr",
     "a command on a partial implementation documented only on its definition has no summary"),
    (D, r'''comment.StartsWith("/**", System.StringComparison.Ordinal) && !comment.StartsWith("/**/", System.StringComparison.Ordinal)''', r'''!comment.StartsWith("/**/", System.StringComparison.Ordinal)''', "expr",
     "a plain /* */ block comment is read as documentation"),
    (D, r'''i > 0 && starred && line.StartsWith("*", System.StringComparison.Ordinal)''', r'''false''', "expr",
     "a delimited comment's leading asterisks are kept"),
    (D, r"""comment[next] is '>' or '/' || char.IsWhiteSpace(comment[next])""", r"""true""", "expr",
     "<summaryX> is read as a summary"),
    (D, r"""close < 0 || comment[close - 1] == '/'""", r"""close < 0""", "expr",
     "an empty <summary/> reads up to a later </summary>"),
    (D, r'''if (end < 0)
            {
                break;
            }''', r'''_ = 0;''', "stmt",
     "an unclosed CDATA section fails the generator"),
    (D, r'''code is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF)''', r'''code <= 0x10FFFF''', "expr",
     "a reference to NUL or a surrogate is decoded (or fails the generator)"),
    (I, r'''return cref;''', r'''return cref.Length == 0 ? cref : null;''', "stmt",
     "an <inheritdoc> with a cref gives no summary"),
    (I, r'''cref = attribute.Groups[2].Success ? attribute.Groups[2].Value : attribute.Groups[3].Value;''', r'''_ = 0;''', "stmt",
     "<inheritdoc cref=...> read as the overridden method's documentation"),
    (I, r'''DocumentationSummary.ContentStart(comment, "<summary") >= 0''', r'''false''', "expr",
     "a summary of its own beside <inheritdoc/> replaced by the inherited one"),
    (I, r'''return overridden;''', r'''_ = overridden;''', "stmt",
     "an override's <inheritdoc/> not read from the method it overrides"),
    (I, r'''SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method)''', r'''false''', "expr",
     "an implementation's <inheritdoc/> not read from the interface method"),
    (I, r'''symbol.GetDocumentationCommentXml() ?? string.Empty''', r'''string.Empty''', "expr",
     "a referenced assembly's documentation file not read"),
    (I, r'''name == "path"''', r'''false''', "expr",
     "an <inheritdoc> with a path read whole"),
    (I, r'''DocumentationCommentId.GetFirstSymbolForDeclarationId(cref, compilation)''', r'''null''', "expr",
     "a cref a documentation file wrote as an id not followed"),
    (I, r'''tree.Options.DocumentationMode == DocumentationMode.None''', r'''false''', "expr",
     "a cref not followed in a project without a documentation file"),
    (I, r'''syntax is VariableDeclaratorSyntax ? syntax.Parent?.Parent as BaseFieldDeclarationSyntax ?? syntax : syntax''', r'''syntax''', "expr",
     "a field's documentation not found"),
    (I, r'''depth < MaxInheritance''', r'''depth < 1''', "expr",
     "a chain of <inheritdoc>s followed one step only"),
    (I, r'''attribute.Parent is XmlEmptyElementSyntax { Name.LocalName.ValueText: "inheritdoc" } or XmlElementStartTagSyntax { Name.LocalName.ValueText: "inheritdoc" }''', r'''true''', "expr",
     "the cref of another element (a <see>) taken for the <inheritdoc>'s"),
    (I, r'''bound.Symbol ?? (bound.CandidateReason == CandidateReason.Ambiguous && !bound.CandidateSymbols.IsEmpty ? bound.CandidateSymbols[0] : null)''', r'''bound.Symbol''', "expr",
     "a cref naming a method group (CS0419) not followed"),
    (I, r'''bound.CandidateSymbols[0]''', r'''bound.CandidateSymbols[bound.CandidateSymbols.Length - 1]''', "expr",
     "a cref naming a method group followed to another overload than the compiler assumes"),
]

# Mutants of the IDE code fixes (src/Agent.Generators.CodeFixes): which node a fix rewrites and the
# trivia it keeps (MakeCommandInternal, RemoveByRefModifier, ReturnTaskFromAsyncVoid), where a fix
# must not be offered (SafeSignatureChange, the containing types), and the GA0009 fixes: which part
# of a context gets the list and where (JsonContextListing, AttributeListPlacement), how a type and
# an attribute are spelled (TypeSpelling), the TypeInfoPropertyName a clashing type gets
# (TypeInfoPropertyNames), the new context's name, namespace, file, line breaks and options
# (JsonContextCreation), and naming a declared context (JsonContextNaming).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_codefixes.py
# Session 18: 50 mutants, run with every class in GuestAgent.Generators.Tests.CodeFixes: 26 killed, 24 survived;
# new tests (JsonContextPlacementTests, JsonContextCreationEdgeTests, and in AddToJsonContextCodeFixTests,
# NameJsonContextCodeFixTests, MakeCommandInternalCodeFixTests, RemoveByRefModifierCodeFixTests) kill all 24
# (1 2 4 5 6 8 9 12-16 19 21 28 30 39 40 42-47). Final: 50 of 50 killed.
# Writing the test for survivor 42 showed a bug: a list added beside lists that share the class's line was meant to stay on
# that line, but it carried SyntaxFactory's elastic trivia, and the code action's clean-up formats
# around elastic trivia, so every list and the class itself went on lines of their own. The list is
# now written with NormalizeWhitespace (no elastic trivia) in that case, and
# Lists_sharing_a_line_with_the_class_get_one_more_on_that_line proves it.
# Session 21: mutants 51-55, the strict options the created context is written with (none, General
# instead of Web, each Respect* false, Skip instead of Disallow): 5 of 5 killed, each also by
# CreateJsonContextCodeFixTests.The_created_context_binds_inner_members_as_strictly_as_parameters alone.
# Not made mutants: things no input can reach or that change nothing: the diagnostic id checks (the
# providers' FixableDiagnosticIds already filter), the global:: fallback when no attribute spelling
# binds (the global:: one always binds), a context declared only in generated code (DeclaredContexts),
# the explicit-interface check in SafeSignatureChange (MethodKind is then not Ordinary).
# Session 25: the three signature fixes' registration and node replacement moved to their base,
# MethodSignatureCodeFix (their own Offer and Rewrite keep the texts of mutants 25-38); 25-38 re-run
# and mutant 56 added (the base's equivalence key): 15 of 15 killed. Not made a mutant: the base's
# MethodNamedBy identifier-span check (GA0003 and GA0006 are reported on the name, so no input reaches it).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "GuestAgent.Generators.Tests.CodeFixes.*"]
SWITCH_NS = "GuestAgent.Generators.CodeFixes.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators.CodeFixes"
TIMEOUT = 300
D = "src/Agent.Generators.CodeFixes/"
L = D + "JsonContextListing.cs"
C = D + "JsonContextCreation.cs"
N = D + "JsonContextNaming.cs"
M = D + "MakeCommandInternalCodeFix.cs"
R = D + "RemoveByRefModifierCodeFix.cs"
T = D + "ReturnTaskFromAsyncVoidCodeFix.cs"
S = D + "SafeSignatureChange.cs"
A = D + "AttributeListPlacement.cs"
P = D + "TypeInfoPropertyNames.cs"
Y = D + "TypeSpelling.cs"
NF = D + "NameJsonContextCodeFix.cs"
CF = D + "CreateJsonContextCodeFix.cs"
MS = D + "MethodSignatureCodeFix.cs"
MUTANTS = [
    # JsonContextListing: which part, which types, how titled.
    (L, r'''declaration.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().Contains("JsonSerializable"))''', r'''false''', "expr",
     "a partial context gets the list on its first part, not the part that already lists types"),
    (L, r'''Distinct(types)''', r'''types''', "expr",
     "a type reported twice is listed twice (Fix All)"),
    (L, r'''propertyNames.Claim(type.Type)''', r'''null''', "expr",
     "a type whose property name is taken gets no TypeInfoPropertyName (SYSLIB1031)"),
    (L, r'''return first.IsKind(SyntaxKind.EndOfLineTrivia) ? first : SyntaxFactory.LineFeed;''', r'''return SyntaxFactory.LineFeed;''', "stmt",
     "lists placed above a context without attributes end in \\n in a CRLF file"),
    (L, r'''TypeSpelling.Of(model, target.Class.SpanStart, type).ToString()''', r'''type.Preferred ?? type.FullyQualified''', "expr",
     "the title shows the message's spelling where the edit writes another"),
    (L, r'''diagnostic.Properties.ContainsKey(DiagnosticProperties.JsonContext)''', r'''false''', "expr",
     "the create/name fixes resolve a diagnostic that names a context"),
    # JsonContextCreation: the new context's name, namespace, file, line breaks.
    (C, r'''compilation.GetTypeByMetadataName(namespaceName is null ? name : namespaceName + "." + name) is not null''', r'''false''', "expr",
     "the new context takes a name a type already has"),
    (C, r'''compilation.GetTypeByMetadataName(namespaceName is null ? name : namespaceName + "." + name)''', r'''compilation.GetTypeByMetadataName(name)''', "expr",
     "a type of the name in the commands' namespace is not seen (looked up in the global namespace)"),
    (C, r'''container.ToDisplayString()''', r'''container.Name''', "expr",
     "the new context goes in the innermost namespace part (Tools for Team.Tools)"),
    (C, r'''JsonContextListing.AddAsync(created, (id, declaration), rebound, cancellationToken)''', r'''JsonContextListing.AddAsync(created, (id, declaration), types, cancellationToken)''', "expr",
     "the types are listed as bound in the compilation without the new file"),
    (C, r'''$"[assembly: CommandJsonContext(typeof({qualified}))]"''', r'''$"[assembly: CommandJsonContext(typeof({name}))]"''', "expr",
     "the assembly attribute names the context without its namespace"),
    (C, "!SyntaxFacts.IsIdentifierPartCharacter(c) || c == '_'", "!SyntaxFacts.IsIdentifierPartCharacter(c)", "expr",
     "an underscore in the assembly name is kept (My_Tools: My_ToolsJsonContext)"),
    (C, r'''startOfPart ? char.ToUpperInvariant(c) : c''', r'''c''', "expr",
     "the assembly name's parts are not capitalised (team.tools: teamtoolsJsonContext)"),
    (C, r'''builder.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(builder[0])''', r'''builder.Length == 0''', "expr",
     "an assembly name starting with a digit gives a context name that is no identifier"),
    (C, r'''first.IsKind(SyntaxKind.EndOfLineTrivia) ? first.ToString() : "\n"''', r'''"\n"''', "expr",
     "the new file uses \\n in a CRLF project"),
    (C, r'''directory is null ? null : System.IO.Path.Combine(directory, name + ".cs")''', r'''null''', "expr",
     "the new file has no path (saved nowhere, or not beside the project)"),
    # JsonContextNaming.
    (N, r'''InheritsFrom(t, baseContext)''', r'''true''', "expr",
     "any class declared in the project counts as a JSON context to name"),
    (N, r'''a.ConstructorArguments.Length > 0
            && SymbolEqualityComparer.Default.Equals(a.ConstructorArguments[0].Value as ITypeSymbol, type)''', r'''false''', "expr",
     "a type the context lists already is listed again"),
    (N, r'''root.Members.FirstOrDefault()?.FullSpan.Start ?? root.EndOfFileToken.SpanStart''', r'''target.Class.SpanStart''', "expr",
     "the assembly attribute is spelled for the class's namespace, not the file's top level"),
    (N, r'''root.AttributeLists.Count > 0''', r'''false''', "expr",
     "the assembly attribute goes above the first member, not after the file's assembly attributes"),
    (N, r'''root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { RawKind: (int)SyntaxKind.EndOfLineTrivia } found
            ? found
            : SyntaxFactory.LineFeed''', r'''SyntaxFactory.LineFeed''', "expr",
     "the assembly attribute's line ends in \\n in a CRLF file"),
    (N, r'''member.WithLeadingTrivia(newLine)''', r'''member''', "expr",
     "the first member keeps its leading trivia, which the attribute took (a header comment twice)"),
    (NF, r'''JsonContextNaming.Lists(jsonContext, type.Type)''', r'''false''', "expr",
     "the naming fix's title promises to list a type the context lists already"),
    (CF, r'''JsonContextNaming.DeclaredContexts(model.Compilation, document.Project.Solution).Count > 0''', r'''false''', "expr",
     "a second context is offered where one is declared but not named"),
    # MakeCommandInternal.
    (M, r'''!SafeSignatureChange.IsAllowed(method)''', r'''false''', "expr",
     "offered on an override, whose accessibility its base sets"),
    (M, r'''!IsVisible(type.DeclaredAccessibility)''', r'''false''', "expr",
     "offered in a private type, where internal does not help"),
    (M, r'''type.IsFileLocal''', r'''false''', "expr",
     "offered in a file-local type"),
    (M, r'''accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal''', r'''accessibility is Accessibility.Public or Accessibility.Internal''', "expr",
     "not offered for a command in a protected internal nested type"),
    (M, r'''method.WithReturnType(method.ReturnType.WithLeadingTrivia())''', r'''method''', "expr",
     "an implicitly private method keeps the return type's indentation after internal too"),
    (M, r'''modifiers.Replace(first, first.WithLeadingTrivia()).Insert(0, inserted)''', r'''modifiers.Insert(0, inserted)''', "expr",
     "the first modifier keeps its indentation after internal took it"),
    (M, r'''InternalKeyword(modifier.LeadingTrivia, modifier.TrailingTrivia)''', r'''InternalKeyword(SyntaxFactory.TriviaList(), modifier.TrailingTrivia)''', "expr",
     "the replaced keyword's indentation is lost"),
    (M, r'''!IsAccessibilityKeyword(modifier)''', r'''true''', "expr",
     "private protected becomes internal protected (protected internal: wider, other meaning)"),
    (M, r'''token.Kind() is SyntaxKind.PrivateKeyword or SyntaxKind.ProtectedKeyword or SyntaxKind.InternalKeyword or SyntaxKind.PublicKeyword''', r'''token.Kind() is SyntaxKind.PrivateKeyword or SyntaxKind.InternalKeyword or SyntaxKind.PublicKeyword''', "expr",
     "protected is not seen as an accessibility keyword (protected: internal protected)"),
    # RemoveByRefModifier.
    (R, r'''!SafeSignatureChange.IsAllowed(symbol)''', r'''false''', "expr",
     "offered on a partial method"),
    (R, r'''modifier.Kind() is SyntaxKind.RefKeyword or SyntaxKind.OutKeyword or SyntaxKind.InKeyword or SyntaxKind.ReadOnlyKeyword or SyntaxKind.ScopedKeyword''', r'''modifier.Kind() is SyntaxKind.RefKeyword or SyntaxKind.OutKeyword or SyntaxKind.InKeyword or SyntaxKind.ReadOnlyKeyword''', "expr",
     "scoped stays on a parameter now taken by value"),
    (R, r'''carried.AddRange(modifier.LeadingTrivia);''', r'''_ = 0;''', "stmt",
     "a removed keyword's indentation is lost"),
    # ReturnTaskFromAsyncVoid.
    (T, r'''!SafeSignatureChange.IsAllowed(symbol)''', r'''false''', "expr",
     "offered on an override of a void method"),
    (T, r'''method.ReturnType.SpanStart''', r'''0''', "expr",
     "Task is spelled as it binds at the top of the file, not at the method"),
    # SafeSignatureChange.
    (S, r'''!method.IsVirtual''', r'''true''', "expr",
     "a virtual method's signature is changed (its overrides elsewhere break)"),
    (S, r'''!ImplementsInterfaceMember(method)''', r'''true''', "expr",
     "a method implementing an interface member implicitly is changed (the interface is no longer implemented)"),
    # AttributeListPlacement.
    (A, r'''i == 0 ? leading : indentation''', r'''leading''', "expr",
     "every list added above a declaration takes its documentation (written once per list)"),
    (A, r'''anchor.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia))''', r'''true''', "expr",
     "lists added after lists sharing a line go on their own lines"),
    (A, r'''lists.LastOrDefault(sameKind) ?? lists.Last()''', r'''lists.Last()''', "expr",
     "the list goes after the last attribute list, not the last [JsonSerializable]"),
    (A, r'''leading[i].IsKind(SyntaxKind.EndOfLineTrivia) || leading[i].HasStructure''', r'''leading[i].IsKind(SyntaxKind.EndOfLineTrivia)''', "expr",
     "the indentation under a documentation comment counts the comment's too"),
    # TypeInfoPropertyNames.
    (P, r'''a.NamedArguments.FirstOrDefault(n => n.Key == PropertyNameArgument).Value.Value as string''', r'''(string?)null''', "expr",
     "a listed type's own TypeInfoPropertyName is ignored (its default name counts as taken)"),
    (P, r'''generic.Name + string.Concat(generic.TypeArguments.Select(DefaultName))''', r'''generic.Name''', "expr",
     "a generic type's name leaves out its type arguments (List<Move> and List<Listed> clash)"),
    (P, r'''DefaultName(array.ElementType) + "Array"''', r'''DefaultName(array.ElementType)''', "expr",
     "an array's name is its element type's (Move[] and Move clash)"),
    (P, r'''ns.ToDisplayString().Replace(".", string.Empty)''', r'''ns.Name''', "expr",
     "the property name takes only the innermost namespace part"),
    # TypeSpelling.
    (Y, r'''SymbolEqualityComparer.Default.Equals(Bind(model, position, preferred), listed.Type)''', r'''true''', "expr",
     "the message's spelling is written where it does not bind"),
    (Y, r'''Bind(model, position, candidate + suffix)''', r'''Bind(model, position, candidate)''', "expr",
     "an attribute's short name is bound without its Attribute suffix (always the global:: spelling)"),
    # JsonContextCreation: the strict options the new context is written with (session 21).
    (C, r'''StrictOptions''', r'''System.Array.Empty<string>()''', "expr",
     "the new context has System.Text.Json's default options ({\"move\":{}} binds a Move of nulls)", r'''.. StrictOptions'''),
    (C, r'''"[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,"''', r'''"[JsonSourceGenerationOptions(JsonSerializerDefaults.General,"''', "expr",
     "the new context reads members under their C# names, case-sensitively (camelCase members are unknown)"),
    (C, r'''"    RespectNullableAnnotations = true,"''', r'''"    RespectNullableAnnotations = false,"''', "expr",
     "the new context lets null through for a non-nullable member"),
    (C, r'''"    RespectRequiredConstructorParameters = true,"''', r'''"    RespectRequiredConstructorParameters = false,"''', "expr",
     "the new context lets a constructor parameter without a default be missing"),
    (C, r'''"    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]"''', r'''"    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]"''', "expr",
     "the new context skips an unknown member"),
    # MethodSignatureCodeFix, the three signature fixes' shared registration (session 25).
    (MS, r'''CodeAction.Create(offer.Title, token => FixAsync(document, offer.Node, token), _equivalenceKey)''',
     r'''CodeAction.Create(offer.Title, token => FixAsync(document, offer.Node, token), offer.Title)''', "expr",
     "each fix's equivalence key is its title, so Fix All applies only the fixes of one method name"),
]

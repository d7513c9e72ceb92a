# Mutants of the generator's rules and their reporting: CommandInspector's checks, CommandAnalyzer
# and its name index (GA0001, GA0011, GA0013, GA0014), the syntax pre-filter, the referenced
# registries' reader, the aggregate's routes, the analyzers-off fallback and the value equality
# incremental caching relies on. A mutant reports too much, too little, or at the wrong place.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_diagnostics.py
# Session 13: 34 mutants, 21 killed by the tests as they were. Of the 13 survivors, 11 were test
# gaps, killed since (8, 12, 16, 17, 18, 20, 21, 22, 23, 32, 33: AccessibleMembersTests, GA0008 of
# a ref readonly return, GA0010 with three marked constructors, DuplicateNameSpellingTests' aliased
# [Verb], extension block and same-span cases, CrossAssemblyTests' GA0011 order and repeat,
# RegistryNameClashTests without own commands, GA0013 once with commands and references). Two are
# equivalent: 27, because a registry's names come from its generated CommandRegistry attribute,
# which lists each name once (RegistryPlanner.CreateRegistry drops duplicates); 30, because
# GetAnalyzerDiagnosticsAsync never returns a suppressed diagnostic unless asked to
# (reportSuppressedDiagnostics), so the fallback's IsSuppressed test only guards a future change.
# Session 22 (gensig): 35-37 added (GA0008 for a Task that may be null, GA0010 for an obsolete-error constructor): run, all killed (DiagnosticTests).
# Session 20 (gen-left): 5 moved with its code to CallableMethods.WhereDeclared (file CM); run again: killed.
# Session 25 (gen): 47-49 added (Names.CommandIdentifier shortens a fragment over 300 characters): run, 3 of 3 killed (NamesTests).
# Session 25 (gen): 50-52 added (GA0022 for a namespace that takes a generated class's name), 46 retargeted (ReservedNames.Report
# serves types and namespaces): run 46 50-52, 4 of 4 killed (ReservedNameDiagnosticTests).
# Session 26: 53-60 added (GA0023, TrimRequirements): run, 8 of 8 killed (TrimRequirementDiagnosticTests; 54 after its static-command case was added).
# Session 22 (genopt): 38-46 added (GA0022 and the classes the generator then leaves out): run, all killed (ReservedNameDiagnosticTests).
# Session 27 (genrev): 35 retargeted (the GA0008 rule now also refuses a [return: MaybeNull] task): re-run, killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
# (-namespace and -class filters are AND-ed, so only -class; the whole Torture namespace takes minutes.)
TEST_ARGS = ["-class", "GuestAgent.Generators.Tests.Diagnostics.*", "-class", "GuestAgent.Generators.Tests.Parsing.*",
             "-class", "GuestAgent.Generators.Tests.CrossAssembly.*", "-class", "GuestAgent.Generators.Tests.Generation.*",
             "-class", "*CompilationSettingsTortureTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
I = "src/Agent.Generators/Parsing/CommandInspector.cs"
# Mutant 25's lookup moved to InheritedAggregate.cs in session 39 (retargeted, not re-run here; generator_s39_ga0027.py's
# mutant 2 is the same change, killed).
# The return type's checks, moved to their own part of CommandInspector in session 29 (mutants 12, 35, 36); re-run then: killed.
IR = "src/Agent.Generators/Parsing/CommandInspector.Return.cs"
A = "src/Agent.Generators/Diagnostics/CommandAnalyzer.cs"
N = "src/Agent.Generators/Diagnostics/CommandNameIndex.cs"
C = "src/Agent.Generators/Diagnostics/CommandSyntaxCandidates.cs"
R = "src/Agent.Generators/Parsing/AssemblySettingsReader.cs"
IA = "src/Agent.Generators/Parsing/InheritedAggregate.cs"
P = "src/Agent.Generators/Model/RegistryPlanner.cs"
E = "src/Agent.Generators/Model/EquatableArray.cs"
F = "src/Agent.Generators/Diagnostics/AnalyzerFallback.cs"
K = "src/Agent.Generators/Parsing/ConstructorChoice.cs"
M = "src/Agent.Generators/Parsing/Names.cs"
CM = "src/Agent.Generators/Parsing/CallableMethods.cs"
TR = "src/Agent.Generators/Parsing/TrimRequirements.cs"
CI = "src/Agent.Generators/Parsing/ConstructorInspector.cs"
RN = "src/Agent.Generators/Parsing/ReservedNames.cs"
G = "src/Agent.Generators/CommandGenerator.cs"
MUTANTS = [
    (I, r'''!Names.IsValidCommandName(name)''', r'''name.Length == 0''', "expr",
     "GA0002: a name with a character outside [A-Za-z0-9_.-] is accepted"),
    (I, r'''if (known.Compilation is CSharpCompilation { LanguageVersion: < LanguageVersion.CSharp11 } old)
        {
            problems.Add((attribute, methodLocation, old.LanguageVersion), static s => Diagnostic.Create(Descriptors.LanguageVersion, NameLocation(s.attribute) ?? s.methodLocation, s.LanguageVersion.ToDisplayString()));
        }''',
     r'''if (known.Compilation is CSharpCompilation { LanguageVersion: < LanguageVersion.CSharp10 } old)
        {
            problems.Add((attribute, methodLocation, old.LanguageVersion), static s => Diagnostic.Create(Descriptors.LanguageVersion, NameLocation(s.attribute) ?? s.methodLocation, s.LanguageVersion.ToDisplayString()));
        }''', "stmt",
     "GA0013: C# 10 is accepted"),
    (I, r'''problems.Add((attribute, methodLocation, name), static s => Diagnostic.Create(Descriptors.InvalidName, NameLocation(s.attribute) ?? s.methodLocation, s.name));''',
     r'''problems.Add((attribute, methodLocation, name), static s => Diagnostic.Create(Descriptors.InvalidName, s.methodLocation, s.name));''', "stmt",
     "GA0002 is reported at the method instead of the name"),
    (I, r'''if (!problems.Any)
            {
                problems.Report((attribute, methodLocation, display, mode), static s => Diagnostic.Create(
                    Descriptors.RequestSchemaIgnored,
                    StatedSchema.Location(s.attribute, valueOnly: false) ?? s.methodLocation,
                    s.display,
                    s.mode == BindingMode.None
                        ? "it takes no value (the request's value is not read), so its request schema accepts anything"
                        : "its parameters are bound by name, so the generator derives the request schema from them"));
            }''',
     r'''problems.Report((attribute, methodLocation, display, mode), static s => Diagnostic.Create(
                    Descriptors.RequestSchemaIgnored,
                    StatedSchema.Location(s.attribute, valueOnly: false) ?? s.methodLocation,
                    s.display,
                    s.mode == BindingMode.None
                        ? "it takes no value (the request's value is not read), so its request schema accepts anything"
                        : "its parameters are bound by name, so the generator derives the request schema from them"));''', "stmt",
     "GA0016 is added to an invalid command's own error"),
    (CM, r'''method.IsStatic && (method.IsAbstract || method.IsVirtual) && method.ContainingType.TypeKind == TypeKind.Interface''',
     r'''method.IsStatic && method.IsAbstract && method.ContainingType.TypeKind == TypeKind.Interface''', "expr",
     "a static virtual interface member is accepted"),
    (I, r'''method.IsGenericMethod || Containing(method).Any(t => t.IsGenericType)''', r'''method.IsGenericMethod''', "expr",
     "GA0004: a method of a generic type is accepted"),
    (I, r'''IsVisible(method.DeclaredAccessibility) && Containing(method).All(t => IsVisible(t.DeclaredAccessibility))''', r'''true''', "expr",
     "a private method of a file-local class gets the file-local message"),
    (I, r'''accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal''',
     r'''accessibility is Accessibility.Public or Accessibility.Internal''', "expr",
     "GA0003: a protected internal command is refused"),
    (I, r'''parameter.RefKind != RefKind.None''', r'''parameter.RefKind is RefKind.Ref or RefKind.Out''', "expr",
     "GA0005: an 'in' parameter is accepted"),
    (I, r'''typeOnly ? syntax?.Type?.GetLocation() ?? whole : whole''', r'''whole''', "expr",
     "GA0007/GA0009 are reported at the whole parameter instead of its type"),
    (I, r'''source == ParameterSource.Value && IsGeneric(method) && UnsupportedTypes.ContainsTypeParameter(parameter.Type)''', r'''false''', "expr",
     "a T parameter of a generic command gets GA0007 on top of GA0004"),
    (IR, r'''method.ReturnsByRef || method.ReturnsByRefReadonly''', r'''method.ReturnsByRef''', "expr",
     "GA0008: a ref readonly return is accepted"),
    (A, r'''problem.Id != DiagnosticIds.LanguageVersion || names.IsFirstOwnUse(attribute)''', r'''true''', "expr",
     "GA0013 is reported at every command instead of once"),
    (A, r'''names.OwnUses(name).Where(u => !u.Is(attribute))''', r'''names.OwnUses(name).Where(u => true)''', "expr",
     "GA0001 lists the command itself among the other uses"),
    (A, r'''while (outer is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction })
        {
            outer = outer.ContainingSymbol;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.LocalFunction, syntax.Identifier.GetLocation(), method.Name, Container(outer, known)));''',
     r'''while (outer is IMethodSymbol { MethodKind: MethodKind.LocalFunction }) { outer = outer.ContainingSymbol; }
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.LocalFunction, syntax.Identifier.GetLocation(), method.Name, Container(outer, known)));''', "stmt",
     "GA0003 at a local function inside a lambda names the lambda, not the member"),
    (A, r'''names.HasOwnCommands
            ? new[] { (assemblyName, GeneratedNames.QualifiedRegistry(Names.RegistryName(context.Compilation.AssemblyName ?? "Assembly"))) }
            : []''', r'''new[] { (assemblyName, GeneratedNames.QualifiedRegistry(Names.RegistryName(context.Compilation.AssemblyName ?? "Assembly"))) }''', "expr",
     "GA0014: an application without commands counts its own (not generated) registry"),
    (A, r'''names.Referenced.Count > 0 && !names.HasOwnCommands''', r'''names.Referenced.Count > 0''', "expr",
     "GA0013 for references is reported too when the application has commands (twice)"),
    (A, r'''registry.CommandNames.Where(n => names.OwnCount(n) == 0)''', r'''registry.CommandNames''', "expr",
     "GA0011 between references is reported too for a name the application itself serves"),
    (N, r'''u.Attribute.ApplicationSyntaxReference?.Span.Start''', r'''-u.Attribute.ApplicationSyntaxReference?.Span.Start''', "expr",
     "GA0013's 'first command' is the last one of its file"),
    (N, r'''r.AssemblyName''', r'''new string(r.AssemblyName.Reverse().ToArray())''', "expr",
     "referenced registries are not ordered by assembly name (GA0011's 'first' changes)"),
    (N, r'''if (method.IsImplicitlyDeclared)
        {
            return;
        }''', r'''_ = method;''', "stmt",
     "an extension-block command is counted twice (a false GA0001)"),
    (N, r'''mine.SyntaxTree == theirs.SyntaxTree && mine.Span == theirs.Span''', r'''mine.Span == theirs.Span''', "expr",
     "two attributes at the same span of different files count as one"),
    (C, r'''names.Contains(text) || names.Contains(text + AttributeSuffix)''', r'''names.Contains(text)''', "expr",
     "an alias of CommandAttribute written without its suffix is not a candidate"),
    (C, r'''Visit(type.Members, names, found);''', r'''_ = type;''', "stmt",
     "nested types are not searched for commands"),
    (IA, r'''assembly.GivesAccessTo(compilation.Assembly)''', r'''true''', "expr",
     "an aggregate in a referenced assembly is 'inherited' without access to it"),
    (R, r'''references.OrderBy(r => r.AssemblyName, System.StringComparer.Ordinal)''', r'''references.AsEnumerable()''', "expr",
     "referenced registries stay in reference order (which one wins a clash depends on it)"),
    (P, r'''reference.CommandNames.Distinct(StringComparer.Ordinal)''', r'''reference.CommandNames.AsEnumerable()''', "expr",
     "a name listed twice by one referenced registry shadows itself"),
    (E, r'''(_items ?? Array.Empty<T>()).AsSpan().SequenceEqual((other._items ?? Array.Empty<T>()).AsSpan())''',
     r'''ReferenceEquals(_items, other._items)''', "expr",
     "EquatableArray compares by reference (incremental caching broken)"),
    (F, r'''diagnostic.Descriptor.DefaultSeverity == DiagnosticSeverity.Error''', r'''true''', "expr",
     "fallback: a warning made an error (GA0016 with warnings as errors) is reported"),
    (F, r'''!diagnostic.IsSuppressed''', r'''true''', "expr",
     "fallback: a suppressed error is reported"),
    (F, r'''IsFalse(options, "build_property.RunAnalyzersDuringBuild") && !IsTrue(options, "build_property.DesignTimeBuild")''',
     r'''IsFalse(options, "build_property.RunAnalyzersDuringBuild")''', "expr",
     "fallback: a design-time build with RunAnalyzersDuringBuild=false reports twice"),
    (K, r'''c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal''',
     r'''c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal''', "expr",
     "GA0010: a protected internal constructor is not callable"),
    (K, r'''marked.Count == 2 ? "are both" : "are all"''', r'''"are both"''', "expr",
     "GA0010: three marked constructors 'are both' marked"),
    (M, r'''builder.Length == 0 || char.IsDigit(builder[0])''', r'''builder.Length == 0''', "expr",
     "an assembly name starting with a digit gives a registry class name starting with one"),
    (IR, r'''(annotatedNull || maybeNull) && (known.Is(type, known.Task) || known.Is(type, known.TaskOfT))''', r'''false''', "expr",
     "GA0008: a Task? or Task<T>? return is accepted (CS8602 in the generated await)"),
    (IR, r'''(known.Is(type, known.Task) || known.Is(type, known.TaskOfT))''', r'''known.Is(type, known.Task)''', "expr",
     "GA0008: a Task<T>? return is accepted, only Task? refused"),
    (CI, r'''CallableMethods.HasObsoleteError(constructor)''', r'''false''', "expr",
     "GA0010: a constructor [Obsolete] as an error is called (CS0619 in the registry's file)"),
    (R, r'''ReservedNames.Taken(compilation, GeneratedNames.AggregateClass)''', r'''false''', "expr",
     "GA0022: an AgentCommands of the author's own not seen, the aggregate written (CS0101)"),
    (R, r'''ReservedNames.Taken(compilation, registryName)''', r'''false''', "expr",
     "GA0022: a class with the registry's name not seen, the registry written (CS0260)"),
    (G, r'''s.AggregateInherited || s.AggregateTaken || !s.LanguageSupported''', r'''s.AggregateInherited || !s.LanguageSupported''', "expr",
     "GA0022: the aggregate written although the author's type takes its name"),
    (G, r'''!x.Right.RegistryTaken && RegistryPlanner.IsGenerated(x.Left.Left, x.Left.Right)''', r'''RegistryPlanner.IsGenerated(x.Left.Left, x.Left.Right)''', "expr",
     "GA0022: the command files (parts of the registry class) written although its name is taken"),
    (G, r'''x.Right.RegistryTaken ? [] : x.Left.Left''', r'''x.Left.Left''', "expr",
     "GA0022: the registry written although its name is taken"),
    (RN, r'''type.ContainingType is not null''', r'''false''', "expr",
     "GA0022: a nested type named AgentCommands reported"),
    (RN, r'''type.Arity != 0''', r'''false''', "expr",
     "GA0022: a generic AgentCommands<T> reported"),
    (RN, r'''type.ContainingNamespace.ToDisplayString() != GeneratedNames.Namespace''', r'''false''', "expr",
     "GA0022: an AgentCommands in another namespace reported"),
    (RN, r'''symbol.Name == registryName''', r'''false''', "expr",
     "GA0022: a type with the registry's name not reported"),
    (M, r'''builder.Length > MaxIdentifierLength''', r'''false''', "expr",
     "a very long command name's members pass the 1,024 bytes of a metadata name (CS7013 at emit)"),
    (M, r'''MaxIdentifierLength - 19''', r'''MaxIdentifierLength - 2''', "expr",
     "a shortened identifier is longer than MaxIdentifierLength"),
    (M, r'''"_L" + Hash(name).ToString("x16", CultureInfo.InvariantCulture) + "_" + start''', r'''start''', "expr",
     "long names sharing a start share an identifier (CS0111)"),
    (RN, r'''OwnNamespace(compilation.Assembly.GlobalNamespace, GeneratedNames.Namespace + "." + name) is not null''', r'''false''', "expr",
     "a namespace of the aggregate's or registry's name: the class is generated anyway (CS0101)"),
    (RN, r'''declared.ContainingNamespace?.ToDisplayString() == GeneratedNames.Namespace''', r'''false''', "expr",
     "GA0022 not reported at a namespace that takes the name"),
    (RN, r'''declared.ContainingNamespace?.ToDisplayString() == GeneratedNames.Namespace''', r'''true''', "expr",
     "GA0022 at a namespace of the name outside GuestAgent.Generated"),
    (TR, r'''method.IsStatic || type.IsAbstract ? null : ConstructorChoice.Choose(type).Constructor''', r'''null''', "expr",
     "GA0023: the constructor an instance command is reached through never checked"),
    (TR, r'''method.IsStatic || type.IsAbstract''', r'''type.IsAbstract''', "expr",
     "GA0023: a static command's class's constructor checked, which the registry never calls"),
    (TR, r'''findings = findings.Concat(Marked(type, $"is declared in class '{type.Name}', which is marked", shown is null ? "it" : "its constructor " + shown));''', r'''''', "stmt",
     "GA0023: a marked class's commands not reported"),
    (TR, r'''Marked(method, "is marked", "it")''', r'''Marked(method.ContainingType, "is marked", "it")''', "expr",
     "GA0023: a marked command method not reported"),
    (TR, r'''shown is null ? "it" : "its constructor " + shown''', r'''"it"''', "expr",
     "GA0023: an instance command of a marked class said to be called itself, not through its constructor"),
    (TR, r'''f.Attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? methodLocation''', r'''methodLocation''', "expr",
     "GA0023 reported at the method's name, not at the attribute"),
    (TR, r'''Namespace + requirement.Name + "Attribute"''', r'''requirement.Name + "Attribute"''', "expr",
     "GA0023 never reported (the attribute's full name not matched)"),
    (I, r'''problems.ReportEach((method, display, methodLocation), static s => TrimRequirements.Diagnose(s.method, s.display, s.methodLocation));''', r'''''', "stmt",
     "GA0023 never reported"),
]

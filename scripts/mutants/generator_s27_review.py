# Mutants of what session 27's review of the generator's binding and emitting (genrev) added: a
# [DateTimeConstant] default written as C# and as JSON (DefaultValues), an instance constructor's
# service type tested with the nullable annotations inside it (ConstructorInspector,
# RegistryEmitter), a [return: MaybeNull] result taken as nullable (CommandInspector), and the
# refusals of a [FromKeyedServices] constructor parameter (GA0010) and of a signature naming a type
# [Obsolete] as an error (GA0003, GA0010; CallableMethods, ConstructorInspector), a [return: MaybeNull]
# task refused (GA0008), and a type reachable only through an extern alias refused (ExternAliases).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s27_review.py
# Session 27: 18 mutants, run once with the classes below: all 18 killed. 1-3 by
# DefaultEdgeTortureTests (the descriptor's defaults and the default each binds to), 4 and 6 by
# ServiceTypeTortureTests (CS8620 in the sample), 5 by CompilationSettingsTortureTests (its dynamic
# constructor parameter), 7 and 8 by ShapeTortureTests (CS8600 in the sample), 9-11 by
# DiagnosticMessageTests and the instance-command classes (10 refuses every class), 12-18 by
# NotCallableDiagnosticTests. Not made mutants: the async and value-type guards of the MaybeNull
# rule (an async method's [return: MaybeNull] is the task's; making its T nullable would only let the
# schema admit null, and a value type's annotation changes nothing).
# Session 27, later: 19 and 20 appended (a [return: MaybeNull] task is GA0008) and 7 retargeted
# (the rule now reads the flag once); re-run 7 8 19 20: all killed, 19 and 20 by DiagnosticMessageTests.
# Session 27, later still: 21-26 appended (a type reachable only through an extern alias is GA0007,
# GA0008 or GA0010), TEST_ARGS joined by ExternAliasDiagnosticTests; run 21-26: all killed, by it.
# Session 28 (keyed2): 9 retargeted at keys![i].Key (the keys now read once, by KeyRefusal); re-run: killed.
# Totals: 26 mutants, 26 killed.
# Session 28 (keyed): [FromKeyedServices] is honoured now, so 9-11 were retargeted at what replaced the
# refusal (a keyed parameter taken as unkeyed, every parameter refused, the attribute's name now in
# ServiceKeys.cs) and 6 placed by its context (the keyed argument repeats its text); TEST_ARGS joined
# by KeyedServiceExecutionTests and KeyedServiceDiagnosticTests. Re-run 6 9 10 11: all killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.ExternAliasDiagnosticTests", "-class", "*.DefaultEdgeTortureTests", "-class", "*.ServiceTypeTortureTests",
             "-class", "*.ShapeTortureTests", "-class", "*.CompilationSettingsTortureTests",
             "-class", "*.DiagnosticMessageTests", "-class", "*.NotCallableDiagnosticTests",
             "-class", "*.InstanceCommandExecutionTests", "-class", "*.RequiredServicesExecutionTests",
             "-class", "*.KeyedServiceExecutionTests", "-class", "*.KeyedServiceDiagnosticTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
P = "src/Agent.Generators/Parsing/"
D = P + "DefaultValues.cs"
K = P + "ConstructorInspector.cs"
I = P + "CommandInspector.cs"
# The return type's checks, moved to their own part of CommandInspector in session 29 (mutants 7, 8, 19, 20); re-run then: killed.
IR = P + "CommandInspector.Return.cs"
M = P + "CallableMethods.cs"
G = "src/Agent.Generators/Emitting/RegistryEmitter.cs"
MUTANTS = [
    # DefaultValues: a [DateTimeConstant] default.
    (D, r'''t.Ticks.ToString(CultureInfo.InvariantCulture)''',
     r'''(t.Ticks / System.TimeSpan.TicksPerSecond * System.TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture)''', "expr",
     "a DateTime default written without its fraction of a second"),
    (D, r'''"yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF"''', r'''"yyyy'-'MM'-'dd'T'HH':'mm':'ss"''', "expr",
     "a DateTime default stated without its fraction of a second (not the default the command takes)"),
    (D, r'''"yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF"''', r'''"yyyy'-'MM'-'dd'T'HH':'mm':'ss.fffffff"''', "expr",
     "a DateTime default stated with seven fraction digits however many it has"),
    # ConstructorInspector and RegistryEmitter: the service type with its inner annotations.
    (K, r'''annotated == ServiceTypeName(type, known) ? null : annotated''', r'''null''', "expr",
     "a service type with nullable annotations inside tested without them (CS8620)"),
    (K, r'''service.TypeKind == TypeKind.Dynamic''', r'''false''', "expr",
     "a dynamic service tested for as dynamic (not allowed in a pattern)",
     "service.TypeKind == TypeKind.Dynamic)\n        {\n            return null;"),
    (G, r'''argument.PatternTypeName ?? argument.TypeName''', r'''argument.TypeName''', "expr",
     "the registry tests for the unannotated service type", "_services.GetService(typeof({argument.TypeName})) is {argument.PatternTypeName ?? argument.TypeName}"),
    # CommandInspector: [return: MaybeNull].
    (IR, r'''asyncKind == AsyncKind.None && !type.IsValueType && maybeNull''', r'''false''', "expr",
     "a [return: MaybeNull] result taken as non-nullable (CS8600)"),
    (IR, r'''"System.Diagnostics.CodeAnalysis.MaybeNullAttribute"''', r'''"System.Diagnostics.CodeAnalysis.NotNullAttribute"''', "expr",
     "MaybeNull looked for under another name"),
    # ConstructorInspector: [FromKeyedServices], refused in session 27, honoured since session 28
    # (retargeted then at what replaced the refusal; generator_s28_keyed.py has the rest).
    (K, r'''keys![i].Key''', r'''(ServiceKey?)null''', "expr",
     "a [FromKeyedServices] parameter taken as unkeyed (the unkeyed service passed)"),
    (K, r'''refusal is not null''', r'''true''', "expr",
     "every constructor with a parameter refused as keyed"),
    (P + "ServiceKeys.cs", r'''"Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute"''', r'''"Microsoft.Extensions.DependencyInjection.FromKeyedServices"''', "expr",
     "the keyed attribute looked for without its Attribute suffix"),
    # CallableMethods and ConstructorInspector: a type [Obsolete] as an error in the signature.
    (M, r'''method.Parameters.Select(p => p.Type).Concat([method.ReturnType])''', r'''method.Parameters.Select(p => p.Type)''', "expr",
     "the result type not looked at"),
    (M, r'''method.Parameters.Select(p => p.Type).Concat([method.ReturnType])''', r'''new[] { method.ReturnType }''', "expr",
     "the parameter types not looked at"),
    (M, r'''return ObsoleteErrorIn(array.ElementType);''', r'''return null;''', "stmt",
     "an array's element type not looked at"),
    (M, r'''current.ContainingType''', r'''null''', "expr",
     "the types containing a type not looked at"),
    (M, r'''return ObsoleteErrorType(named.TypeArguments);''', r'''return null;''', "stmt",
     "type arguments not looked at"),
    (M, r'''(INamedTypeSymbol)current.WithNullableAnnotation(NullableAnnotation.NotAnnotated)''', r'''current''', "expr",
     "the type named with the parameter's nullable annotation (IOld?)"),
    (K, r'''constructor.Parameters.FirstOrDefault(p => CallableMethods.ObsoleteErrorType([p.Type]) is not null)''', r'''null''', "expr",
     "a constructor parameter's obsolete-error type accepted (CS0619 in the registry)"),
    # CommandInspector: a [return: MaybeNull] task (added after the first run).
    (IR, r'''(annotatedNull || maybeNull)''', r'''annotatedNull''', "expr",
     "a [return: MaybeNull] task accepted (CS8604 in the generated file)"),
    (IR, r'''(s.maybeNull ? "[return: MaybeNull]" : "the '?'")''', r'''"the '?'"''', "expr",
     "a MaybeNull task told to drop a '?' it does not have"),
    # ExternAliases, UnsupportedTypes and ConstructorInspector: a type reachable only through an extern alias.
    ("src/Agent.Generators/Parsing/ExternAliases.cs", r'''!aliases.Contains("global")''', r'''true''', "expr",
     "an assembly referenced under global and an alias refused too"),
    ("src/Agent.Generators/Parsing/ExternAliases.cs", r'''return Hidden(array.ElementType, compilation);''', r'''return null;''', "stmt",
     "an array's element type not looked at"),
    ("src/Agent.Generators/Parsing/ExternAliases.cs", r'''named.TypeArguments''', r'''System.Collections.Immutable.ImmutableArray<ITypeSymbol>.Empty''', "expr",
     "type arguments not looked at"),
    ("src/Agent.Generators/Parsing/UnsupportedTypes.cs", r'''(ExternAliases.Hidden(inner, known.Compilation) is { } hidden ? ExternAliases.Reason(hidden) : null)''', r'''null''', "expr",
     "a parameter or result type reachable only through an alias accepted (CS0400 in the generated file)"),
    (K, r'''constructor.Parameters.Select(p => ExternAliases.Hidden(p.Type, known.Compilation)).FirstOrDefault(h => h is not null)''', r'''null''', "expr",
     "a constructor parameter type reachable only through an alias accepted (CS0400 in the registry)"),
    ("src/Agent.Generators/Parsing/ExternAliases.cs", r'''named.WithNullableAnnotation(NullableAnnotation.NotAnnotated)''', r'''named''', "expr",
     "the type named with the parameter's nullable annotation (IThing?)"),
]

# Mutants of session 28's [FromKeyedServices(key)] support in the generator: the key read from the
# attribute and written as C# of its own type (ServiceKeys), the keyed argument's default and the
# refusals (ConstructorInspector), the experimental ids of a key's type (ExperimentalIds), the keyed
# argument and required-service entries the registry writes (RegistryEmitter), and one entry per key
# (RegistryPlanner). The runtime's half (the check at start, the error texts) is runtime_s28_keyed.py.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s28_keyed.py
# Not made mutants: a uint key without its U suffix (4294967295 is a uint literal anyway, and a
# smaller one would be an int: written with U always), a double without D (a double literal either
# way), the array refusal (a switch arm), and text inside the emitted interpolated strings.
# Session 28: 27 mutants, run once with the classes below: 25 killed, 2 survived. 23 (the error naming
# the key with global::) survived because every error text tested had a string key; the enum key's
# error text is now tested (KeyedServiceExecutionTests.A_missing_enum_key_is_named_as_the_source_writes_it)
# and 23 re-run: killed. 15 (an unbound generic typeof accepted) is equivalent: the unbound type's
# type arguments are error types, which the next check of Unnameable refuses anyway (re-run: survived).
# Totals: 27 mutants, 26 killed, 1 equivalent.
# Session 28 (keyed2): 19 retargeted at KeyedProviderProblem's "has no" reason (GetTypeByMetadataName is gone);
# re-run 19 and 20: both killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.KeyedServiceExecutionTests", "-class", "*.KeyedServiceDiagnosticTests",
             "-class", "*.RequiredServicesAcrossAssembliesTests", "-class", "*.RequiredServicesExecutionTests",
             "-class", "*.InstanceCommandExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
P = "src/Agent.Generators/Parsing/"
S = P + "ServiceKeys.cs"
K = P + "ConstructorInspector.cs"
E = P + "ExperimentalIds.cs"
G = "src/Agent.Generators/Emitting/RegistryEmitter.cs"
R = "src/Agent.Generators/Model/RegistryPlanner.cs"
MUTANTS = [
    # ServiceKeys: which attributes have a key.
    (S, r'''attribute.ConstructorArguments.Length == 0''', r'''false''', "expr",
     "the parameterless [FromKeyedServices] (inherit the key) read as having a key"),
    (S, r'''value.IsNull''', r'''false''', "expr",
     "a null key taken as a key (not the unkeyed service)"),
    # ServiceKeys: the key's C# text keeps its type.
    (S, r'''EnumSource.OfValue(type, value.Value!)''', r'''Primitive(value.Value!)!''', "expr",
     "an enum key written as its underlying number (another key)"),
    (S, r'''Invariant(l) + "L"''', r'''Invariant(l)''', "expr",
     "a long key written as an int"),
    (S, r'''Invariant(u) + "UL"''', r'''Invariant(u)''', "expr",
     "a ulong key written without its suffix (an int)"),
    (S, r'''"(byte)" + Invariant(n)''', r'''Invariant(n)''', "expr",
     "a byte key written as an int"),
    (S, r'''"(short)(" + Invariant(n) + ")"''', r'''Invariant(n)''', "expr",
     "a short key written as an int"),
    (S, r'''f.ToString("R", CultureInfo.InvariantCulture) + "F"''', r'''f.ToString("R", CultureInfo.InvariantCulture)''', "expr",
     "a float key written as a double"),
    (S, r'''double.IsNaN(d)''', r'''false''', "expr",
     "a NaN key written as NaND (no C#)", "double d => double.IsNaN(d)"),
    (S, r'''c is >= ' ' and <= '~' and not '\'' and not '\\' ''', r'''true ''', "expr",
     "every char key written between quotes, ' too"),
    (S, r'''CSharp.Literal(text)''', r'''"\"" + text + "\""''', "expr",
     "a string key written without escapes"),
    # ServiceKeys: types the registry cannot name.
    (S, r'''Nameable(type, known)''', r'''(string?)null''', "expr",
     "an enum key of a type the registry cannot name accepted (CS0122 in the registry)", "TypedConstantKind.Enum when value.Type is { } type => Nameable(type, known)"),
    (S, r'''Nameable(type, known)''', r'''(string?)null''', "expr",
     "a typeof key of a type the registry cannot write accepted", "TypedConstantKind.Type when value.Value is ITypeSymbol type => Nameable(type, known)"),
    (S, r'''!known.Compilation.IsSymbolAccessibleWithin(type, known.Compilation.Assembly)''', r'''false''', "expr",
     "a private nested key type accepted"),
    (S, r'''named.IsUnboundGenericType''', r'''false''', "expr",
     "an unbound generic typeof key accepted"),
    (S, r'''value.Kind == TypedConstantKind.Type ? value.Value as ITypeSymbol : value.Type''', r'''null''', "expr",
     "a key's type not reported for its experimental ids"),
    # ConstructorInspector: the keyed argument and the refusals.
    (K, r'''parameter.HasExplicitDefaultValue ? DefaultValues.Render(parameter, BoundTypes.Of(parameter)) : null''', r'''null''', "expr",
     "a keyed parameter's default never used (required)"),
    (K, r'''parameter.HasExplicitDefaultValue ? DefaultValues.Render(parameter, BoundTypes.Of(parameter)) : null''',
     r'''parameter.HasExplicitDefaultValue ? DefaultValues.Render(parameter, BoundTypes.Of(parameter)) : parameter.Type.NullableAnnotation == NullableAnnotation.Annotated ? "null" : null''', "expr",
     "a nullable keyed parameter without a default falls back to null (ActivatorUtilities requires it)"),
    (K, r'''$"this compilation has no {KeyedServiceProvider}; reference Microsoft.Extensions.DependencyInjection.Abstractions 8.0 or later"''', r'''(string?)null''', "expr",
     "a keyed parameter accepted in a compilation without IKeyedServiceProvider"),
    (K, r'''ServiceKeys.Read(p, known)''', r'''(Key: (ServiceKey?)null, Refusal: (string?)null, Location: (Location?)null, KeyType: (ITypeSymbol?)null)''', "expr",
     "every keyed parameter taken as unkeyed"),
    (E, r'''AddType(ids, keyType);''', r'''''', "stmt",
     "a key's [Experimental] type not suppressed in the registry's file"),
    # RegistryEmitter: the keyed argument and its entry.
    (G, r'''argument.Fallback ?? error''', r'''error''', "expr",
     "a keyed argument's default never used"),
    (G, r'''CSharp.Literal(key.Text)''', r'''CSharp.Literal(key.Expression)''', "expr",
     "the error names the key with global::"),
    (G, r'''CSharp.Literal(k.Text)''', r'''CSharp.Literal(k.Expression)''', "expr",
     "the required service's key text with global::"),
    (G, r'''argument.Key''', r'''(ServiceKey?)null''', "expr",
     "a keyed argument asked for by type alone", "if (argument.Key is { } key)"),
    # RegistryPlanner: one entry per type and key.
    (R, r'''(a.TypeName, a.Key)''', r'''(a.TypeName, Key: (ServiceKey?)null)''', "expr",
     "one type under two keys (or keyed and not) listed once"),
    (R, r'''g.Key.Key''', r'''null''', "expr",
     "a keyed required service listed as unkeyed"),
]

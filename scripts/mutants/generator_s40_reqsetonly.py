# Mutants of session 40's GA0020 case: a required ([JsonRequired], or C# required the creating constructor does not
# release with [SetsRequiredMembers]) collection with a setter and no getter the context calls, which .NET 10 never
# sets and then refuses as a required member without a setter as it prepares the type (probed: reads and writes, a list
# and a dictionary, one a constructor parameter binds; not one read through a required constructor parameter under
# RespectRequiredConstructorParameters). SetOnlyCollections.IsSetOnlyCollection is GA0026's rule less its required check.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s40_reqsetonly.py
# Outcome (session 40, 2026-12-04): 6 mutants, 6 killed (the no-mutant run: 74 tests pass): 1, 2, 5 and 6 by
# ContractFaultDiagnosticTests.A_required_collection_with_a_setter_and_no_getter_fails_reads_and_writes (1 and 2 by the
# execution test's list too), 3 and 4 by ContractFaultExecutionTests.The_analyzer_reports_exactly_the_commands_that_fail.
# Mutants 7-11 (added after: GA0026 and this case not judged where a converter among the options' Converters may read the
# property's type, OptionConverters), run alone (the no-mutant runs 77 and 78 tests): all killed, each by
# SetOnlyCollectionDiagnosticTests.Not_where_a_converter_among_the_options_may_read_the_type (7 by three of its cases).
# Session 41: 9-11 retargeted (OptionConverters keeps each converter with its type, MayRead is AnyType or Reading); run: 3 of 3 killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.ContractFaultDiagnosticTests", "-class", "*.ContractFaultExecutionTests",
             "-class", "*.SetOnlyCollectionDiagnosticTests", "-class", "*.SetOnlyCollectionExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches.ReqSetOnly40"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
C = "src/Agent.Generators/Parsing/ContractFaults.cs"
S = "src/Agent.Generators/Parsing/SetOnlyCollections.cs"
U = "src/Agent.Generators/Parsing/UnreadableReasons.cs"
O = "src/Agent.Generators/Parsing/OptionConverters.cs"
MUTANTS = [
    (U, r'''ContractFaults.RequiredSetOnlyCollection(type, member, known)''', r'''null''', "expr",
     "the case not looked for: no GA0020, the type fails every read and write unwarned"),
    (C, r'''!RequiredJsonMembers.IsRequired(member, type) || SetByRequiredParameter(type, member, known)''',
     r'''!RequiredJsonMembers.MarkedJsonRequired(member) || SetByRequiredParameter(type, member, known)''', "expr",
     "only [JsonRequired] counted: a C# required one unwarned"),
    (C, r'''!RequiredJsonMembers.IsRequired(member, type) || SetByRequiredParameter(type, member, known)''',
     r'''!RequiredJsonMembers.IsRequired(member, type)''', "expr",
     "a member read through a required constructor parameter reported too"),
    (C, r'''SetOnlyCollections.IsSetOnlyCollection(member, known, ImmutableHashSet<string>.Empty)''',
     r'''SetOnlyCollections.IsSetOnlyCollection(member, known, RequiredJsonMembers.BoundByConstructor(type))''', "expr",
     "a member a constructor parameter binds spared, as GA0026 spares it: that type fails unwarned"),
    (S, r'''IsSetOnlyCollection(member, known, boundByConstructor) && !RequiredJsonMembers.IsRequired(member, owner)''',
     r'''IsSetOnlyCollection(member, known, boundByConstructor)''', "expr",
     "GA0026 reported for a required one too, beside GA0020"),
    (C, r'''RequiredJsonMembers.MarkedJsonRequired(member) ? "remove [JsonRequired]" : "remove 'required'"''',
     r'''"remove [JsonRequired]"''', "expr",
     "the remedy names [JsonRequired] for a C# required member"),
    (S, r'''!known.OptionConverters.MayRead(property.Type)''', r'''true''', "expr",
     "the options' converters ignored: GA0026 (and GA0020, an error) for a property one of them reads and so sets"),
    (O, r'''current.GetMembers("CanConvert").Any(member => member is IMethodSymbol { IsOverride: true })''', r'''false''', "expr",
     "a converter overriding CanConvert taken to read only its T: GA0026 where it may read the type"),
    (O, r'''AnyType''', r'''false''', "expr",
     "a factory taken to read nothing: GA0026 where it may read the type",
     r'''=> AnyType || Reading'''),
    (O, r'''Same(read.Type, inner)''', r'''false''', "expr",
     "a Nullable<T> property's struct not looked for: GA0026 where a JsonConverter<T> reads it"),
    (O, r'''read.Add((converter, type));''', r'''anyType = true;''', "stmt",
     "every JsonConverter<T> taken to read any type: no GA0026 in a context with one"),
]

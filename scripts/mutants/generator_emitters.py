# Mutants of the generator's emitters and pipeline, which no batch had mutated by file: what a
# command's file (CommandEmitter: the descriptor, the raw binding, the arguments a method gets),
# its return statement (ResultEmitter: every return form, sync and async), the registry
# (RegistryEmitter: the CommandRegistry attribute, the descriptor list, required services, instance
# creation and its fallbacks) and the aggregate (AggregateEmitter: one registry or several, routes,
# shadowed names, merged descriptors and services, the clash stub) write, and the pipeline's steps
# (CommandGenerator: tracking names, what a step passes on, when an output is written); since
# session 21 also the object binder's first read and placeholders, and SourceWriter's blank line
# after a block (the binding rules stay generator_binding.py's, SourceWriter's others generator_parts.py's).
# The IDE Fix All providers are in another assembly: generator_emitters_fixall.py.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_emitters.py
# Session 20: 49 mutants, run once with the classes below (EmitterExecutionTests not yet written):
# 46 killed, 3 survived, all test gaps, killed since (re-run 12 14 17 40 46: all killed):
# - 17 (a nullable-reference complex result formatted through JsonTypeInfo<T> of the non-nullable
#   type: a CS8604 warning in the generated code, which no sample had, as none returned Chunk?):
#   by EmitterExecutionTests.Answers_rare_return_forms (Chunk? and Task<Chunk?>, null and not).
# - 40 (several names of one library replaced: only the first one's required services left out):
#   by RequiredServicesAcrossAssembliesTests.Every_replaced_command_of_a_library_leaves_its_services_out.
# - 46 (an assembly without commands gets an empty registry, so it claims to be a command assembly):
#   by CrossAssemblyTests.An_assembly_without_commands_gets_no_registry_of_its_own.
# Killed by the snapshot tests alone: 3, 8-10, 14 and 49; by snapshots first (the results name the
# first three failures of 4-5) 5 and 11-13. EmitterExecutionTests now also kills 12 (the void
# command not called) and 14 (the async null string) by running them. Mutant 6
# (CancellationToken.None) makes CommandExecutorExecutionTests' waiting command hang: its run was
# ended by hand after 6 minutes and counts as killed (TIMEOUT was 600 s, now 150 s). No bug found.
# Session 20, later: the mutants only the snapshots killed made behavioural, and re-run (3 5 8-11
# 13 14 49) with CommandSnapshotTests taken out of TEST_ARGS (RawDefaultExecutionTests added, as
# it is now below): all killed but 10, by execution tests alone:
# - 3 (type with global::) by EmitterExecutionTests.The_descriptor_names_a_parameter_type_as_written_without_global;
#   5 (void described as Unknown) by EmitterExecutionTests.The_descriptor_states_how_the_message_is_encoded.
# - 8 and 9 (a raw optional parameter's default not taken for "" / never) by
#   RawDefaultExecutionTests.A_missing_or_empty_value_takes_the_default (9's `if (false)` also makes
#   the generated code warn (unreachable), so the class's sample no longer builds).
# - 11 (invalid JSON said to be "expects a JSON string") by
#   RawDefaultExecutionTests.A_value_that_is_not_JSON_is_refused_as_not_JSON (TryDispatch itself
#   given "\"ab": the protocol reader only passes on well-formed values).
# - 13 (a sync null string result) by EmitterExecutionTests.A_null_string_result_is_the_empty_message:
#   the protocol layer writes a null message as "" too, so only TryDispatch's own caller sees the
#   null (CommandResult.Message is not nullable). 14 (async) fails EmitterExecutionTests' sample
#   build: in `await running.ConfigureAwait(false)!` the `!` is on the awaitable, not the result (CS8604).
# - 49 (duplicate names ignored) by EmitterExecutionTests (a name used twice in its sample): the
#   registry then names the duplicates' Describe_/Invoke_ methods, which no file defines, so the
#   sample does not compile; A_name_used_twice_is_left_out_of_the_registry states the behaviour.
# - 10 survived and was equivalent: `if (!reader.Read())` on the first read cannot be true, since a
#   Utf8JsonReader over a final block with no token throws JsonException (caught: InvalidJson) rather
#   than return false. Session 21 removed that dead branch from the raw binding (and the object
#   binding's, generator_emitters 50) and retargeted 10 to the first read itself (see below);
#   BindingExecutionTests.A_value_that_is_not_JSON_is_refused_as_not_JSON pins the answers.
# Session 21 (the emitter tidy): 10 retargeted, 50-58 appended (the object binder's first read and
# its reader, the raw binder's reader, the has_ flag's blank line and SourceWriter.SeparateFromBlock,
# the aggregate's inheritdoc, a constructor argument's branch lines, a required parameter's unread
# `default`/`default!`), TEST_ARGS joined by SourceWriterTests. Run with 11 and 24-30 (whose lines
# were reformatted): 10 11 24-30 50-58, all killed. 10 and 50 (no first read) by BindingExecutionTests
# and RawDefaultExecutionTests; 55 and 56 (a reader not over a final block) by
# A_value_that_is_not_JSON_is_refused_as_not_JSON (both classes); 57 by InstanceCommandExecutionTests
# and RequiredServicesExecutionTests; 58 (no `!`: CS8600) by every sample with a required string
# parameter failing to build; 51-54 by SourceWriterTests and the snapshots (layout only). The
# RequiredService entries' target-typed `new(` is mutated through 24 and 25 (same line).
# Session 21 (binding-hints): 59-61 appended, the bound names the binder passes to the unknown-property
# error for its case hint; TEST_ARGS joined by WrappedValueExecutionTests. Run: 3 of 3 killed, by
# execution tests: 59 and 60 by BindingExecutionTests, 61 (the lone complex parameter's branch) by
# WrappedValueExecutionTests. generator_binding mutant 2's text follows the changed line (re-run: killed).
# Not made mutants: text that only changes a generated file's layout or its comments (the
# snapshots own it), the static/instance choice of the call's target and the async CommandResult's
# `return new(...)` (neither compiles when wrong, in every sample), the dispatch switch
# (generator_classifier_switch.py's), and the per-command `IsStatic`/`Mode` branches the binding
# batches already mutate.
# Session 22 (genopt): 44 and 49 retargeted (the pipeline lines now also skip a class GA0022 names): re-run, both killed.
# Session 28 (keyed): 27 and 57 placed by a context (the keyed argument repeats their text): re-run, both killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.ReturnFormExecutionTests", "-class", "*.InstanceCommandExecutionTests",
             "-class", "*.BindingExecutionTests", "-class", "*.RequiredServicesExecutionTests",
             "-class", "*.LoggerArgumentExecutionTests", "-class", "*.CommandExecutorExecutionTests",
             "-class", "*.EmitterExecutionTests", "-class", "*.RawDefaultExecutionTests",
             "-class", "GuestAgent.Generators.Tests.CrossAssembly.*", "-class", "*.IncrementalCachingTests",
             "-class", "*.CommandSnapshotTests", "-class", "*.ExperimentalTortureTests",
             "-class", "*.SourceWriterTests", "-class", "*.WrappedValueExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 150
E = "src/Agent.Generators/Emitting/"
C = E + "CommandEmitter.cs"
R = E + "ResultEmitter.cs"
G = E + "RegistryEmitter.cs"
A = E + "AggregateEmitter.cs"
P = "src/Agent.Generators/CommandGenerator.cs"
O = E + "ObjectBinderEmitter.cs"
W = E + "SourceWriter.cs"
MUTANTS = [
    # CommandEmitter: the descriptor.
    (C, r'''(parameter.IsOptional ? "false" : "true")''', r'''"true"''', "expr",
     "every bound parameter described as required"),
    (C, r'''CSharp.Literal(parameter.DefaultJson)''', r'''"null"''', "expr",
     "a parameter's default left out of its descriptor"),
    (C, r'''CSharp.Literal(CSharp.Plain(parameter.Type!.FullName))''', r'''CSharp.Literal(parameter.Type!.FullName)''', "expr",
     "a parameter's type described with global:: and keyword-less names"),
    (C, r'''ResultEncoding(command.Result)''', r'''ResultEncoding(command.Result == ResultKind.String ? ResultKind.Value : command.Result)''', "expr",
     "a string result described as JSON-encoded"),
    (C, r'''ResultEncoding(command.Result)''', r'''ResultEncoding(command.Result == ResultKind.Void ? ResultKind.CommandResult : command.Result)''', "expr",
     "a void result described as Unknown"),
    # CommandEmitter: the arguments the method gets.
    (C, r'''"invocation.CancellationToken"''', r'''"global::System.Threading.CancellationToken.None"''', "expr",
     "a CancellationToken parameter gets None, never the request's token"),
    (C, r'''$"invocation.CreateContext({CSharp.Literal(command.Name)})"''', r'''$"invocation.CreateContext({CSharp.Literal(command.MethodName)})"''', "expr",
     "a CommandContext names the method instead of the command"),
    # CommandEmitter: raw binding.
    # Session 31 (binder7): "" is told by the reader's first token (white space around it too), an empty value before any read.
    (C, r'''$"if (reader.TokenType == {CSharp.Json}.JsonTokenType.String && reader.ValueSpan.Length == 0)"''',
     r'''"if (false)"''', "expr",
     "a raw optional parameter sent as \"\" is read as the empty string, not its default"),
    (C, r'''"if (value.IsEmpty)"''',
     r'''"if (false)"''', "expr",
     "a raw optional parameter's default is never used for an empty value (refused as not JSON)"),
    (C, r'''writer.WriteLine(CSharp.FirstRead).WriteLine();''', r'''writer.WriteLine();''', "stmt",
     "raw binding: the value's first token never read (every string value said to be of the wrong kind)"),
    (C, r'''writer.WriteLine($"return BindingFailed({CSharp.Commands}.BindingErrors.InvalidJson({CSharp.Literal(command.Name)}));");
        writer.CloseBlock();''', r'''writer.WriteLine(fail);
        writer.CloseBlock();''', "stmt",
     "raw binding: invalid JSON says a string was expected"),
    # ResultEmitter.
    (R, r'''writer.WriteLine($"{call};");
                writer.WriteLine($"return new({CSharp.Result}.Ok());");''', r'''writer.WriteLine($"return new({CSharp.Result}.Ok());");''', "stmt",
     "a void command answers 0 without being called"),
    (R, r'''$"return new({CSharp.Result}.Ok({call} ?? \"\"));"''', r'''$"return new({CSharp.Result}.Ok({call}!));"''', "expr",
     "a null string result is not turned into \"\""),
    (R, r'''$"return {CSharp.Result}.Ok(await running.ConfigureAwait(false) ?? \"\");"''', r'''$"return {CSharp.Result}.Ok(await running.ConfigureAwait(false)!);"''', "expr",
     "an async null string result is not turned into \"\""),
    (R, r'''writer.WriteLine("await running.ConfigureAwait(false);");''', r'''writer.WriteLine("_ = running;");''', "stmt",
     "an async void command answers before it ends (its failure unseen)"),
    (R, r'''command.Async == AsyncKind.None || command.Result == ResultKind.CommandResult''', r'''command.Async == AsyncKind.None''', "expr",
     "a Complete_ method written for an async CommandResult too (unused)"),
    (R, r'''type.IsNullableValueType ? null : type.FullName''', r'''null''', "expr",
     "a complex result formatted with metadata of its own type, not as declared (nullable reference)"),
    (R, r'''$"{Formatter}.JsonEnum({value})"''', r'''$"{Formatter}.Json((long){value})"''', "expr",
     "an enum result written as its number"),
    (R, r'''$"{Formatter}.Json((ulong){value})"''', r'''$"{Formatter}.Json((long){value})"''', "expr",
     "an unsigned result written through long (ulong.MaxValue is -1)"),
    (R, r'''$"{value} is {{ }} {value}Value ? {FormatNonNull(type, value + "Value", jsonContext)} : \"null\""''',
     r'''$"{value} is {{ }} {value}Value ? {FormatNonNull(type, value + "Value", jsonContext)} : \"\""''', "expr",
     "a null nullable value result written as an empty message, not null"),
    # RegistryEmitter.
    (G, r'''string.Concat(model.Commands.Select(c => ", " + CSharp.Literal(c.Name)))''', r'''string.Empty''', "expr",
     "the CommandRegistry attribute names no command"),
    (G, r'''writer.WriteLine($"Describe_{command.Identifier}(),");''', r'''if (command != model.Commands[0]) { writer.WriteLine($"Describe_{command.Identifier}(),"); }''', "stmt",
     "the first command is left out of the registry's descriptors"),
    (G, r'''$"_services = services ?? {CSharp.Commands}.EmptyServiceProvider.Instance;"''', r'''"_services = services!;"''', "expr",
     "a registry made without services has none (null), not the empty provider"),
    (G, r'''service.AlternativeServiceType is { } other ? $", typeof({other})" : string.Empty''', r'''string.Empty''', "expr",
     "a required ILogger<T> lists no ILoggerFactory alternative"),
    (G, r'''CSharp.Literal(service.CommandName)''', r'''CSharp.Literal(service.ClassName)''', "expr",
     "a required service names the class where the command goes"),
    (G, r'''argument.IsServiceProvider''', r'''false''', "expr",
     "an IServiceProvider constructor argument is looked up in the provider, not the provider itself"),
    (G, r'''argument.Fallback''', r'''(string?)null''', "expr",
     "an optional constructor argument is required (its default never used)", "var missing = argument.Fallback"),
    (G, r'''$"return _instance_{id} ??= new {instance.TypeName}();"''', r'''$"return new {instance.TypeName}();"''', "expr",
     "a class without constructor arguments is created for every call"),
    (G, r'''$"return _instance_{id} ??= new {instance.TypeName}("''', r'''$"return new {instance.TypeName}("''', "expr",
     "a class with constructor arguments is created for every call"),
    (G, r'''model.Instances.SelectMany(i => i.ExperimentalIds)''', r'''Enumerable.Empty<string>()''', "expr",
     "an [Experimental] instance class is not suppressed in the registry"),
    # AggregateEmitter.
    (A, r'''$"    new {registries[0]}(services);"''', r'''$"    new {registries[0]}();"''', "expr",
     "a single registry gets no services"),
    (A, r'''registries.Count == 1''', r'''true''', "expr",
     "the aggregate serves only its first registry"),
    (A, r'''$"_registry{i} = new {registries[i]}(services);"''', r'''$"_registry{i} = new {registries[i]}(null);"''', "expr",
     "the aggregate's registries get no services"),
    (A, r'''model.References.Select(r => r.TypeName)''', r'''model.References.Select(r => r.TypeName).Reverse()''', "expr",
     "referenced registries in reverse order (routes reach the wrong one)"),
    (A, r'''$"return _registry{r.RegistryIndex}.TryDispatch(utf8Name, value, invocation, out result);"''',
     r'''$"return _registry{(r.RegistryIndex == 0 ? 0 : 1)}.TryDispatch(utf8Name, value, invocation, out result);"''', "expr",
     "every referenced name routed to the first referenced registry"),
    (A, r'''writer.WriteLine("all.Sort(static (left, right) => global::System.StringComparer.Ordinal.Compare(left.Name, right.Name));");''',
     r'''writer.WriteLine("// not sorted");''', "stmt",
     "merged descriptors not sorted by name"),
    (A, r'''$"if (command.Name is not {(shadowed.Names.Count == 1 ? names : "(" + names + ")")})"''',
     r'''$"if (command.Name is not {names})"''', "expr",
     "several shadowed names of one registry: only the first left out (is not A or B)"),
    (A, r'''$"if (command.Name is not {(shadowed.Names.Count == 1 ? names : "(" + names + ")")})"''', r'''"if (true)"''', "expr",
     "a shadowed command listed twice"),
    (A, r'''$"if (entry.CommandName is not {(shadowed.Names.Count == 1 ? names : "(" + names + ")")})"''', r'''"if (true)"''', "expr",
     "a shadowed command's required services kept"),
    (A, r'''$"if (entry.CommandName is not {(shadowed.Names.Count == 1 ? names : "(" + names + ")")})"''',
     r'''$"if (entry.CommandName is not {names})"''', "expr",
     "several shadowed names of one registry: only the first's services left out"),
    (A, r'''writer.WriteLine($"return global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.OrderBy(all, static entry => entry.CommandName, global::System.StringComparer.Ordinal));");''',
     r'''writer.WriteLine("return all.ToArray();");''', "stmt",
     "merged required services in registry order, not by command name"),
    (A, r'''$"[global::System.Obsolete({CSharp.Literal(clash)}, true)]"''', r'''$"[global::System.Obsolete({CSharp.Literal(clash)}, false)]"''', "expr",
     "the clash stub only warns, so the call compiles and throws at run time"),
    # CommandGenerator: the pipeline.
    (P, r'''TrackingNames.EmitSettings''', r'''TrackingNames.Settings''', "expr",
     "the emit-settings step tracked under another name"),
    (P, r'''s.AggregateInherited || s.AggregateTaken || !s.LanguageSupported''', r'''s.AggregateTaken || !s.LanguageSupported''', "expr",
     "an aggregate written where a referenced assembly's is inherited (CS0436)"),
    (P, r'''RegistryPlanner.IsGenerated(x.Left.Left, x.Left.Right)''', r'''true''', "expr",
     "a duplicate command name gets its file"),
    (P, r'''r.Model.Commands.Count > 0''', r'''true''', "expr",
     "an assembly without commands gets a registry"),
    (P, r'''a.OwnRegistry is not null || a.References.Count > 0''', r'''a.OwnRegistry is not null''', "expr",
     "an application without commands of its own gets no aggregate over its references"),
    (P, r'''x.Right ? x.Left : null''', r'''x.Left''', "expr",
     "the fallback analysis step carries the compilation with analyzers on (never cached, reports twice)"),
    (P, r'''RegistryPlanner.CreateRegistry(x.Right.RegistryTaken ? [] : x.Left.Left, x.Left.Right, x.Right.RegistryName)''',
     r'''RegistryPlanner.CreateRegistry(x.Right.RegistryTaken ? [] : x.Left.Left, default, x.Right.RegistryName)''', "expr",
     "the registry ignores duplicate names"),
    # Session 21 (appended, so the numbers above stay): ObjectBinderEmitter, whose binding rules are
    # generator_binding.py's.
    (O, r'''writer.WriteLine(CSharp.FirstRead);''', r'''writer.WriteLine();''', "stmt",
     "object binding: the value's first token never read (every object said not to be one)"),
    (O, r'''writer.SeparateFromBlock().WriteLine($"has_{parameter.Name} = true;");''',
     r'''writer.WriteLine($"has_{parameter.Name} = true;");''', "stmt",
     "a required parameter's has_ flag not set apart from the block its read ends in"),
    (W, r'''_closedBlock ? WriteLine() : this''', r'''this''', "expr",
     "SeparateFromBlock never writes the blank line"),
    (W, r'''_closedBlock = false;''', r'''_ = 0;''', "stmt",
     "SeparateFromBlock writes a blank line after any line once a block was closed"),
    (A, r'''writer.WriteLine("/// <inheritdoc />");
        writer.WriteLine($"public {requiredServices} RequiredServices => _requiredServices ??= MergeRequiredServices();");''',
     r'''writer.WriteLine($"public {requiredServices} RequiredServices => _requiredServices ??= MergeRequiredServices();");''', "stmt",
     "the aggregate's RequiredServices undocumented, unlike its other members"),
    (C, r'''writer.WriteLine(CSharp.DeclareReader);''',
     r'''writer.WriteLine("global::System.Text.Json.Utf8JsonReader reader = new(value.Span, isFinalBlock: false, state: default);");''', "stmt",
     "raw binding: the reader not over a final block (an empty value's first read returns false, not throws)"),
    (O, r'''writer.WriteLine(CSharp.DeclareReader);''',
     r'''writer.WriteLine("global::System.Text.Json.Utf8JsonReader reader = new(value.Span, isFinalBlock: false, state: default);");''', "stmt",
     "object binding: the reader not over a final block (an empty value's first read returns false, not throws)"),
    (G, r'''$"? a{i}"''', r'''"? default!"''', "expr",
     "a constructor argument's service, found, is not passed (the branch lines of the argument's conditional)",
     "$\"? a{i}\");\n                writer.WriteLine($\": {missing}"),
    (O, r'''type.FullName.EndsWith("?", System.StringComparison.Ordinal)
        || type.Kind is ValueKind.Enum or ValueKind.JsonElement
        || (type.Kind == ValueKind.Primitive && type.Primitive != PrimitiveKind.String)''', r'''true''', "expr",
     "a required string or class parameter's unread value is default without ! (CS8600 in the user's build)"),
    # Session 21, binding-hints (59-61): the names the unknown-property error compares.
    (O, r'''string.Join(", ", bound.Select(p => CSharp.Literal(p.Name)))''', r'''""''', "expr",
     "the unknown-property error is given no parameter names (no case hint)"),
    (O, r'''$"return BindingFailed({errors}.UnknownProperty({name}, reader.GetString()!, {names}));"''',
     r'''$"return BindingFailed({errors}.UnknownProperty({name}, reader.GetString()!));"''', "expr",
     "no case hint for an unknown property of a command without a lone complex parameter"),
    (O, r'''$"return BindingFailed({errors}.UnknownProperty({name}, unknown, {names}));"''',
     r'''$"return BindingFailed({errors}.UnknownProperty({name}, unknown));"''', "expr",
     "no case hint for an unknown property of a command with a lone complex parameter (not a property of its type)"),
    # Session 52: the missing lone complex parameter's hint only for a value that is a JSON object;
    # run, both killed by WrappedValueExecutionTests.
    (O, "parameter == wrapped && IsObject(parameter.Type!.RequestSchema)", "parameter == wrapped", "expr",
     "a missing list, char or JsonNode parameter told to send {'x': {...}}"),
    (O, "allowNull && type.Value.Text is \"null\"", "false", "expr",
     "a missing nullable record parameter gets no hint (the null branch not taken as an object's)"),
]

# Mutants of the generator's emitted object binding: the emitter is changed so the generated binder
# breaks a binding rule (a missing required property, an unknown property or a value of the wrong
# type accepted), and the execution tests, which compile and run generated code, must notice.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_binding.py
# Session 22: 13-15 (the JsonElement value check: removed, skipped for JsonElement, skipped for
# JsonElement?): 3/3 killed by BindingExecutionTests (element, json.elem and maybe.elem cases).
# Session 30: 13 placed by the line before it (WriteNode writes the same check for JsonNode parameters), rerun
# with the Execution namespace: killed by BindingExecutionTests.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-namespace", "GuestAgent.Generators.Tests.Execution"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
O = "src/Agent.Generators/Emitting/ObjectBinderEmitter.cs"
V = "src/Agent.Generators/Emitting/ValueReaderEmitter.cs"
MUTANTS = [
    (O, r'''bound.Where(p => !p.IsOptional)''', r'''bound.Where(p => false)''', "expr",
     "a missing required property is accepted (default value bound)"),
    (O, r'''writer.WriteLine($"return BindingFailed({errors}.UnknownProperty({name}, reader.GetString()!, {names}));");''',
     r'''writer.WriteLine("reader.Skip();");''', "stmt",
     "an unknown property is skipped instead of refused"),
    (O, r'''$"else if (reader.TokenType != {token}.Null && !(reader.TokenType == {token}.String && reader.ValueSpan.Length == 0))"''',
     r'''$"else if (reader.TokenType != {token}.Null && reader.TokenType != {token}.String)"''', "expr",
     "a non-empty string is accepted as an object without properties"),
    (O, r'''"if (reader.ValueIsEscaped)"''', r'''"if (false)"''', "expr",
     "an escaped property name with an unpaired surrogate is not refused up front"),
    (V, r'''type.Kind == ValueKind.Complex''', r'''false''', "expr",
     "null accepted for a non-nullable complex parameter"),
    (V, r'''writer.OpenBlock($"if (reader.TokenType != {token}.String)").WriteLine(fail).CloseBlock().WriteLine();
                writer.OpenBlock("try").WriteLine($"{local} = reader.GetString()!;").CloseBlock();''',
     r'''writer.OpenBlock("try").WriteLine($"{local} = reader.GetString()!;").CloseBlock();''', "stmt",
     "string: the token type is not checked (null accepted, a number gets the wrong message)"),
    (V, r'''$"if (reader.TokenType is not ({token}.True or {token}.False))"''', r'''$"if (reader.TokenType == {token}.String)"''', "expr",
     "bool: null and numbers read as false"),
    (V, r'''$" || !{type.NonNullableFullName}.IsFinite({temporary})"''', r'''""''', "expr",
     "float/double: an out-of-range number read as infinity"),
    (V, r'''$"if (!reader.TryGetUInt64(out ulong {number}) || ({number} & ~{type.FlagsMask}) != 0)"''',
     r'''$"if (!reader.TryGetUInt64(out ulong {number}))"''', "expr",
     "flags enum: a number with bits outside the members accepted"),
    (V, r'''"switch (part.Trim())"''', r'''"switch (part)"''', "expr",
     "flags enum: names separated by ', ' refused"),
    (V, r'''writer.OpenBlock("else").WriteLine(fail).CloseBlock();
                writer.CloseBlock();''', r'''writer.CloseBlock();''', "stmt",
     "enum: an unknown name accepted (the default member bound)"),
]
# Mutant 1 is killed by a compiler warning (has_ set and never read) rather than by a binding
# test; this one keeps the flag read, so only a test of the missing property can notice.
# Session 52: its text follows the hint's new object condition; re-run, killed (13 execution tests).
MUTANTS.append((O, r'''writer.WriteLine(parameter == wrapped && IsObject(parameter.Type!.RequestSchema)
                ? $"return BindingFailed({errors}.SendWrapped({missing}, {CSharp.Literal(parameter.Name)}));"
                : $"return BindingFailed({missing});");''', r'''writer.WriteLine($"has_{parameter.Name} = true;");''', "stmt",
     "a missing required property is accepted, its flag still read"))
# Session 22: a JsonElement value, whole or as a property, checked for strings .NET cannot read.
# Session 30: placed by the line before it, since WriteNode (JsonNode parameters) writes the same check.
MUTANTS.append((V, r'''writer.OpenBlock($"if (!{CSharp.Commands}.JsonTextCheck.IsReadable({element}))").WriteLine(failText).CloseBlock();''', "", "stmt",
     "a JsonElement value holding an unpaired surrogate escape reaches the command",
     '''{local} = {CSharp.Json}.JsonElement.ParseValue(ref reader);");
        writer.OpenBlock($"if (!{CSharp.Commands}.JsonTextCheck.IsReadable({element}))").WriteLine(failText).CloseBlock();'''))
MUTANTS.append((V, "WriteJsonElement(writer, local, local, failText, refusesRepeatedNames ? failRepeated ?? fail : null);",
     "writer.WriteLine($\"{local} = {CSharp.Json}.JsonElement.ParseValue(ref reader);\");", "stmt",
     "a JsonElement value taken whole (or a JsonElement property) is not checked"))
MUTANTS.append((V, "WriteJsonElement(writer, local, local + \".Value\", failText, refusesRepeatedNames ? failRepeated ?? fail : null);",
     "writer.WriteLine($\"{local} = {CSharp.Json}.JsonElement.ParseValue(ref reader);\");", "stmt",
     "a JsonElement? value is not checked"))


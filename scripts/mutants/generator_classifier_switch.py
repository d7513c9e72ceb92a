# Mutants of how a parameter or result type is classified and described (TypeClassifier: supported,
# unsupported or for the JSON context; nullable wrappers, null, flags masks and the signed flags
# reader in ValueReaderEmitter, Guid) and of how the
# generated TryDispatch finds a command by its UTF-8 name (NameTree: which byte splits names of one
# length; NameSwitchEmitter: the length switch, byte switches and helper methods). The filter has
# execution tests only (no snapshot test): a mutant of the switch counts as killed only when a name
# reaches the wrong command, or none, or the generated code stops building.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_classifier_switch.py
# Session 18: 19 mutants (1-19). TEST_ARGS below is the batch's filter; one run of it took about four
# minutes on the shared machine (NameDispatch and NameTorture compile 1,000 and 300 commands per test),
# so after the build the mutants were run from the built binaries in two parts with narrower filters (a
# mutant killed by a narrower filter is killed by TEST_ARGS too): 11-19 with
# -method "*Every_name_reaches_its_own_command*" (NameDispatchExecutionTests and NameTortureTests, each
# through an aggregate), 1-10 with the five other classes. Killed: 1-8, 10, 11, 12, 15, 17, 19.
# Survived: 9, 13, 14, 16, 18.
# - 9 showed a bug in the flags binder: a [Flags] enum with a negative member (All = -1) has a
#   sign-extended mask covering every bit, so any number passed the mask check and was cast into the
#   underlying type (4294967297 became 1, Read; for an sbyte enum 129 became -127, Low|High), while the
#   member's own number (-1) was refused (read with TryGetUInt64). Now a signed underlying type reads a
#   long that must fit the type (TypeModel.FlagsSignedType); FlagsEnumExecutionTests has both cases and
#   kills 9 (zero-extended mask: -1 is refused again).
# - 13, 14, 16 and 18 are equivalent for dispatch: 13 (ties broken differently) changes only which byte is
#   switched first; 14: command names are ASCII only (Names.IsValidCommandName, [A-Za-z0-9_.-]; an invalid
#   name gets no code), so a name's UTF-8 length is its length in chars; 16: WriteInline writes a tree's
#   branches as well as its leaves, so a helper written through it holds the same search inline; 18: the
#   budget decides only which subtrees move into helper methods (method size, which the JIT cares about:
#   see NameSwitchEmitter's remarks), not which command a name reaches. Only the generated text differs
#   (what snapshot tests compare); no execution test can tell, and none may measure speed.
# 20 added (case labels folding case); 21 and 22 for the fix's signed path. Run 9 and 20-22 with narrower
# filters again (9, 20: FlagsEnumExecutionTests and NameTortureTests; 21, 22: FlagsEnumExecutionTests): all killed.
# Final: 18 of 22 killed, 4 equivalent (13, 14, 16, 18).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*NameDispatchExecutionTests", "-class", "*NameTortureTests", "-class", "*NullableStructExecutionTests",
             "-class", "*FlagsEnumExecutionTests", "-class", "*BindingExecutionTests", "-class", "*UnsupportedTypeDiagnosticTests",
             "-class", "*ContractSchemaExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 400
C = "src/Agent.Generators/Parsing/TypeClassifier.cs"
T = "src/Agent.Generators/Emitting/NameTree.cs"
E = "src/Agent.Generators/Emitting/NameSwitchEmitter.cs"
MUTANTS = [
    # TypeClassifier.
    (C, r'''UnsupportedTypes.Why(type, known) is not null''', r'''false''', "expr",
     "an unsupported type (a pointer, a delegate...) counts as supported"),
    (C, r'''known.Is(inner, known.JsonElement) || inner.TypeKind == TypeKind.Enum''', r'''known.Is(inner, known.JsonElement)''', "expr",
     "an enum is sent to the JSON context (GA0009 for every enum parameter)"),
    (C, r'''known.Is(inner, known.JsonElement) ? ValueKind.JsonElement
            : inner.TypeKind == TypeKind.Enum ? ValueKind.Enum
            : ValueKind.Complex''', r'''inner.TypeKind == TypeKind.Enum ? ValueKind.Enum : ValueKind.Complex''', "expr",
     "a JsonElement is described as a complex type (read through the JSON context)"),
    (C, r'''(!ReferenceEquals(inner, type) && known.ContextCovers(inner))''', r'''false''', "expr",
     "listing Pt does not cover Pt? (GA0009 asks for Pt?)"),
    (C, r'''kind == ValueKind.Complex && !(isNullableValue && known.ContextCovers(inner))''', r'''kind == ValueKind.Complex''', "expr",
     "Pt? is read through Pt?'s metadata, which the context does not have"),
    (C, r'''isNullableValue || (!type.IsValueType && type.NullableAnnotation == NullableAnnotation.Annotated)''', r'''!type.IsValueType && type.NullableAnnotation == NullableAnnotation.Annotated''', "expr",
     "a nullable value type (int?, Color?) does not take null"),
    (C, r'''requestSchema == resultSchema ? resultSchema : requestSchema''', r'''resultSchema''', "expr",
     "the request schema is the written one (members only written are listed as accepted)"),
    (C, r'''mask |= Bits(field.ConstantValue!);''', r'''mask = Bits(field.ConstantValue!);''', "stmt",
     "a flags enum's mask is its last member's bits, not their union"),
    (C, r'''unchecked((ulong)System.Convert.ToInt64(signed, System.Globalization.CultureInfo.InvariantCulture))''', r'''unchecked((ulong)(uint)System.Convert.ToInt64(signed, System.Globalization.CultureInfo.InvariantCulture))''', "expr",
     "a negative flags member's bits are zero-extended from 32 bits, not sign-extended as a cast does"),
    (C, r'''known.Is(type, known.Guid)''', r'''false''', "expr",
     "a Guid is not a primitive (sent to the JSON context)"),
    # NameTree and NameSwitchEmitter: which command a name reaches.
    (T, r'''entries
            .GroupBy(e => e.Utf8[position])''', r'''entries
            .GroupBy(e => e.Utf8[position == 0 ? 0 : position - 1])''', "expr",
     "names are grouped by the byte before the one the switch reads"),
    (T, r'''position < entries[0].Utf8.Length''', r'''position < entries[0].Utf8.Length - 1''', "expr",
     "the last byte is never switched on (names that differ only there cannot be told apart)"),
    (T, r'''counts.Count > bestDistinct || (counts.Count == bestDistinct && largest < bestLargest)''', r'''counts.Count > bestDistinct''', "expr",
     "ties between positions are not broken by the largest branch (only the tree's shape changes)"),
    (E, r'''e.Utf8.Length''', r'''e.Name.Length''', "expr",
     "names are grouped by their length in chars, not in UTF-8 bytes"),
    (E, r'''$"TryDispatch_{group.Key}"''', r'''"TryDispatch_"''', "expr",
     "the helpers of different lengths get one name"),
    (E, r'''tree.Branches.Count == 0''', r'''true''', "expr",
     "a helper holding a byte switch writes only its leaves (none): every name in it is unknown"),
    (E, r'''writer.WriteLine($"return {method}({Arguments});");''', r'''writer.WriteLine($"{method}({Arguments});"); writer.WriteLine("break;");''', "stmt",
     "a helper's answer is dropped (called, then break: the name is unknown)"),
    (E, r'''budget -= tree.Count;''', r'''_ = 0;''', "stmt",
     "a method's budget is never spent (every branch inline, one large method)"),
    (E, r'''$"switch (utf8Name[{tree.Position}])"''', r'''$"switch (utf8Name[{(tree.Position == 0 ? 0 : tree.Position - 1)}])"''', "expr",
     "the byte switch reads the byte before the position the tree chose"),
    (E, r'''$"(byte)'{(char)value}'"''', r'''$"(byte)'{char.ToLowerInvariant((char)value)}'"''', "expr",
     "the byte switch's case labels ignore case (an upper-case name lands in its lower-case twin's branch)"),
    # The flags binder's signed path (added with the fix for 9).
    (C, r'''kind == ValueKind.Enum && EnumSchema.IsFlags(inner) ? SignedKeyword(inner) : null''', r'''null''', "expr",
     "a signed flags enum is read as unsigned (-1 for All = -1 refused, 4294967297 wrapped to Read)"),
    ("src/Agent.Generators/Emitting/ValueReaderEmitter.cs", r'''signed == "long" ? "" : $" || unchecked(({signed}){number}) != {number}"''', r'''""''', "expr",
     "a signed flags number need not fit the underlying type (wrapped by the cast)"),
]

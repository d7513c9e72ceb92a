# Session 53: mutants of the schema rules that session's fixes added: a reference type where nullable
# annotations are disabled admits null in every schema but the generated binder's own parameter
# (SchemaBuilder.AdmitsNull; System.Text.Json reads and writes null there, as its JsonSchemaExporter
# says), and a command's own [Flags] enum result, written by Enum.ToString, is always a string
# (EnumSchema.ByMemberName's direction).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s53_schema.py
# Session 53: run, 6 of 6 killed (ObliviousSchemaExecutionTests, FlagsEnumExecutionTests).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*ObliviousSchemaExecutionTests", "-class", "*FlagsEnumExecutionTests", "-class", "*ContractSchemaExecutionTests",
             "-class", "*MemberSchemaExecutionTests", "-class", "*CommandSnapshotTests", "-class", "*DisallowNullTortureTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
S = "src/Agent.Generators/Parsing/SchemaBuilder.cs"
E = "src/Agent.Generators/Parsing/EnumSchema.cs"
MUTANTS = [
    (S, r'''(type.NullableAnnotation == NullableAnnotation.None && (depth > 0 || direction == JsonDirection.Written))''', r'''false''', "expr",
     "an oblivious member, item or result is schema'd without null, though the context reads and writes null for it"),
    (S, r'''(depth > 0 || direction == JsonDirection.Written)''', r'''true''', "expr",
     "the binder's own oblivious parameter is schema'd with null, which the binder refuses"),
    (S, r'''depth > 0''', r'''false''', "expr",
     "an oblivious member of a request's object is schema'd without null, though the context reads null for it"),
    (S, r'''direction == JsonDirection.Written''', r'''false''', "expr",
     "an oblivious result of the command itself is schema'd without null, though the method may return null"),
    (E, r'''direction == JsonDirection.Written''', r'''false''', "expr",
     "a [Flags] result is schema'd as a string or a number, though it is always written as a string",
     "return direction == JsonDirection.Written"),
    (E, r'''Object([Member("type", Array([String("string"), String("integer")]))])''', r'''Object([Member("type", String("string"))])''', "expr",
     "a [Flags] parameter is schema'd as a string only, though the binder reads a number too"),
]

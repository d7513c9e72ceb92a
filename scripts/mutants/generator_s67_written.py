# Session 67's result members System.Text.Json refuses: a member the context writes (or an item of a collection or
# array it holds) whose type is a native-sized integer, a reflection object, a delegate or a multi-dimensional array
# makes the context throw NotSupportedException whenever it writes a value for it (a null reference never reaches the
# converter), after the command has run; GA0021 now reports it (UnreadableTypes.Visit's 'written' walk, which follows
# only the members the context writes: a getter it calls, not under WhenWriting).
# Killed by UnwritableMemberExecutionTests (the commands reported, and the message) and UnsupportedMemberExecutionTests
# (a parameter's getter-only member, only prepared, stays unreported).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s67_written.py
# Outcome (session 67): 8 of 8 killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*UnwritableMemberExecutionTests", "-class", "*UnsupportedMemberExecutionTests",
             "-class", "*UnwritableResultExecutionTests", "-class", "*Diagnostics.DiagnosticTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
UNREADABLE = "src/Agent.Generators/Parsing/UnreadableTypes.cs"
MUTANTS = [
    (UNREADABLE, "written ? UnsupportedTypes.RefusedAsMember(type) : null", "UnsupportedTypes.RefusedAsMember(type)", "expr",
     "a member only prepared (a parameter's getter-only one, a result's set-only one) judged as written"),
    (UNREADABLE, "written ? UnsupportedTypes.RefusedAsMember(type) : null", "null", "expr",
     "a written member's refused type passes as before session 67"),
    (UNREADABLE, "Walk.Written", "Walk.Prepared", "expr",
     "a type first reached through a member only prepared is not walked again when a written member holds it"),
    (UNREADABLE, "type.IsReferenceType ? \" (a null is written fine)\" : \"\"", "\"\"", "expr",
     "the message no longer says a null is written fine"),
    (UNREADABLE, "Visit(array.ElementType, known, visited, path, populated: false, writing, written)",
     "Visit(array.ElementType, known, visited, path, populated: false, writing, false)", "expr",
     "an array's items are not judged as written"),
    (UNREADABLE, "Visit(item, known, visited, path, populated: false, writing, written)",
     "Visit(item, known, visited, path, populated: false, writing, false)", "expr",
     "a collection's items are not judged as written"),
    (UNREADABLE, "SerializedMembers.TypeOf(member, named, known, JsonDirection.Written, boundByConstructor) is not null", "true", "expr",
     "a member without a getter the context calls (set-only, a private getter) judged as written"),
    (UNREADABLE, "!JsonIgnoreConditions.NotWritten(member, known)", "true", "expr",
     "a member under WhenWriting judged as written"),
]

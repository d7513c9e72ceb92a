# Session 67's members System.Text.Json refuses: a member the context reads (or an item of a collection it holds)
# whose type is a native-sized integer, a reflection object, a delegate or a multi-dimensional array makes the
# context throw NotSupportedException for every request that sends a value for it, which GA0020 now reports
# (UnsupportedTypes.RefusedAsMember, asked by UnreadableTypes.Visit for a member's type, never for the parameter's
# own type, GA0007's, nor on the walk of what is only prepared or written).
# Killed by UnsupportedMemberExecutionTests (the commands reported, and the message).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s67_members.py
# Outcome (session 67): 5 of 5 killed. A sixth, UnreadableTypes' check dropping a 'path is not null' (the parameter's
# own type judged too), survived as an equivalent: a type GA0007 refuses never reaches the walk (CommandInspector
# stops at TypeSupport.Unsupported), so the check went from the code and the mutant with it.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*UnsupportedMemberExecutionTests", "-class", "*UnsupportedTypeDiagnosticTests",
             "-class", "*UnwritableResultExecutionTests", "-class", "*Diagnostics.DiagnosticTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
P = "src/Agent.Generators/Parsing/"
UNSUPPORTED = P + "UnsupportedTypes.cs"
UNREADABLE = P + "UnreadableTypes.cs"
MUTANTS = [
    (UNSUPPORTED, "IsNativeSized(member)", "false", "expr",
     "a nint member passes as before session 67"),
    (UNSUPPORTED, "member.TypeKind == TypeKind.Delegate", "false", "expr",
     "a delegate member passes (to the walk into Func<int>'s constructor, as before session 67)"),
    (UNSUPPORTED, "IsReflection(member)", "false", "expr",
     "a Type or MethodInfo member passes as before session 67"),
    (UNSUPPORTED, "member is IArrayTypeSymbol { IsSZArray: false }", "false", "expr",
     "an int[,] member passes as before session 67"),
    (UNREADABLE, "!writing", "true", "expr",
     "a result's member judged as if read (GA0021 for a member only reads fail on)"),
]

# Session 67's native-sized integers inside a collection: System.Text.Json's unsupported-type converter throws
# for an item of a List<nint>, a nuint?[] or a dictionary's nint value as it does for a nint itself, so
# UnsupportedTypes.OwnReason refuses one at any depth (GA0007, GA0008), unless a converter of the options reads it.
# Killed by UnsupportedTypeDiagnosticTests.Native_sized_integers_are_refused_inside_collections_too.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s67_nint.py
# Outcome (session 67): 2 of 2 killed; rerun, 2 of 2 killed, after the check it mutates moved into
# UnsupportedTypes.IsNativeSized, which generator_s67_members.py's RefusedAsMember shares (same text, now both uses).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*UnsupportedTypeDiagnosticTests", "-class", "*Diagnostics.DiagnosticTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
P = "src/Agent.Generators/Parsing/"
UNSUPPORTED = P + "UnsupportedTypes.cs"
MUTANTS = [
    (UNSUPPORTED, "type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr", "type.SpecialType is SpecialType.System_IntPtr", "expr",
     "a nuint inside a collection passes as before session 67"),
    (UNSUPPORTED, "type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr", "false", "expr",
     "no native-sized integer refused inside a collection"),
]

# Mutants of session 31's review of binder7's generator change: a complex type holding a non-generic
# collection (ArrayList, Hashtable, a member typed IEnumerable or IList...), whose items the JSON context reads
# as objects (JsonElements), or a Memory<T>/ReadOnlyMemory<T> (read as an array of T) of raw JSON holds raw JSON (HeldJsonTypes): its value is parsed and checked before the context
# reads it. The rest of HeldJsonTypes is in generator_s31_binder7.py.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s31_reviewgen.py
# Session 31: 4 mutants, all killed by HeldJsonExecutionTests. A first run (3 mutants) left 2 and 3 alive: one type
# held both an ArrayList and an IEnumerable member; split into Loose and Bare, both killed. Mutants 1 and 4 are the
# code before the review.
# Session 33 (binder9): the texts moved unchanged into ContractWalk (the walk HeldJsonTypes, GA0024 and the node walk
# now share); not rerun.
# Session 33 (review-gen): 4's text fixed (it did not compile once retargeted); 1-4 rerun: all killed (2, 1, 1, 2 tests).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.HeldJsonExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
H = "src/Agent.Generators/Parsing/ContractWalk.cs"
MUTANTS = [
    (H, r'''named.SpecialType == SpecialType.System_Collections_IEnumerable || named.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable)''', r'''false''', "expr",
     "a non-generic collection not seen (before the review): an unreadable item reaches the command"),
    (H, r'''named.SpecialType == SpecialType.System_Collections_IEnumerable''', r'''false''', "expr",
     "a member typed IEnumerable itself not seen (its own interfaces do not include it)"),
    (H, r'''named.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable)''', r'''false''', "expr",
     "an ArrayList not seen"),
    (H, r'''HeldJsonTypes.MemoryItem(named)''', r'''null''', "expr",
     "a Memory<T>'s or ReadOnlyMemory<T>'s items not looked into (before the review)"),
]

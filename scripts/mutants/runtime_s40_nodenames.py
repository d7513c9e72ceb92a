# Mutants of session 40's tests of JsonTextCheck.HasUniqueNodeNames along a type that holds itself
# (NodeTree): the stack guard, which no test reached before (a deep value of a recursive type is a caller's own,
# the binder's reader stops at 64 levels), and the recursion into a member's own type.
# Not mutated: what session 37's gen13 batches mutate in the same file.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s40_nodenames.py
# Outcome (session 40, 2026-12-04): 2 mutants, 2 killed (the no-mutant run: 35 tests pass): 1 ended the test process
# (stack overflow in A_walk_deeper_than_the_stack_allows_is_refused_with_an_exception); 2 by three tests, one of them
# Follows_a_type_that_holds_itself's repeat two levels down.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*.JsonTextCheckNodeNamesTests"]
SWITCH_NS = "GuestAgent.MutantSwitches.NodeNames40"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
N = "src/Agent/Commands/JsonTextCheck.NodeNames.cs"
MUTANTS = [
    (N, r'''RuntimeHelpers.EnsureSufficientExecutionStack();''', r'''''', "stmt",
     "a value deeper than the stack allows overflows it (the process ends)"),
    (N, r'''return ItemNodeNamesUnique(element, info);''', r'''return true;''', "stmt",
     "a collection's items not looked into: a repeat under a tree's kids missed"),
]

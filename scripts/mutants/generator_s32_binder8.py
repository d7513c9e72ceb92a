# Mutants of session 32's binder8 changes in the generator: a complex type holding a JsonNode/JsonObject/JsonArray
# member walked to it after the context's read (Parsing/NodeWalks.cs: the walkers through members, items,
# dictionary values, Memory spans, nullable structs, ImmutableArrays and [JsonDerivedType]s, the members it cannot
# read back that fall back to the whole value's check, the pruning of walkers reaching no node;
# Emitting/NodeWalkEmitter.cs: the local functions, their null skips and depth bound; ValueReaderEmitter: the walk
# in place of the whole-value check, and the JsonValue refusal caught alone). The runtime half
# (JsonTextCheck.HasUniqueNames(JsonNode), IsObjectOrArrayRefusal, the stack bound) is runtime_s32_binder8.py.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s32_binder8.py
# Session 32: all 20 killed (HeldJsonExecutionTests). 13-16 and 19 were run by review-gen: 15 and 19 fail 7 and 13
# behaviour tests; 13, 14 and 16 fail all 69 tests of the class, i.e. the mutated generated code no longer compiles in
# the sample (a killing behavioural assertion for those three is still to be written).
# Session 33 (binder9): NodeWalks' builder became ContractWalk's (one walk shared with HeldJsonTypes and GA0024); the N
# mutants retargeted at it (the getter check now runs after the pruning: only a member reaching a node falls back),
# not rerun. Removed: 13, 14 and 16 (killed only by the sample failing to compile; rewritten as compiling mutants in
# generator_s33_binder9.py) and 20 (the JsonValue refusal's catch, now filtered by a walk of the context's metadata:
# generator_s33_binder9.py). The numbers above are session 32's.
# Session 33 (review-gen): 9 and 10 rerun: both killed only by the sample not compiling (70 of 91 tests fail); 9's
# compiling rewrite is generator_s33_reviewgen.py's 1 (run after the merge: all 70 tests fail, so likely still not
# compiling); 10's is still to write. 1 and 2 killed; after the merge 3-8 rerun and killed by 2-4 behaviour tests each,
# 11 killed (the generator's stack overflows: all 70 fail, as intended).
# Session 34 (binder10): 10 rewritten as a compiling mutant (`useful[edge.Target]` -> `true` made walkers with no step,
# `return ;`, so the sample never compiled): usefulness found by pruning dead ends from every step with an edge rather
# than grown from the nodes, which keeps a cycle holding no node; NodeWalkReachExecutionTests' Chain (a getter that throws,
# behind such a cycle) tells the two apart. TEST_ARGS gained that class. Run: killed by that case alone (1 of 79 tests;
# the no-mutant run passing 79).
# Not made mutants: NodeWalks' JsonValue test (a JsonValue taken as a node is read and holds no names: equivalent),
# Readable's accessibility list (an internal or protected-internal getter taken as unreadable only falls back to
# the whole-value check, which refuses the same repeats in nodes), the walk's depth + 1 and MaxDepth's value (only a
# cycle reaches the bound, and it holds nothing read from the value).
# Session 36 (binder12): mutant 15 retargeted (holdsNodes named); rerun alone: killed (the no-mutant run: 79 tests pass)
# by HeldJsonExecutionTests.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.HeldJsonExecutionTests", "-class", "*.NodeWalkReachExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
N = "src/Agent.Generators/Parsing/ContractWalk.cs"
E = "src/Agent.Generators/Emitting/NodeWalkEmitter.cs"
V = "src/Agent.Generators/Emitting/ValueReaderEmitter.cs"
MUTANTS = [
    (N, r'''return NodeWalkEdge.Node;''', r'''return null;''', "stmt",
     "a node member not walked to"),
    (N, r'''return Walked(nullable, NodeWalkKind.Nullable, skip: null, element: null, () => [To(nullable.TypeArguments[0])]);''', r'''return null;''', "stmt",
     "a nullable struct's value not walked into"),
    (N, r'''return Walked(type, NodeWalkKind.Items, skip, array.ElementType, () => [To(array.ElementType)]);''', r'''return null;''', "stmt",
     "an array's items not walked into"),
    (N, r'''return Walked(type, NodeWalkKind.Values, skip, pair, () => [To(pair.TypeArguments[1])]);''', r'''return null;''', "stmt",
     "a dictionary's values not walked into"),
    (N, r'''return Walked(type, NodeWalkKind.Items, immutable ? "value.IsDefault" : skip, item, () => [To(item)]);''', r'''return null;''', "stmt",
     "an enumerable's items not walked into"),
    (N, r'''immutable ? "value.IsDefault" : skip''', r'''skip''', "expr",
     "a default ImmutableArray enumerated (it throws: an internal error)"),
    (N, r'''return Walked(type, NodeWalkKind.Span, skip, spanItem, () => [To(spanItem)]);''', r'''return null;''', "stmt",
     "a Memory's items not walked into"),
    (N, r'''Visit(derived) is { } target ? new Edge(null, derived, target) : null''', r'''null''', "expr",
     "a [JsonDerivedType]'s nodes not walked to"),
    (N, r'''!NodeWalks.Readable(member)''', r'''false''', "expr",
     "a node behind a member without a getter walked to (the generated code does not compile)"),
    (N, r'''for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < _steps.Count; i++)
            {
                if (!useful[i] && _steps[i].Edges.Any(e => Reaches(e, useful)))
                {
                    useful[i] = changed = true;
                }
            }
        }''', r'''for (var i = 0; i < _steps.Count; i++)
        {
            useful[i] = _steps[i].Edges.Count > 0;
        }

        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < _steps.Count; i++)
            {
                if (useful[i] && !_steps[i].Edges.Any(e => Reaches(e, useful)))
                {
                    useful[i] = false;
                    changed = true;
                }
            }
        }''', "stmt",
     "walkers reaching no node kept in the walk: usefulness as dead ends pruned (a cycle holding no node stays), a getter called needlessly"),
    (N, r'''_index.TryGetValue(type, out var existing)''', r'''false''', "expr",
     "a recursive type holding a node walked forever (the generator overflows its stack)"),
    (E, r'''(walker.Skip is null ? "" : walker.Skip + " || ") + $"depth > {MaxDepth}"''', r'''walker.Skip''', "expr",
     "a cycle a getter makes walked without end (the process overflows its stack)"),
    (E, r'''"return false;"''', r'''"continue;"''', "expr",
     "an item or dictionary value with a repeated name passed over"),
    (V, r'''NodeWalkEmitter.Write(writer, type.NodeWalkers, local, failRepeated ?? fail);''', r'''''', "stmt",
     "no walk written: a node's repeated name reaches the command"),
    (V, r'''holdsNodes && type.NodeWalkers.Count > 0''', r'''false''', "expr",
     "the whole value's names checked for every type holding a node (before session 32)"),
    (V, r'''failRepeated ?? fail''', r'''fail''', "expr",
     "a repeated name found by the walk answered as the plain wrong type",
     '''NodeWalkEmitter.Write(writer, type.NodeWalkers, local, failRepeated ?? fail);'''),
]

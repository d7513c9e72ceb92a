# Mutants of session 33's review of binder9's generator change (ContractWalk). Compiling rewrites of session 32's
# generator_s32_binder8.py mutant 9 (`!NodeWalks.Readable(member)` -> `false`), which is killed only because the
# generated code then reads a member without a getter and the sample does not compile (rerun in session 33: killed, 70 of
# 91 tests failing, the whole of HeldJsonExecutionTests).
# 1: a node behind a member without a getter passed over rather than sending the type to the whole value's names check:
#    the walk keeps the readable steps only. The type's own walker still reaches a node (its usefulness is counted
#    before the filter), so it is written with no step to the getter-less member and the repeat binds: expected to be
#    killed by HeldJsonExecutionTests' writeonly case ({"x":{"O":{"a":1,"a":2}}} refused).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s33_reviewgen.py
# Outcome (2026-12-02, run after the merge): killed, but by all 70 tests of HeldJsonExecutionTests failing (70 of 70, the
# no-mutant run passing 70), which points to the sample not compiling again rather than the writeonly case: still to rewrite.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.HeldJsonExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
C = "src/Agent.Generators/Parsing/ContractWalk.cs"
MUTANTS = [
    (C, r'''if (_steps.Where((_, i) => useful[i]).Any(step => step.Edges.Any(e => e.Member is { } member && !NodeWalks.Readable(member) && Reaches(e, useful))))
        {
            return null;
        }

        var renumbered = new int[_steps.Count];
        var next = 0;
        for (var i = 0; i < _steps.Count; i++)
        {
            renumbered[i] = useful[i] ? next++ : 0;
        }

        return _steps.Where((_, i) => useful[i])
            .Select(step => new NodeWalker(
                Display(step.Type) + (step.Type.IsReferenceType ? "?" : ""),
                step.Kind,
                step.Skip,
                step.Element is null ? null : Display(step.Element),
                step.Edges.Where(e => Reaches(e, useful))
                    .Select(e => new NodeWalkEdge(
                        e.Derived is { } derived ? Display(derived.WithNullableAnnotation(NullableAnnotation.NotAnnotated)) : e.Member is { } member ? Names.Identifier(member.Name) : "",
                        e.Derived is not null,
                        NodeWalkEdge.ReadsNode(e.Target) ? e.Target : renumbered[e.Target]))
                    .ToEquatableArray()))
            .ToEquatableArray();''', r'''var renumbered = new int[_steps.Count];
        var next = 0;
        for (var i = 0; i < _steps.Count; i++)
        {
            renumbered[i] = useful[i] ? next++ : 0;
        }

        return _steps.Where((_, i) => useful[i])
            .Select(step => new NodeWalker(
                Display(step.Type) + (step.Type.IsReferenceType ? "?" : ""),
                step.Kind,
                step.Skip,
                step.Element is null ? null : Display(step.Element),
                step.Edges.Where(e => Reaches(e, useful) && (e.Member is null || NodeWalks.Readable(e.Member)))
                    .Select(e => new NodeWalkEdge(
                        e.Derived is { } derived ? Display(derived.WithNullableAnnotation(NullableAnnotation.NotAnnotated)) : e.Member is { } member ? Names.Identifier(member.Name) : "",
                        e.Derived is not null,
                        NodeWalkEdge.ReadsNode(e.Target) ? e.Target : renumbered[e.Target]))
                    .ToEquatableArray()))
            .ToEquatableArray();''', "stmt",
     "a node behind a member without a getter passed over (the walk keeps the readable steps; no whole-value check)"),
]

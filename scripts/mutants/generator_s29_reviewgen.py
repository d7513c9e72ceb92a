# Mutants of session 29's review of gen5 (review-gen) in the generator: a ValueTask?/ValueTask<T>? result,
# with [return: NotNull] or not, refused with GA0008 saying it cannot be awaited and naming the ValueTask
# to return (CommandInspector.Return.cs). Its code-fix half is in generator_s29_reviewgen_codefixes.py.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s29_reviewgen.py
# Session 29: 4 mutants, run once with the classes below: all 4 killed, each by
# NotNullTaskExecutionTests.A_nullable_ValueTask_is_refused_for_what_it_is_with_or_without_NotNull
# (mutant 1 is the code before the review; the test also fails on that code itself, checked).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.NotNullTaskExecutionTests", "-class", "*.ReturnFormExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
R = "src/Agent.Generators/Parsing/CommandInspector.Return.cs"
MUTANTS = [
    (R, r'''known.Is(valueTask, known.ValueTask) || known.Is(valueTask, known.ValueTaskOfT)''', r'''false''', "expr",
     "a nullable ValueTask given the parameter's 'a task is not a value' (before session 29's review)"),
    (R, r'''known.Is(valueTask, known.ValueTaskOfT)''', r'''false''', "expr",
     "only the non-generic ValueTask? caught"),
    (R, r'''"' (a completed one instead of null) and drop the '?'"''', r'''"' (a completed one instead of null)"''', "expr",
     "the advice stops short of dropping the '?'"),
    (R, r'''s.valueTask.ToDisplayString(Names.InMessage)''', r'''s.method.ReturnType.ToDisplayString(Names.InMessage)''', "expr",
     "the advice names the nullable ValueTask itself"),
]

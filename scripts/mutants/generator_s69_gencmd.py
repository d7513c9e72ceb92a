# Session 69's GA0031, a [Command] method another source generator writes (generators never see each
# other's output, so it is never registered): GeneratorOutputTrees (the base directory of generated
# files taken from the command generator's own files, the hint names it wrote, the path checked under
# that base or, without it, a dotted <assembly>/<type> pair nearest the file) and CommandAnalyzer's
# ReportUnseen (the command generator's own file for the name, the path trusted alone only for a
# command with nothing else wrong, the location at the attribute). Killed by
# OtherGeneratorCommandDiagnosticTests (a real second generator in the driver beside the command
# generator; the real compiler's half was checked by hand, see the commit).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s69_gencmd.py
# Outcome (session 69): 9 of 9 killed (run from a clone of the branch). The first run killed 8 of 9: the
# path not checked to lie under the base survived, as every hand-written command of the tests was served
# (its own file found hides the path); a skipped private command under generator-like directories was
# added to the hand-written case, rerun: killed. Session 70: mutants 7 and 8 retargeted at CommandNameIndex.UnseenBy,
# where the judgement moved (see generator_s70_gen31.py); rerun of the whole batch: 9 of 9 killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*OtherGeneratorCommandDiagnosticTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
TREES = "src/Agent.Generators/Diagnostics/GeneratorOutputTrees.cs"
ANALYZER = "src/Agent.Generators/Diagnostics/CommandAnalyzer.cs"
INDEX = "src/Agent.Generators/Diagnostics/CommandNameIndex.cs"
MUTANTS = [
    (TREES, "segments.Take(i).ToArray()", "segments.Take(0).ToArray()", "expr",
     "the base of generated files taken as empty: a compiler's absolute paths never under it"),
    (TREES, "segments.Skip(i + 2)", "segments.Skip(i + 1)", "expr",
     "the command generator's hint names kept with its type's directory: a post-initialization command it serves warned"),
    (TREES, "segments.Length < prefix.Length + 3 || !StartsWith(segments, prefix)", "segments.Length < prefix.Length + 3", "expr",
     "a path not checked to lie under the base: a deep hand-written file taken for a generator's"),
    (TREES, "segments[prefix.Length + 1]", "segments[prefix.Length]", "expr",
     "the generator's assembly named for its type", "? segments[prefix.Length + 1] : null"),
    (TREES, "segments.Length - 3", "segments.Length - 4", "expr",
     "without the base, the pair looked for one directory too high: the wrong generator named"),
    (TREES, "segments[i + 1].IndexOf('.') > 0", "true", "expr",
     "without the base, any two directories taken for a generator's: the analyzer alone warns a hand-written command"),
    (INDEX, "otherwiseValid && uses.Count <= 1", "uses.Count <= 1", "expr",
     "the path alone trusted for a command skipped for another reason: a private hand-written one warned twice"),
    (INDEX, "_generatorOutput.Serves(_registryName, name)", "false", "expr",
     "a command the generator served (another generator's post-initialization file) warned as never registered"),
    (ANALYZER, "Location.Create(reference.SyntaxTree, reference.Span)", "method.Locations[0]", "expr",
     "the warning at the method's name, not its [Command] attribute"),
]

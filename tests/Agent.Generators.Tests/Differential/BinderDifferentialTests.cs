using System.Text;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Differential;

/// <summary>
/// The generated binder against System.Text.Json, the reader docs/authoring-commands.md says it
/// reads "as": every typed parameter form (<c>T</c>, <c>T?</c>, <c>T</c> with a default, and the
/// value taken whole) fed the same values from <see cref="JsonValueCorpus"/>, compared on accept
/// or refuse and on the value bound (never on the error texts, which are ours). Each disagreement
/// must be one of <see cref="ExpectedDifferences"/>.
/// </summary>
public sealed class BinderDifferentialTests(BinderDifferentialTests.Compiled compiled) : IClassFixture<BinderDifferentialTests.Compiled>
{
    [Fact]
    public async Task Binds_every_value_as_System_Text_Json_does_but_for_the_documented_differences()
    {
        var (_, disagreements) = await compiled.Run.Value;

        var explained = disagreements.ToLookup(d => ExpectedDifferences.All.FirstOrDefault(e => e.Matches(d))?.Name);
        var summary = new StringBuilder();
        foreach (var difference in ExpectedDifferences.All)
        {
            var cases = explained[difference.Name].ToList();
            summary.AppendLine($"{difference.Name}: {cases.Count} value(s), e.g.");
            summary.AppendJoin(Environment.NewLine, cases.DistinctBy(d => d.Type).Take(4)).AppendLine();
        }

        TestContext.Current.TestOutputHelper?.WriteLine(summary.ToString());
        var unexplained = explained[null].ToList();
        Assert.True(
            unexplained.Count == 0,
            $"{unexplained.Count} disagreement(s) with System.Text.Json that no expected difference explains (value | command | STJ | ours):\n"
            + string.Join("\n", unexplained.Take(100)));
        var unseen = ExpectedDifferences.All
            .SelectMany(e => e.Commands.Where(command => !explained[e.Name].Any(d => d.Command == command)).Select(command => e.Name + " (" + command + ")"))
            .ToList();
        Assert.True(unseen.Count == 0, "Expected differences no value shows any more (remove them, and their documentation if it changed): " + string.Join(", ", unseen));
    }

    /// <summary>
    /// Both readers accept values of every form: a sample whose commands refused everything (a
    /// broken build, a wrong property name) would agree with System.Text.Json refusing everything.
    /// </summary>
    [Fact]
    public async Task Every_form_binds_some_values_alike()
    {
        var (acceptedAlike, _) = await compiled.Run.Value;
        var forms = DifferentialSource.Types
            .SelectMany(t => t.Default is null ? new[] { t.Key, t.Key + ".n" } : [t.Key, t.Key + ".n", t.Key + ".d"])
            .Concat(DifferentialSource.RawCommands.Select(r => r.Name));
        Assert.All(forms, form => Assert.True(acceptedAlike.GetValueOrDefault(form) >= 2, $"{form}: {acceptedAlike.GetValueOrDefault(form)} value(s) accepted alike"));
    }

    /// <summary>The sample, compiled and loaded once, and the comparison, run once for both tests.</summary>
    public sealed class Compiled : CompiledCommandsFixture
    {
        public Compiled()
            : base(LoadedCommands.Compile(DifferentialSource.Build())) =>
            Run = new(() => DifferentialRun.CompareAsync(Commands));

        internal Lazy<Task<(Dictionary<string, int> AcceptedAlike, List<Disagreement> Disagreements)>> Run { get; }
    }
}

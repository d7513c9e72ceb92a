using GuestAgent.Generators.Diagnostics;
using GuestAgent.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.Parsing;

/// <summary>The generator learns only whether a command has a problem; the analyzer gets the diagnostics.</summary>
public sealed class InspectionProblemsTests
{
    [Fact]
    public void Counting_remembers_a_problem_without_building_its_diagnostic()
    {
        var problems = InspectionProblems.Counting();
        Assert.False(problems.Any);

        problems.Add(0, static _ => throw new InvalidOperationException("built a diagnostic nobody reads"));

        Assert.True(problems.Any);
    }

    [Fact]
    public void Into_collects_each_diagnostic()
    {
        var diagnostics = new List<Diagnostic>();
        var problems = InspectionProblems.Into(diagnostics);

        problems.Add("a", static s => Diagnostic.Create(Descriptors.InvalidName, Location.None, s));
        problems.Add("b", static s => Diagnostic.Create(Descriptors.InvalidName, Location.None, s));

        Assert.True(problems.Any);
        Assert.Equal(["GA0002", "GA0002"], diagnostics.Select(d => d.Id));
        Assert.Contains("'a'", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("'b'", diagnostics[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}

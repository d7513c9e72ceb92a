using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Generation;

/// <summary>The snapshot helper itself: what it ignores and how it shows a mismatch.</summary>
public sealed class SnapshotToolTests
{
    [Fact]
    public void Normalizing_drops_the_generator_version_and_carriage_returns() =>
        Assert.Equal(
            "[global::System.CodeDom.Compiler.GeneratedCode(\"GuestAgent.Generators\", \"{version}\")]\nclass A { }\n",
            Snapshot.Normalize("[global::System.CodeDom.Compiler.GeneratedCode(\"GuestAgent.Generators\", \"1.2.3.4\")]\r\nclass A { }\r\n"));

    [Fact]
    public void The_diff_shows_removed_and_added_lines_with_their_numbers() =>
        Assert.Equal(
            "- 2: two\n+ 2: TWO\n+ 4: four\n",
            TextDiff.Render("one\ntwo\nthree", "one\nTWO\nthree\nfour").ReplaceLineEndings("\n"));
}

using GuestAgent.Platform;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="ResolvedPath"/> is a value: its link directories count by their items, in order, not
/// by the list holding them, so two walks that met the same links give equal results.
/// </summary>
public sealed class ResolvedPathTests
{
    private static readonly ResolvedPath Walked = new("/usr/share/v.yaml", true, new List<string> { "/", "/usr/lib/netplan" });

    [Fact]
    public void The_same_directories_in_another_list_are_the_same_result()
    {
        var same = new ResolvedPath("/usr/share/v.yaml", true, ["/", "/usr/lib/netplan"]);

        Assert.True(Walked.Equals(same));
        Assert.True(Walked == same);
        Assert.True(Walked.Equals((object)same));
        Assert.Equal(Walked.GetHashCode(), same.GetHashCode());
        Assert.Single(new HashSet<ResolvedPath> { Walked, same });
    }

    [Fact]
    public void Two_walks_of_one_path_give_equal_results()
    {
        var links = new Dictionary<string, string> { ["/lib"] = "usr/lib", ["/lib/netplan/v.yaml"] = "../../share/v.yaml" };

        var first = RealPath.Resolve("/lib/netplan/v.yaml", links.GetValueOrDefault);
        var second = RealPath.Resolve("/lib/netplan/v.yaml", links.GetValueOrDefault);

        Assert.NotSame(first.LinkDirectories, second.LinkDirectories);
        Assert.Equal(first, second);
        Assert.Equal(Walked, first);
    }

    public static TheoryData<ResolvedPath> Different() => new(
        new ResolvedPath("/usr/share/v.yaml", true, ["/usr/lib/netplan", "/"]),
        new ResolvedPath("/usr/share/v.yaml", true, ["/", "/usr/lib"]),
        new ResolvedPath("/usr/share/v.yaml", true, ["/"]),
        new ResolvedPath("/usr/share/v.yaml", true, ["/", "/usr/lib/netplan", "/"]),
        new ResolvedPath("/usr/share/v.yaml", true, []),
        new ResolvedPath("/usr/share/V.yaml", true, ["/", "/usr/lib/netplan"]),
        new ResolvedPath("/usr/share/v.yaml", false, ["/", "/usr/lib/netplan"]));

    [Theory]
    [MemberData(nameof(Different))]
    public void Another_order_directory_count_path_or_completeness_is_another_result(ResolvedPath other)
    {
        Assert.False(Walked.Equals(other));
        Assert.False(other.Equals(Walked));
        Assert.True(Walked != other);
        Assert.Equal(2, new HashSet<ResolvedPath> { Walked, other }.Count);
    }

    [Fact]
    public void Nothing_is_no_result()
    {
        Assert.False(Walked.Equals(null));
        Assert.False(Walked == null);
        Assert.False(Walked.Equals((object?)"/usr/share/v.yaml"));
    }

    [Fact]
    public void The_text_shows_the_directories_themselves()
    {
        Assert.Equal("ResolvedPath { Path = /usr/share/v.yaml, Complete = True, LinkDirectories = [/, /usr/lib/netplan] }", Walked.ToString());
    }
}

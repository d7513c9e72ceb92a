using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// What following a file's aliases may cost: the expansion cap holds for a whole file, not for each definition
/// read from it, and many anchors and aliases are matched by a search, not by a pass over all of them per alias.
/// </summary>
public sealed class NetplanAliasesCostTests
{
    /// <summary>Four levels of ten aliases: 10^4 copies of one scalar, about 50,000 characters, from a few lines.</summary>
    private static string Levels(string indent)
    {
        var levels = new List<string> { $"&l0 [{string.Join(", ", Enumerable.Repeat("lol", 10))}]" };
        for (var i = 1; i < 4; i++)
        {
            levels.Add($"&l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]");
        }

        return $"{indent}search: [{string.Join(", ", levels)}]\n";
    }

    [Fact]
    public void The_expansion_cap_holds_for_the_whole_file_not_for_each_definition()
    {
        // Each definition alone expands well under the cap; forty of them (two mebibytes of text held at once) do not.
        var yaml = "network:\n  version: 2\n  ethernets:\n    eth9:\n      nameservers:\n" + Levels("        ")
            + string.Concat(Enumerable.Range(10, 40).Select(i => $"    eth{i}: {{nameservers: {{search: *l3}}}}\n"));

        var refusal = Assert.Throws<NetplanYamlException>(() => NetplanFileLayout.TryRead(yaml));

        Assert.Equal($"has YAML aliases that expand to more than {NetplanAliases.MaxExpansion} characters, which resetnetwork does not follow (a \"billion laughs\")", refusal.Message);
        var one = NetplanFileLayout.TryRead("network:\n  version: 2\n  ethernets:\n    eth9:\n      nameservers:\n" + Levels("        ") + "    eth10: {nameservers: {search: *l3}}\n")!;
        Assert.Equal(10_000, one.Definitions.Single(d => d.Id == "eth10").Text.Split("lol").Length - 1);
    }

    [Fact]
    public void Aliases_of_an_empty_node_count_their_own_text()
    {
        // Five levels of ten aliases of a null: 123,450 aliases followed, whose expansions are only brackets and commas (under the cap);
        // their own text (a long name each) takes it over the cap, so the work of following them is bounded by it too.
        var levels = new List<string> { "nothing0: &nothing0\n" };
        for (var i = 1; i <= 5; i++)
        {
            levels.Add($"nothing{i}: &nothing{i} [{string.Join(",", Enumerable.Repeat($"*nothing{i - 1}", 10))}]\n");
        }

        var refusal = Assert.Throws<NetplanYamlException>(() => NetplanAliases.ExpandAll(string.Concat(levels)));

        Assert.Contains("billion laughs", refusal.Message, StringComparison.Ordinal);
        Assert.Equal("nothing0: &nothing0\nnothing1: &nothing1 [,,,,,,,,,]\nb: [[,,,,,,,,,]]\n", NetplanAliases.ExpandAll("nothing0: &nothing0\nnothing1: &nothing1 [" + string.Join(",", Enumerable.Repeat("*nothing0", 10)) + "]\nb: [*nothing1]\n"));
    }

    [Fact]
    public void Many_anchors_and_aliases_are_followed_in_one_pass()
    {
        // 20,000 anchors, each named by one alias: a pass over every alias and anchor per alias is 8·10^8 steps (seconds); this is a few milliseconds.
        const int Count = 20_000;
        var yaml = string.Concat(Enumerable.Range(0, Count).Select(i => $"a{i}: &a{i} x{i}\n")) + string.Concat(Enumerable.Range(0, Count).Select(i => $"b{i}: *a{i}\n"));

        var expanded = NetplanAliases.ExpandAll(yaml);

        Assert.Equal(string.Concat(Enumerable.Range(0, Count).Select(i => $"a{i}: &a{i} x{i}\n")) + string.Concat(Enumerable.Range(0, Count).Select(i => $"b{i}: x{i}\n")), expanded);
    }
}

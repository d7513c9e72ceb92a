using System.Text.RegularExpressions;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Wire;

/// <summary>
/// <see cref="XenStoreMessageType"/>'s numbers are the wire's: those of the message table in
/// docs/specs/xenstore-protocol.md §2 (Xen 4.17's <c>xsd_sockmsg_type</c>), and those pyxs, an
/// independent client, sends. Enum values cannot be mutated behind a switch, so they are read
/// against both sources here.
/// </summary>
public sealed partial class MessageNumberTests
{
    /// <summary>The spec's (and pyxs's) names for ours, where they differ.</summary>
    private static readonly Dictionary<string, XenStoreMessageType> SpecNames = new(StringComparer.Ordinal)
    {
        ["CONTROL"] = XenStoreMessageType.Control,
        ["DEBUG"] = XenStoreMessageType.Control,
        ["GET_PERMS"] = XenStoreMessageType.GetPermissions,
        ["RM"] = XenStoreMessageType.Remove,
        ["SET_PERMS"] = XenStoreMessageType.SetPermissions,
    };

    [Fact]
    public void Every_type_has_the_number_of_the_specs_message_table_and_the_table_no_other()
    {
        var table = SpecTable();

        // 23 to 26 are not in 4.17 (and have no member); 20, RESTRICT, is removed but keeps its number.
        Assert.Equal(Enum.GetValues<XenStoreMessageType>().Length, table.Count);
        foreach (var (number, name) in table)
        {
            Assert.True(Named(name) == (XenStoreMessageType)number, $"{name} is {number} in the spec, {(uint)Named(name)} here");
        }
    }

    [Fact]
    public async Task The_numbers_pyxs_sends_are_ours()
    {
        // pyxs's table stops at SET_TARGET (19) and keeps RESTRICT as 128, which Xen since moved to 20 and removed.
        var output = await Pyxs.RunAsync("", "import pyxs._internal as i\nfor name in i.Op._fields: print(name, getattr(i.Op, name))");
        var operations = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')).Where(pair => pair[0] != "RESTRICT").ToList();

        Assert.Equal(20, operations.Count);
        foreach (var pair in operations)
        {
            Assert.True(Named(pair[0]) == (XenStoreMessageType)uint.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture), $"pyxs sends {pair[0]} as {pair[1]}");
        }
    }

    private static XenStoreMessageType Named(string specName) =>
        SpecNames.TryGetValue(specName, out var type) ? type : Enum.Parse<XenStoreMessageType>(specName.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);

    private static List<(uint Number, string Name)> SpecTable()
    {
        var spec = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "specs", "xenstore-protocol.md"));
        var start = Array.FindIndex(spec, line => line.StartsWith("| 0 | CONTROL", StringComparison.Ordinal));
        Assert.True(start > 0, "no message table in the spec");
        return spec.Skip(start).TakeWhile(line => line.StartsWith('|'))
            .Select(line => Row().Match(line))
            .Where(match => match.Success)
            .Select(match => (uint.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["name"].Value))
            .ToList();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "docs", "specs", "xenstore-protocol.md")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("No docs/specs/xenstore-protocol.md above the test directory");
    }

    /// <summary>A row whose first cell is one number and whose second starts with a name: "CONTROL (alias DEBUG)" is CONTROL, "(RESTRICT, removed)" RESTRICT.</summary>
    [GeneratedRegex(@"^\| (?<number>\d+) \| \(?(?<name>[A-Z_]+)\b")]
    private static partial Regex Row();
}

using GuestAgent.Daemon.Tests.EndToEnd;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Layout;

/// <summary>
/// <see cref="NativeAotNames"/> against the compiler itself: every method of ours in the published daemon's
/// symbol table (its <c>.dbg</c> file, where <c>benchmarks/daemon/profile_layout.py</c> takes the layout list's
/// names from) is a name it works out from metadata. Were it wrong about a rule, the layout list's check
/// (<see cref="HotMethodsOrderTests"/>) would call current entries stale.
/// </summary>
public sealed class NativeAotSymbolsTests
{
    [Fact]
    public async Task Every_method_of_ours_in_the_published_daemon_has_a_name_worked_out_from_metadata()
    {
        var binary = DaemonBinary.Require();
        var nm = ExternalTool.Require("nm", "binutils");
        var symbols = binary + ".dbg";
        Assert.True(File.Exists(symbols), $"{symbols} does not exist: the daemon is published with its symbols in a separate file");
        var ours = HotMethodsOrder.OurAssemblies(AppContext.BaseDirectory);

        var result = await ExternalTool.RunAsync(nm, ["--defined-only", symbols], timeout: TimeSpan.FromMinutes(2));
        Assert.Equal(0, result.ExitCode);
        var code = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 3))
            .Where(fields => fields.Length == 3 && fields[1] is "t" or "T")
            .Select(fields => fields[2])
            .ToList();
        var checkedNames = code.Where(name => ours.Any(a => (HotMethodsOrder.WithoutInstantiations(name) ?? name).StartsWith(a.AssemblyPrefix, StringComparison.Ordinal))).ToList();

        // Thousands of methods of ours are compiled in: a filter that matched none would check nothing.
        Assert.True(checkedNames.Count > 1000, $"only {checkedNames.Count} code symbols of ours in {symbols}");
        Assert.Equal([], HotMethodsOrder.Stale(checkedNames, ours));
    }
}

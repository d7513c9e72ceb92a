using GuestAgent.Commands;

namespace GuestAgent.Benchmarks.Dispatch;

/// <summary>The commands every dispatch strategy serves.</summary>
public static class BenchmarkCommands
{
    /// <summary>No argument: measures the cost of dispatch alone.</summary>
    [Command("ping")]
    public static string Ping() => "pong";

    /// <summary>Three typed parameters bound from a JSON object.</summary>
    [Command("scale")]
    public static CommandResult Scale(int value, int factor, bool negate) =>
        CommandResult.Ok(Results.For(negate ? -value * factor : value * factor));
}

/// <summary>Pre-built messages, so every strategy answers without formatting numbers.</summary>
public static class Results
{
    private static readonly string[] Cache = Enumerable.Range(-1000, 2001).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    public static string For(int value) => value is >= -1000 and <= 1000 ? Cache[value + 1000] : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

using System.Reflection;
using System.Text;
using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Differential;

/// <summary>How one reader answered one value: accepted with the canonical text of the value, or refused.</summary>
/// <param name="Accepted">Whether the value bound.</param>
/// <param name="Text">The value's canonical text when accepted; otherwise what refused it.</param>
/// <param name="Crashed">Whether our binder failed otherwise than with a binding error (never expected).</param>
internal sealed record Outcome(bool Accepted, string Text, bool Crashed = false)
{
    public override string ToString() => Crashed ? "crash " + Text : Accepted ? Text : "refused";
}

/// <summary>One value the two readers answered differently.</summary>
/// <param name="Command">Our command (<c>int</c>, <c>int.n</c>, <c>int.d</c>, <c>raw</c> …).</param>
/// <param name="Value">The JSON text of the value (of property <c>v</c>, or the whole value of a raw command); <c>(missing)</c> for <c>{}</c>.</param>
/// <param name="Stj">System.Text.Json's answer.</param>
/// <param name="Ours">The generated binder's answer.</param>
internal sealed record Disagreement(string Command, string Value, Outcome Stj, Outcome Ours)
{
    /// <summary>The type key (<c>int</c> for <c>int.n</c>), or <c>raw</c>.</summary>
    public string Type => Command.Split('.')[0];

    public override string ToString() => $"| {Value} | {Command} | {Stj} | {Ours} |";
}

/// <summary>
/// Feeds every value of <see cref="JsonValueCorpus"/> to every command of
/// <see cref="DifferentialSource"/> and to System.Text.Json reading the matching record, and
/// collects where they disagree: accepted by one and refused by the other, or bound to different values.
/// </summary>
internal static class DifferentialRun
{
    public const string Missing = "(missing)";

    /// <summary>
    /// Runs every comparison; returns the disagreements and, per command, how many values both
    /// readers accepted alike, so a sample where every value is refused cannot pass unnoticed.
    /// </summary>
    public static async Task<(Dictionary<string, int> AcceptedAlike, List<Disagreement> Disagreements)> CompareAsync(LoadedCommands commands)
    {
        var registry = commands.CreateRegistry();
        var read = commands.GetType("Diff.Reference").GetMethod("Read", BindingFlags.Public | BindingFlags.Static)!;
        var reference = (Func<string, byte[], string>)read.CreateDelegate(typeof(Func<string, byte[], string>));
        var invocation = new CommandInvocation("diff", new ExchangeSession(), EmptyServiceProvider.Instance, CancellationToken.None);
        var disagreements = new List<Disagreement>();
        var acceptedAlike = new Dictionary<string, int>(StringComparer.Ordinal);

        async Task CompareOne(string command, string record, string value, bool raw)
        {
            var wrapped = value == Missing ? "{}" : "{\"v\":" + value + "}";
            var stjText = reference(record, Encoding.UTF8.GetBytes(wrapped));
            var stj = stjText.StartsWith('!') ? new Outcome(false, stjText[1..]) : new Outcome(true, stjText);
            var ours = await DispatchAsync(registry, invocation, command, raw ? value : wrapped);
            if (stj.Accepted != ours.Accepted || ours.Crashed || (stj.Accepted && stj.Text != ours.Text))
            {
                disagreements.Add(new Disagreement(command, value, stj, ours));
            }
            else
            {
                acceptedAlike[command] = acceptedAlike.GetValueOrDefault(command) + (stj.Accepted ? 1 : 0);
            }
        }

        foreach (var type in DifferentialSource.Types)
        {
            List<string> forms = [type.Key, type.Key + ".n"];
            if (type.Default is not null)
            {
                forms.Add(type.Key + ".d");
                await CompareOne(type.Key + ".d", DifferentialSource.RecordOf(type.Key + ".d"), Missing, raw: false);
            }

            foreach (var command in forms)
            {
                foreach (var value in JsonValueCorpus.Values)
                {
                    await CompareOne(command, DifferentialSource.RecordOf(command), value, raw: false);
                }
            }
        }

        foreach (var (command, _, record) in DifferentialSource.RawCommands)
        {
            foreach (var value in JsonValueCorpus.Values)
            {
                await CompareOne(command, record, value, raw: true);
            }
        }

        return (acceptedAlike, disagreements);
    }

    private static async Task<Outcome> DispatchAsync(ICommandRegistry registry, CommandInvocation invocation, string command, string value)
    {
        try
        {
            Assert.True(registry.TryDispatch(Encoding.UTF8.GetBytes(command), Encoding.UTF8.GetBytes(value), invocation, out var running));
            var result = await running;
            return result.ReturnCode switch
            {
                ReturnCodes.Success => new Outcome(true, result.Message),
                ReturnCodes.Error when IsBindingError(result.Message) => new Outcome(false, result.Message),
                _ => new Outcome(false, result.ReturnCode + " " + result.Message, Crashed: true),
            };
        }
        catch (Exception e) when (e is not Xunit.Sdk.IAssertionException)
        {
            return new Outcome(false, e.GetType().Name, Crashed: true);
        }
    }

    /// <summary>The binding errors' forms (docs/authoring-commands.md, "Binding errors"); an internal error is not one.</summary>
    private static bool IsBindingError(string message) =>
        message.StartsWith("Command '", StringComparison.Ordinal) || message.StartsWith("Property '", StringComparison.Ordinal);
}

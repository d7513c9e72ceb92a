using System.Globalization;

namespace GuestAgent.Commands.Info;

/// <summary>
/// The <c>uptime</c> command: how long the guest's kernel has been running. The host's own
/// <c>xl uptime</c> counts from the domain's creation, which a live migration or a restore from a
/// snapshot resets; the guest's clock does not, so only the guest can say when it last booted.
/// </summary>
public static class UptimeCommand
{
    /// <summary>Where Linux publishes the seconds since boot (and, second, the idle seconds).</summary>
    public const string UptimePath = "/proc/uptime";

    /// <summary>
    /// Whole seconds since the guest booted, read from <c>/proc/uptime</c> (under the agent's root).
    /// The value is ignored. Linux only: where <c>/proc/uptime</c> is missing (FreeBSD, root mode)
    /// the command answers why it could not read it.
    /// </summary>
    [Command("uptime")]
    public static long Uptime(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string text;
        try
        {
            text = context.RequireSystem().FileSystem.ReadAllText(UptimePath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"Couldn't read {UptimePath}: {IoFailureReason.Of(exception)}");
        }

        return WholeSeconds(text) ?? throw new CommandException($"Unexpected contents in {UptimePath}");
    }

    /// <summary>
    /// The whole seconds of the first field, <c>digits[.digits]</c> as the kernel writes it, or
    /// <c>null</c> for anything else: an answer is better absent than made up.
    /// </summary>
    internal static long? WholeSeconds(string text)
    {
        var end = text.IndexOf(' ', StringComparison.Ordinal);
        var field = (end < 0 ? text.TrimEnd('\n') : text[..end]).AsSpan();
        var point = field.IndexOf('.');
        var whole = point < 0 ? field : field[..point];
        var fraction = point < 0 ? [] : field[(point + 1)..];
        if (whole.IsEmpty || !AllDigits(whole) || (point >= 0 && (fraction.IsEmpty || !AllDigits(fraction))))
        {
            return null;
        }

        return long.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
    }

    private static bool AllDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');
}

using System.Text;
using System.Text.Json;

namespace GuestAgent.Daemon.Configuration;

/// <summary>
/// What System.Text.Json found wrong in a configuration file ("'#' is an invalid start of a value"),
/// for the operator, without the file's text: its messages quote the character (or the start of the
/// literal) where reading stopped, which may be part of a secret. Only JSON's own punctuation is
/// shown; any other quoted text becomes <c>'...'</c>, the line and column already saying where it is.
/// </summary>
internal static class JsonSyntaxReason
{
    /// <summary>Longest reason given; System.Text.Json's run to about 130 characters.</summary>
    private const int MaxLength = 200;

    /// <summary>Characters whose quoting says what went wrong and cannot be part of a secret's text on its own.</summary>
    private const string Punctuation = "{}[],:\"'/#+-.";

    /// <summary>The reason, without its trailing full stop and the position System.Text.Json appends.</summary>
    public static string Describe(JsonException exception)
    {
        var message = exception.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (position >= 0)
        {
            message = message[..position];
        }

        // A digit is quoted by the messages' own "Expected a digit ('0'-'9')" and by the file's "before '7'".
        message = message.Replace("('0'-'9')", "(0-9)", StringComparison.Ordinal);
        var reason = WithholdQuotedText(message).TrimEnd().TrimEnd('.');
        return reason.Length <= MaxLength ? reason : reason[..MaxLength] + "...";
    }

    private static string WithholdQuotedText(string message)
    {
        var text = new StringBuilder(message.Length);
        var index = 0;
        while (index < message.Length)
        {
            var open = message.IndexOf('\'', index);
            if (open < 0)
            {
                text.Append(message, index, message.Length - index);
                break;
            }

            text.Append(message, index, open - index);
            // A quoted quote ("''' is an invalid start of a property name") closes on the third.
            var close = message.AsSpan(open).StartsWith("'''") ? open + 2 : message.IndexOf('\'', open + 1);
            if (close < 0)
            {
                text.Append(message, open, message.Length - open);
                break;
            }

            var quoted = message[(open + 1)..close];
            text.Append('\'').Append(IsShown(quoted) ? quoted : "...").Append('\'');
            index = close + 1;
        }

        return text.ToString();
    }

    private static bool IsShown(string quoted) =>
        quoted is "null" or "true" or "false" || (quoted.Length == 1 && Punctuation.Contains(quoted[0], StringComparison.Ordinal));
}

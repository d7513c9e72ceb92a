using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Logging;

namespace GuestAgent.Daemon.NovaHost;

/// <summary>
/// The agent's answer as <c>call</c> and <c>set-password</c> print it for the operator in dom0. The
/// guest writes those bytes, and a guest is not trusted from the host's side: printed raw, an answer
/// holding ESC or C1 sequences would drive the operator's terminal (retitle it, clear it, rewrite what
/// is on screen). An answer that is valid JSON and holds nothing a terminal acts on (every answer the
/// agent itself writes, since its responses carry no escapes) is printed byte for byte; valid JSON
/// holding such characters (in strings, as DEL, C1 controls, line separators or bidirectional
/// marks, or as CR or TAB between tokens) is written again with those escaped
/// (<c>\u001B</c>), so it means the same; anything else is not an answer. Valid means as Nova's
/// <c>json.loads</c> reads it (<see cref="PythonJsonLoads"/>). <c>call</c> and
/// <c>set-password</c> read the answer through <c>xenstore-read</c>'s escaping first, which leaves
/// only printable ASCII, so the rewrite is a second guard for any other caller.
/// </summary>
internal static class PrintableAnswer
{
    /// <summary>The text to print for <paramref name="response"/>.</summary>
    /// <exception cref="DaemonException">The answer is not valid JSON; the message shows it with every unsafe character made visible.</exception>
    public static string Of(string response)
    {
        // Valid as Nova's json.loads reads it (NaN and Infinity too, nesting past 64 levels).
        using (var document = PythonJsonLoads.TryParse(response))
        {
            if (document is null)
            {
                // The one-line error escapes what a terminal would act on (SingleLineText).
                throw new DaemonException($"the agent's answer is not valid JSON: {response}");
            }

            if (SingleLineText.IsSafe(response))
            {
                return response;
            }
        }

        // Written again from a document read as JSON: one read through PythonJsonLoads holds null
        // and 1 for NaN and Infinity, which would change what the answer says. Only JSON outside
        // xenstore-read's escaping gets here (call and set-password never do), so such an answer is
        // refused rather than rewritten.
        try
        {
            using var strict = JsonDocument.Parse(response, new JsonDocumentOptions { MaxDepth = PythonJsonLoads.MaxDepth });
            return Rewritten(strict);
        }
        catch (JsonException)
        {
            throw new DaemonException($"the agent's answer is not valid JSON: {response}");
        }
    }

    private static string Rewritten(JsonDocument document)
    {
        using var buffer = new MemoryStream();
        // The default encoder escapes every control character, DEL, and all that is not ASCII.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.Default }))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

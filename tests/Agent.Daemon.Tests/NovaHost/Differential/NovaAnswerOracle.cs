using System.Globalization;
using System.Text.Json;
using GuestAgent.Testing;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Tests.NovaHost.Differential;

/// <summary>
/// Nova's reading of answers, run live: each answer is stored in an embedded XenStore, the real
/// <c>xenstore-read</c> prints them all in one run (as the dom0 plugin's <c>read_record</c> runs it,
/// one value per line: its escaping leaves no raw line break), and one Python process takes each line
/// through the plugin's and Nova's steps. The script reports facts only (the line, the stripped text,
/// what <c>json.loads</c> made of it, the returncode and message Nova got); what our reader must
/// conclude from them is the test's to decide.
/// </summary>
internal static class NovaAnswerOracle
{
    // read_record: xenstore-read, strip(); jsonify: json.loads, or json.dumps of the text when that
    // raises ValueError (a RecursionError is no ValueError: the plugin fails); _call_agent:
    // json.loads, ret['returncode'] compared with the success code, ret['message'].replace('\\r\\n', '').
    // The output is read as Latin-1 so that a byte outside ASCII, which the tool should never print,
    // reaches the comparison instead of failing the decoding.
    private const string Script = """
import json, subprocess, sys

def depth(text):
    # The deepest nesting outside strings, the outermost object or array counted.
    level = deepest = 0
    inside = escaped = False
    for c in text:
        if inside:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                inside = False
        elif c == '"':
            inside = True
        elif c in "{[":
            level += 1
            deepest = max(deepest, level)
        elif c in "}]":
            level -= 1
    return deepest

paths = sys.stdin.read().split()
out = subprocess.run(["xenstore-read", *paths], capture_output=True, check=True).stdout.decode("latin-1")
lines = out.split("\n")
assert len(lines) == len(paths) + 1 and lines[-1] == "", (len(lines), len(paths))
for printed in lines[:-1]:
    text = printed.strip()
    verdict = {"printed": printed, "text": text, "depth": depth(text)}
    try:
        json.loads(text)
        verdict["json"] = "yes"
    except ValueError:
        verdict["json"] = "no"
    except RecursionError:
        verdict["json"] = "recursion"
    if verdict["json"] != "recursion":
        ret = json.loads(text if verdict["json"] == "yes" else json.dumps(text))
        if isinstance(ret, dict) and isinstance(ret.get("returncode"), str):
            verdict["code"] = ret["returncode"]
            message = ret.get("message")
            if isinstance(message, str):
                verdict["message"] = message.replace("\\r\\n", "")
    print(json.dumps(verdict))
""";

    /// <summary>What Nova made of each answer's bytes.</summary>
    public static async Task<IReadOnlyList<NovaVerdict>> JudgeAsync(IReadOnlyList<byte[]> answers)
    {
        var python = ExternalTool.Require("python3", "python3");
        ExternalTool.Require("xenstore-read", "xenstore-utils");
        using var directory = new TemporaryDirectory();
        await using var server = new XenStoreServer();
        var socket = directory.Combine("xs.sock");
        server.Listen(socket);
        var paths = new List<string>(answers.Count);
        for (var index = 0; index < answers.Count; index++)
        {
            paths.Add("/fuzz/a" + index.ToString(CultureInfo.InvariantCulture));
            server.Write(paths[^1], answers[index]);
        }

        var result = await ExternalTool.RunAsync(python, ["-c", Script], standardInput: string.Join('\n', paths), environment: new Dictionary<string, string> { ["XENSTORED_PATH"] = socket });
        Assert.True(result.ExitCode == 0, result.StandardError);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(answers.Count, lines.Length);
        return [.. lines.Select(line => JsonSerializer.Deserialize<NovaVerdict>(line, Options)!)];
    }

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };
}

/// <summary>
/// Nova's reading of one answer. <see cref="Json"/>: <c>yes</c>, <c>no</c> (<c>ValueError</c>) or
/// <c>recursion</c> (json.loads ran out of Python's stack: the plugin fails).
/// </summary>
/// <param name="Printed">The line <c>xenstore-read</c> printed.</param>
/// <param name="Text">That line stripped, as <c>read_record</c> returns it.</param>
/// <param name="Depth">The deepest nesting of the text outside strings, the outermost object or array counted.</param>
/// <param name="Json">See above.</param>
/// <param name="Code">The <c>returncode</c> when the answer is an object holding one as a string, else null.</param>
/// <param name="Message">With a code, the string <c>message</c> after Nova's <c>replace('\\r\\n', '')</c>, else null.</param>
internal sealed record NovaVerdict(string Printed, string Text, int Depth, string Json, string? Code, string? Message);

using System.Text.Json;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Protocol.Differential;

/// <summary>
/// Python's <c>json</c> module as the judge of requests: the original agent read each request with
/// <c>json.loads</c>, then <c>request['name']</c> and <c>request.get('value', '')</c>. Run live, once per
/// batch (one process for thousands of texts), so what it says is never a stored copy that could go
/// stale. The script reports facts only (what <c>json.loads</c> made of the text, how deep the text nests
/// before it stops reading); what the agent must answer for them is the test's to decide.
/// </summary>
internal static class PythonJsonOracle
{
    // Python 3's json reads text as Python 2's did (the original's interpreter) but for two things the
    // script undoes or reports: 3.11's 4300-digit limit on integers (Python 2 had none) is lifted, and a
    // NaN or Infinity literal, which both accept, is reported apart ("constant"). (Python 2's UTF-8
    // decoder also let encoded surrogates, ED A0 80, through; Python 3 and the agent refuse them.)
    // "depth" counts the request object as level 1, up to where json.loads stopped: the error's position,
    // or the first NaN/Infinity literal; the whole text when it read it all or ran out of recursion.
    private const string Script = """
import binascii, json, sys

# The original agent ran Python 2, whose int() had no digit limit; 3.11 refuses over 4300 digits.
if hasattr(sys, 'set_int_max_str_digits'):
    sys.set_int_max_str_digits(0)

def canonical(value):
    return json.dumps(value, ensure_ascii=True, separators=(',', ':'), allow_nan=True)

def scan(text, stop):
    # Nesting depth of text[:stop] outside strings, and where a NaN/Infinity literal first starts.
    depth = deepest = 0
    constant = -1
    i, inside = 0, False
    while i < stop:
        c = text[i]
        if inside:
            if c == '\\':
                i += 1
            elif c == '"':
                inside = False
        elif c == '"':
            inside = True
        elif c in '{[':
            depth += 1
            deepest = max(deepest, depth)
        elif c in '}]':
            depth -= 1
        elif c in 'NI' and constant < 0:
            constant = i
        i += 1
    return deepest, constant

def depth(text, stop):
    # The agent stops reading at the first NaN or Infinity literal, which JSON does not have.
    deepest, constant = scan(text, stop)
    return scan(text, constant)[0] if constant >= 0 else deepest

def judge(data):
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError:
        return {'kind': 'malformed', 'object': False, 'depth': 0}
    is_object = text.lstrip(' \t\n\r').startswith('{')
    constants = []
    def constant(literal):
        constants.append(literal)
        return float(literal)
    try:
        request = json.loads(text, parse_constant=constant)
    except json.JSONDecodeError as error:
        return {'kind': 'malformed', 'object': is_object, 'depth': depth(text, error.pos)}
    except RecursionError:
        return {'kind': 'malformed', 'object': is_object, 'depth': depth(text, len(text))}
    deepest = depth(text, len(text))
    if constants:
        return {'kind': 'constant', 'object': is_object, 'depth': deepest}
    if not isinstance(request, dict):
        return {'kind': 'not-object', 'object': is_object, 'depth': deepest}
    if 'name' not in request:
        return {'kind': 'missing', 'object': True, 'depth': deepest}
    name = request['name']
    answer = {'kind': 'ok', 'object': True, 'depth': deepest, 'value': canonical(request.get('value', ''))}
    if isinstance(name, str):
        answer['name'] = binascii.hexlify(name.encode('utf-8', 'surrogatepass')).decode()
        answer['nameIsText'] = not any(0xD800 <= ord(c) <= 0xDFFF for c in name)
    else:
        answer['nameJson'] = canonical(name)
    return answer

def value_of(data):
    # One JSON value on its own (a value we extracted, an answer we wrote), as json.loads reads it.
    try:
        value = json.loads(data.decode('utf-8'))
    except (ValueError, RecursionError):
        return {'kind': 'malformed'}
    answer = {'kind': 'ok', 'canonical': canonical(value)}
    if isinstance(value, dict):
        answer['keys'] = canonical(list(value))
        answer['strings'] = all(isinstance(v, str) for v in value.values())
    return answer

for line in sys.stdin:
    mode, _, hexed = line.rstrip('\n').partition(' ')
    data = binascii.unhexlify(hexed)
    print(json.dumps(judge(data) if mode == 'request' else value_of(data)))
""";

    /// <summary>What <c>json.loads</c> made of each request text.</summary>
    public static async Task<IReadOnlyList<RequestVerdict>> JudgeRequestsAsync(IReadOnlyList<byte[]> requests) =>
        [.. (await RunAsync("request", requests)).Select(line => JsonSerializer.Deserialize<RequestVerdict>(line, Options)!)];

    /// <summary>What <c>json.loads</c> made of each text read as one JSON value (a value the agent extracted, an answer it wrote).</summary>
    public static async Task<IReadOnlyList<ValueVerdict>> JudgeValuesAsync(IReadOnlyList<byte[]> values) =>
        [.. (await RunAsync("value", values)).Select(line => JsonSerializer.Deserialize<ValueVerdict>(line, Options)!)];

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    private static async Task<string[]> RunAsync(string mode, IReadOnlyList<byte[]> texts)
    {
        var python = ExternalTool.Require("python3", "python3");
        var input = string.Concat(texts.Select(text => $"{mode} {Convert.ToHexString(text)}\n"));
        var result = await ExternalTool.RunAsync(python, ["-c", Script], standardInput: input);
        Assert.True(result.ExitCode == 0, result.StandardError);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(texts.Count, lines.Length);
        return lines;
    }
}

/// <summary>
/// <c>json.loads</c>'s reading of one request. <see cref="Kind"/>: <c>malformed</c> (not UTF-8, or not
/// JSON), <c>constant</c> (read only thanks to a NaN or Infinity literal), <c>not-object</c>, <c>missing</c>
/// (an object without <c>name</c>) or <c>ok</c>.
/// </summary>
/// <param name="Kind">See above.</param>
/// <param name="Object">Whether the text starts (after JSON white space) with an object.</param>
/// <param name="Depth">The deepest nesting before json.loads stopped, the outer object or array counted.</param>
/// <param name="Name">The string name's UTF-8 bytes in hex (lone surrogates as CESU-8 would write them).</param>
/// <param name="NameIsText">Whether the string name holds no lone surrogate.</param>
/// <param name="NameJson">A name that is no string, as canonical JSON.</param>
/// <param name="Value">The value (or <c>""</c> when missing) as canonical JSON.</param>
internal sealed record RequestVerdict(string Kind, bool Object, int Depth, string? Name, bool NameIsText, string? NameJson, string? Value);

/// <summary><c>json.loads</c>'s reading of one JSON value: <c>ok</c> or <c>malformed</c>, with its canonical JSON, and an object's keys in order (a canonical JSON array) and whether all its members are strings.</summary>
internal sealed record ValueVerdict(string Kind, string? Canonical, string? Keys, bool Strings);

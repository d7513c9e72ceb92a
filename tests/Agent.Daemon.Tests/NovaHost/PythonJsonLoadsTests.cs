using System.Text.Json;
using GuestAgent.Daemon.NovaHost;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.NovaHost;

/// <summary>
/// <see cref="PythonJsonLoads"/> on texts the answers read through <c>xenstore-read</c> never hold (an
/// escaped quote: that tool doubles every backslash) or hold too seldom for the fuzz to count on: the
/// constants next to what would join them into other JSON. Checked against Python's json.loads.
/// </summary>
public sealed class PythonJsonLoadsTests
{
    private static readonly string[] Texts =
    [
        "NaN", "-Infinity", "Infinity", "[NaN,Infinity,-Infinity]", "{\"a\": NaN}",
        "1Infinity", "1NaN", "Infinity1", "NaN1", "-NaN", "--Infinity", "- Infinity", "-Infinity1", "[1-Infinity]",
        "Infinity.5", "Infinitye5", "NaNe5", "trueNaN", "NaNtrue", "nan", "infinity", "{NaN: 1}", "[Na]", "[Infinit]",
        "[\"\\\"NaN\"]", "[\"\\\\\", NaN]", "[\"\\\\\\\"\", Infinity]",
    ];

    [Fact]
    public async Task Reads_exactly_what_python_reads()
    {
        var python = ExternalTool.Require("python3", "python3");
        const string Script = """
import json, sys
for line in sys.stdin.read().split("\n"):
    try:
        json.loads(line)
        print("yes")
    except ValueError:
        print("no")
""";
        var result = await ExternalTool.RunAsync(python, ["-c", Script], standardInput: string.Join('\n', Texts));
        Assert.Equal(0, result.ExitCode);
        var verdicts = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Texts.Length, verdicts.Length);
        for (var index = 0; index < Texts.Length; index++)
        {
            using var document = PythonJsonLoads.TryParse(Texts[index]);
            Assert.True(verdicts[index] == (document is null ? "no" : "yes"), $"{Texts[index]}: Python says {verdicts[index]}");
        }
    }

    [Theory]
    // An escaped quote ends no string: what follows it is still the string's.
    [InlineData("[\"\\\"NaN\"]", "\"NaN")]
    [InlineData("[\"Infinity\\\\\", NaN]", "Infinity\\")]
    public void A_constant_inside_a_string_stays_text(string text, string first)
    {
        using var document = PythonJsonLoads.TryParse(text);
        Assert.NotNull(document);
        Assert.Equal(first, document.RootElement[0].GetString());
        Assert.All(document.RootElement.EnumerateArray().Skip(1), item => Assert.Equal(JsonValueKind.Null, item.ValueKind));
    }
}

using System.Text;
using GuestAgent.Protocol;

namespace GuestAgent.Tests.Protocol;

/// <summary>
/// The fast path must accept only valid JSON and split it exactly as the general
/// <c>Utf8JsonReader</c> path does; everything else must be left to the general path.
/// </summary>
public sealed class PlainRequestScannerTests
{
    /// <summary>Longer than the scanner's per-byte stretch, so its vector search runs too.</summary>
    private static readonly string LongText = string.Concat(Enumerable.Repeat("Zm9vYmFy+/09", 30));

    private static readonly string[] Plain =
    [
        """{"name":"ping","value":""}""",
        """{"name": "version", "value": "agent"}""",
        " \t\r\n{ \"name\" : \"x\" ,\n \"value\" : { } } \n",
        """{"name":"scale","value":{"value":21,"factor":-2,"negate":true}}""",
        """{"value":[1,-0,0.5,-1.25e+10,2E-3,3e4,true,false,null,[],{},"s"],"name":"echo"}""",
        """{"name":"a","value":{"a":{"b":{"c":[[[{"d":null}]]]}}}}""",
        """{"value":"agent","name":"version"}""",
        """{"value": {"url": "http://host/a.tgz", "md5sum": "0f"}, "name": "agentupdate"}""",
        """{"name": "mixed","value":1}""",
        """{"name":"n","value":-1.5e3}""",
        """{"value":[],"name":""}""",
        """{"name":"trailing","value":"space"} """,
        """{"name": "x",  "value": "y"}""",
        """{"name":"a"}""",
        """{"value":"only"}""",
        """{}""",
        """{"name":"first","name":"second","value":1,"value":2}""",
        """{"name":"x","other":{"name":"inner"},"value":"v"}""",
        """{"name":"","value":" !#$%&'()*+,-./:;<=>?@[]^_`{|}~"}""",
        "{\"name\": \"password\", \"value\": \"" + LongText + "\"}",
        "{\"name\": \"a-name-longer-than-sixteen-bytes\", \"value\": {\"a-key-longer-than-sixteen-bytes\": \"" + LongText + "\"}}",
    ];

    public static TheoryData<string> PlainRequests => new(Plain);

    public static TheoryData<string> OtherRequests =>
    [
        "",
        " ",
        "not json",
        "[]",
        "\"name\"",
        """{"name":"echo"} trailing""",
        """{"name":"echo",}""",
        """{"name":"echo","value":[1,]}""",
        """{"name":"echo" "value":1}""",
        """{"name":"echo","value":01}""",
        """{"name":"echo","value":1.}""",
        """{"name":"echo","value":.5}""",
        """{"name":"echo","value":-}""",
        """{"name":"echo","value":1e}""",
        """{"name":"echo","value":+1}""",
        """{"name":"echo","value":tru}""",
        """{"name":"echo","value":nulls}""",
        """{"name":"echo","value":{"a"}}""",
        """{"name":"echo","value":{"a":1"b":2}}""",
        """{"name":"echo","value":[1 2]}""",
        """{"name":"echo","value":{"a":1}""",
        """{"name":"echo","value":"unterminated}""",
        """{"name":"ech\u006f","value":1}""",
        """{"name":"echo","value":"a\"b"}""",
        """{"name":"échø","value":1}""",
        """{"name":1,"value":2}""",
        """{"value":1,"name":2}""",
        """{"value":01,"name":"x"}""",
        "{\"value\":\"x\",\"name\":\"y\"",
        "{\"name\":\"x\",\"value\":\"y\"",
        """{"name": "x", "value": "y"}}""",
        """{"name":null}""",
        "{\"name\":\"tab\there\"}",
        """{"name":"echo","value":""" + new string('[', 40) + new string(']', 40) + "}",
        """{"name":"echo","value":""" + new string('[', 70) + new string(']', 70) + "}",
        "{\"name\":\"echo\",\"value\":\"\u007f\"}",
        "{\"name\":\"echo\"}\u0000",
        """{"name":"echo"}}""",
        """{"name":"echo",/*c*/"value":1}""",
        "{\"name\":\"echo\",\"value\":\"" + LongText + "\\\\" + LongText + "\"}",
        "{\"name\":\"echo\",\"value\":\"" + LongText + "\u00e9" + LongText + "\"}",
        "{\"name\":\"echo\",\"value\":\"" + LongText + "\t" + LongText + "\"}",
        "{\"name\":\"echo\",\"value\":\"" + LongText + "\u007f\"}",
        "{\"name\":\"echo\",\"value\":\"" + LongText,
        // Form feed and vertical tab are white space to .NET, not to JSON.
        "{\"name\":\"echo\",\f\"value\":1}",
        "{\v\"name\":\"echo\"}",
        "{\"name\":\"echo\"}\f",
        // Keys that are not strings, in a nested object and in the request itself.
        """{"name":"echo","value":{1:2}}""",
        """{"name":"echo","value":{null:1}}""",
        """{"name":"echo","value":{"a":1,2:3}}""",
        """{"name":"echo",1:2}""",
        // Deeper than the general path's limit of 64, in objects this time.
        """{"name":"echo","value":""" + Nested(70, objects: true) + "}",
    ];

    /// <summary>
    /// The scanner takes at most 32 levels of nesting, the request object included; deeper requests
    /// are left to the general path, so a miscount stays harmless only while it stays under 64.
    /// Both layouts count the same: the hosts' one compared in place and any other walked.
    /// </summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void The_fast_path_takes_32_levels_of_nesting_and_leaves_33_to_the_general_path(bool objects, bool hostLayout)
    {
        var prefix = hostLayout ? """{"name":"echo","value":""" : """{ "name":"echo","value":""";
        var deepest = Encoding.UTF8.GetBytes(prefix + Nested(31, objects) + "}");
        var deeper = Encoding.UTF8.GetBytes(prefix + Nested(32, objects) + "}");

        Assert.True(PlainRequestScanner.TryRead(deepest, out _, out _, out var value, out _));
        Assert.Equal(Nested(31, objects), Encoding.UTF8.GetString(deepest[value]));
        Assert.False(PlainRequestScanner.TryRead(deeper, out _, out _, out _, out _));
        AssertSameAsGeneralPath(deepest);
        AssertSameAsGeneralPath(deeper);
    }

    [Theory]
    [MemberData(nameof(PlainRequests))]
    public void Plain_requests_take_the_fast_path_and_split_as_the_general_path_does(string request)
    {
        var data = Encoding.UTF8.GetBytes(request);
        Assert.True(PlainRequestScanner.TryRead(data, out _, out _, out _, out _));
        AssertSameAsGeneralPath(data);
    }

    [Theory]
    [MemberData(nameof(OtherRequests))]
    public void Other_requests_are_left_to_the_general_path(string request)
    {
        var data = Encoding.UTF8.GetBytes(request);
        Assert.False(PlainRequestScanner.TryRead(data, out _, out _, out _, out _));
        AssertSameAsGeneralPath(data);
    }

    [Theory]
    [InlineData("""{"name":"ping","value":""}""", "ping", "\"\"")]
    [InlineData("""{"name": "version", "value": "agent"}""", "version", "\"agent\"")]
    [InlineData("""{"value":{"a":[1]},"name":"x"}""", "x", """{"a":[1]}""")]
    [InlineData("""{"value": 12, "name": ""}""", "", "12")]
    public void Requests_as_hosts_write_them_are_compared_in_place(string request, string name, string value)
    {
        var data = Encoding.UTF8.GetBytes(request);
        Assert.True(PlainRequestScanner.TryReadTwoMembers(data, out var nameRange, out var valueRange));
        Assert.Equal(name, Encoding.UTF8.GetString(data[nameRange]));
        Assert.Equal(value, Encoding.UTF8.GetString(data[valueRange]));
    }

    [Theory]
    [InlineData("""{"name": "mixed","value":1}""")]
    [InlineData("""{"name":"a","value":1} """)]
    [InlineData("""{ "name":"a","value":1}""")]
    [InlineData("""{"name":"a","value":1,"other":2}""")]
    [InlineData("""{"name":"a"}""")]
    public void Other_layouts_take_the_general_walk(string request) =>
        Assert.False(PlainRequestScanner.TryReadTwoMembers(Encoding.UTF8.GetBytes(request), out _, out _));

    [Fact]
    public void Mutated_requests_never_split_differently_from_the_general_path()
    {
        // Every one-byte deletion, duplication and substitution (with JSON's structural bytes) of the
        // plain requests: whatever the fast path accepts must be read the same by the general path.
        var replacements = "{}[]\":, \\0-1.eE+tfn\u00e9"u8.ToArray();
        var accepted = 0;
        foreach (var request in Plain)
        {
            var original = Encoding.UTF8.GetBytes(request);
            for (var index = 0; index < original.Length; index++)
            {
                accepted += Check([.. original[..index], .. original[(index + 1)..]]);
                accepted += Check([.. original[..(index + 1)], .. original[index..]]);
                foreach (var replacement in replacements)
                {
                    var mutated = (byte[])original.Clone();
                    mutated[index] = replacement;
                    accepted += Check(mutated);
                }
            }
        }

        // The mutations include harmless ones (a digit for a digit, a space for a space): the fast
        // path must have taken some of them, or this test checked nothing.
        Assert.True(accepted > 100, $"only {accepted} mutated requests took the fast path");

        static int Check(byte[] data)
        {
            AssertSameAsGeneralPath(data);
            return PlainRequestScanner.TryRead(data, out _, out _, out _, out _) ? 1 : 0;
        }
    }

    /// <summary><paramref name="levels"/> nested arrays (<c>[[…]]</c>) or objects (<c>{"a":{"a":…{}}}</c>).</summary>
    private static string Nested(int levels, bool objects) => objects
        ? string.Concat(Enumerable.Repeat("{\"a\":", levels - 1)) + "{}" + new string('}', levels - 1)
        : new string('[', levels) + new string(']', levels);

    private static void AssertSameAsGeneralPath(byte[] data)
    {
        var outcome = NovaRequestReader.Read(data, out var name, out var nameIsString, out var nameHasEscapes, out var value);
        var expected = NovaRequestReader.ReadGeneral(data, out var expectedName, out var expectedIsString, out var expectedEscapes, out var expectedValue);
        var shown = Encoding.UTF8.GetString(data);
        Assert.True(expected == outcome, $"{shown}: {outcome} instead of {expected}");
        if (expected != NovaRequestReader.Outcome.Ok)
        {
            return;
        }

        Assert.Equal(expectedIsString, nameIsString);
        Assert.Equal(expectedEscapes, nameHasEscapes);
        Assert.Equal(Encoding.UTF8.GetString(data[expectedName]), Encoding.UTF8.GetString(data[name]));
        Assert.Equal(Encoding.UTF8.GetString(expectedValue.Span), Encoding.UTF8.GetString(value.Span));
    }
}

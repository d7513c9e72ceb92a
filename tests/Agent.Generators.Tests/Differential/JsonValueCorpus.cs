using System.Globalization;
using System.Text;

namespace GuestAgent.Generators.Tests.Differential;

/// <summary>
/// The JSON values fed to both readers, as the text of one value (some deliberately not valid
/// JSON: both must refuse them): hand-picked boundaries of every type, then values drawn from a
/// fixed seed, so every run feeds the same ones and a failure names a value that reproduces.
/// </summary>
internal static class JsonValueCorpus
{
    public const int Seed = 2029;

    private static readonly string[] Fixed =
    [
        // Literals, and containers where a scalar is expected.
        "null", "true", "false", "[]", "[1,2]", "[\"a\"]", "[null]", "[1,\"a\"]", "[[1]]", "{}", "{\"a\":1}", "{\"v\":1}",
        // Integer boundaries of every type, and one beyond each.
        "0", "1", "-1", "7", "127", "128", "-128", "-129", "255", "256", "32767", "32768", "-32768", "-32769",
        "65535", "65536", "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "-18446744073709551616",
        "170141183460469231731687303715884105727", "170141183460469231731687303715884105728",
        "-170141183460469231731687303715884105728", "-170141183460469231731687303715884105729",
        "340282366920938463463374607431768211455", "340282366920938463463374607431768211456",
        // Number forms.
        "-0", "0.0", "-0.0", "1.0", "1.00", "1e2", "1E2", "1E+2", "1e-2", "1e0", "10e-1", "0.1", "1.5", "-1.5", "2.5", "0e0", "-0e0", "0E-7",
        "0x10", "010", "00", "-", "+1", ".5", "1.", "1e", "-01", "1_000", "NaN", "Infinity", "-Infinity", "1 2",
        "9007199254740993", "9007199254740992", "-9007199254740993", "4.9e-324", "5e-324", "2e-324", "1e-400", "-1e-400",
        "1e308", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e309", "-1e309", "1e400",
        "1E+400000", "1e99999999999", "1e-99999999999",
        "3.4028235e38", "3.40282356e38", "3.4028236e38", "3.5e38", "-3.5e38", "1e39", "1.401298e-45", "7e-46", "1e-50",
        "65504", "65519", "65520", "-65520", "6e-8", "1e5",
        "79228162514264337593543950335", "79228162514264337593543950336", "-79228162514264337593543950335", "-79228162514264337593543950336",
        "79228162514264337593543950335.4", "79228162514264337593543950335.5", "7.9228162514264337593543950335e28", "7.9228162514264337593543950336e28",
        "0.12345678901234567890123456789", "1.0000000000000000000000000001", "1.00000000000000000000000000001",
        "0.00000000000000000000000000001", "0.000000000000000000000000000001", "1e-28", "1e-29", "1.5e-29", "-1e-29",
        "123456789012345678901234567890.5", "1.000000000000000000000000000000000000001", "1.50", "1.500000000000000000000000000000",
        "12345678901234567890123456789012345678901234567890", "0.000000000000000000000000000000000000000000000001e60",
        // Strings, escapes, numbers and literals as strings.
        "\"\"", "\" \"", "\"a\"", "\"ab\"", "\"\\u00e9\"", "\"\u00e9\"", "\"\\ud800\"", "\"\\udc00\"", "\"a\\ud800b\"", "\"\\ud83d\\ude00\"",
        "\"\\ude00\\ud83d\"", "\"\\u0000\"", "\"\\\"\"", "\"\\\\\"", "\"\\n\"", "\"\\/\"", "\"\\u0041\"", "\"\ud83d\ude00\"",
        "\"42\"", "\"-1\"", "\"0\"", "\"1.5\"", "\"1e2\"", "\" 42\"", "\"42 \"", "\"0x10\"", "\"true\"", "\"false\"", "\"True\"",
        "\"null\"", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"[1]\"", "\"{}\"",
        // GUID forms.
        "\"0f8fad5b-d9cb-469f-a165-70867728950e\"", "\"0F8FAD5B-D9CB-469F-A165-70867728950E\"", "\"00000000-0000-0000-0000-000000000000\"",
        "\"{0f8fad5b-d9cb-469f-a165-70867728950e}\"", "\"(0f8fad5b-d9cb-469f-a165-70867728950e)\"", "\"0f8fad5bd9cb469fa16570867728950e\"",
        "\"{0x0f8fad5b,0xd9cb,0x469f,{0xa1,0x65,0x70,0x86,0x77,0x28,0x95,0x0e}}\"", "\" 0f8fad5b-d9cb-469f-a165-70867728950e\"",
        "\"0f8fad5b-d9cb-469f-a165-70867728950e \"", "\"0f8fad5b\\u002dd9cb-469f-a165-70867728950e\"", "\"0f8fad5b-d9cb-469f-a165-70867728950\"",
        "\"0f8fad5b-d9cb-469f-a165-70867728950g\"", "\"0f8fad5b-d9cb-469f-a165-70867728950e0\"",
        // Dates, times and offsets.
        "\"2024-02-29\"", "\"2023-02-29\"", "\"2000-01-01\"", "\"0001-01-01\"", "\"9999-12-31\"", "\"2024-1-01\"", "\"2024-01-01Z\"", "\"2024-02-29T12:00:00\"", "\"2024-02-29T12:00:00Z\"", "\"2024-02-29T12:00:00+01:00\"",
        "\"2024-02-29T12:00:00-00:00\"", "\"2024-02-29T12:00:00+00:00\"", "\"2024-02-29T12:00:00+14:00\"", "\"2024-02-29T12:00:00+14:01\"",
        "\"2024-02-29T12:00:00-14:00\"", "\"2024-02-29T12:00:00+0100\"", "\"2024-02-29T12:00:00+01\"", "\"2024-02-29T12:00:00.1234567Z\"",
        "\"2024-02-29T12:00:00.12345678Z\"", "\"2024-02-29T12:00:00.123456789012Z\"", "\"2024-02-29T12:00:00.99999999Z\"", "\"2024-02-29T12:00:00.Z\"",
        "\"2024-02-29T12:00:00,5Z\"", "\"2024-01-01T24:00:00\"", "\"2024-01-01T24:00:00Z\"", "\"2024-01-01T23:59:60Z\"",
        "\"2024-01-01 12:00:00\"", "\"2024-01-01T12:00\"", "\"2024-01-01T12\"", "\"20240101T120000Z\"", "\"2024-01-01t12:00:00z\"",
        "\"2024-13-01T00:00:00\"", "\"2024-1-1T00:00:00\"", "\"0001-01-01T00:00:00\"", "\"0001-01-01T00:00:00+01:00\"",
        "\"0001-01-01T00:00:00-01:00\"", "\"9999-12-31T23:59:59.9999999\"", "\"9999-12-31T23:59:59.9999999-01:00\"",
        "\"9999-12-31T23:59:59.9999999Z\"", "\"9999-12-31T23:59:59.99999999Z\"", "\"0000-01-01T00:00:00\"", "\"+2024-01-01T00:00:00\"",
        "\"2024-01-01T00:00:00\\u002B01:00\"", "\"2024-02-29T12:00:00\\ud800\"",
        "\"12:34:56\"", "\"12:34\"", "\"12:34:56.1234567\"", "\"12:34:56.12345678\"", "\"24:00\"", "\"24:00:00\"", "\"23:59:59.9999999\"",
        "\"1.02:03:04\"", "\"-01:00:00\"", "\"00:00:00.5\"", "\"10675199.02:48:05.4775807\"", "\"10675199.02:48:05.4775808\"",
        "\"-10675199.02:48:05.4775808\"", "\"P1D\"", "\"1\"", "\"1:2:3\"", "\"01:02:03.\"",
        // Enum names, other cases, numbers, flags combinations.
        "\"Red\"", "\"red\"", "\"RED\"", "\"Green\"", "\"Blue\"", "\" Red\"", "\"Red \"", "\"\\u0052ed\"", "\"Red, Green\"", "\"Purple\"",
        "\"2\"", "\"-2\"", "3", "4", "5", "8", "-2", "-127", "1.0e0",
        "\"None\"", "\"Read\"", "\"read\"", "\"READ\"", "\"Read, Write\"", "\"Read,Write\"", "\" Read , Write \"", "\"Read, Read\"",
        "\"Read|Write\"", "\"Read,,Write\"", "\"Read,\"", "\",\"", "\"Read, 2\"", "\"3\"", "\"7\"", "\"8\"", "\"Exec, Read\"",
        "\"None, Read\"", "\"Read, Write, Exec\"", "\"Read\\u002c Write\"", "\"A\"", "\"A, B\"", "\"A,\"", "\", B\"", "\"All\"", "\"All, A\"", "\"-1\"", "\"a\"",
        // char, base64, URIs, versions.
        "\"x\"", "\"\\t\"", "\"AQID\"", "\"AQI=\"", "\"AQI\"", "\"AQ==\"", "\"not base64\"", "\"AQ ID\"", "\"AQ\\u003d=\"",
        "\"http://x/\"", "\"http://x/a b\"", "\"relative/path\"", "\"/abs\"", "\"1.2\"", "\"1.2.3\"", "\"1.2.3.4\"", "\"1.2.3.4.5\"", "\"-1.2\"",
        "\"1.2.3.-1\"", "\" 1.2\"",
        // Arrays and objects for the collection types.
        "[\"a\",\"b\"]", "[\"\\ud800\"]", "[1,2,3]", "[256]", "[1.5]", "[\"1\"]", "[1,]", "{\"a\":\"\\ud800\"}", "{\"\\ud800\":1}",
        "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]",
    ];

    /// <summary>The fixed values, then the ones drawn from <see cref="Seed"/>.</summary>
    public static IReadOnlyList<string> Values { get; } = Build();

    private static List<string> Build()
    {
        var random = new Random(Seed);
        var values = new List<string>(Fixed);
        for (var i = 0; i < 80; i++)
        {
            values.Add(Integer(random));
            values.Add(FloatingPoint(random));
            values.Add(DecimalDigits(random));
            values.Add(Quote(Date(random)));
            values.Add(Quote(EscapedText(random)));
        }

        for (var i = 0; i < 30; i++)
        {
            values.Add(Quote(GuidText(random)));
            values.Add(Quote(Flags(random)));
            values.Add(Quote(Time(random)));
        }

        return [.. values.Distinct(StringComparer.Ordinal)];
    }

    private static string Quote(string text) => "\"" + text + "\"";

    /// <summary>An integer near a power of two (the types' boundaries), either side of it, either sign.</summary>
    private static string Integer(Random random)
    {
        var magnitude = System.Numerics.BigInteger.Pow(2, random.Next(0, 130)) + random.Next(-3, 4);
        return (random.Next(2) == 0 ? -magnitude : magnitude).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A double written in one of its JSON forms: round-trip, exponent of either case, or many digits.</summary>
    private static string FloatingPoint(Random random)
    {
        var value = BitConverter.Int64BitsToDouble(random.NextInt64());
        if (!double.IsFinite(value))
        {
            value = random.NextDouble() * Math.Pow(10, random.Next(-330, 330));
        }

        return random.Next(4) switch
        {
            0 => value.ToString("R", CultureInfo.InvariantCulture),
            1 => value.ToString("E16", CultureInfo.InvariantCulture),
            2 => value.ToString("e3", CultureInfo.InvariantCulture),
            _ => (random.NextDouble() * Math.Pow(10, random.Next(-50, 50))).ToString("F30", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Up to 35 digits with a point anywhere, the ranges a decimal and its scale cross.</summary>
    private static string DecimalDigits(Random random)
    {
        var digits = new StringBuilder();
        var count = random.Next(1, 36);
        for (var i = 0; i < count; i++)
        {
            digits.Append((char)('0' + (i == 0 ? random.Next(1, 10) : random.Next(10))));
        }

        var point = random.Next(0, count + 1);
        if (point > 0 && point < count)
        {
            digits.Insert(point, '.');
        }

        return (random.Next(3) == 0 ? "-" : "") + digits;
    }

    /// <summary>A date and time with fields that may be out of range, a fraction of 0 to 9 digits and any offset form.</summary>
    private static string Date(Random random)
    {
        var text = FormattableString.Invariant(
            $"{random.Next(0, 10000):D4}-{random.Next(1, 13):D2}-{random.Next(1, 32):D2}T{random.Next(0, 25):D2}:{random.Next(0, 60):D2}:{random.Next(0, 61):D2}");
        var fraction = random.Next(0, 10);
        if (fraction > 0)
        {
            text += "." + random.NextInt64(0, (long)Math.Pow(10, fraction)).ToString("D" + fraction, CultureInfo.InvariantCulture);
        }

        return text + random.Next(5) switch
        {
            0 => "",
            1 => "Z",
            2 => FormattableString.Invariant($"+{random.Next(0, 16):D2}:{random.Next(0, 60):D2}"),
            3 => FormattableString.Invariant($"-{random.Next(0, 16):D2}:{random.Next(0, 60):D2}"),
            _ => FormattableString.Invariant($"+{random.Next(0, 16):D2}{random.Next(0, 60):D2}"),
        };
    }

    private static string Time(Random random) => FormattableString.Invariant(
        $"{(random.Next(3) == 0 ? "-" : "")}{(random.Next(2) == 0 ? random.Next(0, 30) + "." : "")}{random.Next(0, 25):D2}:{random.Next(0, 61):D2}:{random.Next(0, 61):D2}{(random.Next(2) == 0 ? "." + random.Next(0, 100000000) : "")}");

    /// <summary>Code units escaped as \uXXXX, surrogates (paired or not) and controls among them.</summary>
    private static string EscapedText(Random random)
    {
        var text = new StringBuilder();
        var count = random.Next(0, 5);
        for (var i = 0; i < count; i++)
        {
            var unit = random.Next(4) switch
            {
                0 => random.Next(0, 0x20),
                1 => random.Next(0xd800, 0xe000),
                2 => random.Next(0x20, 0x7f),
                _ => random.Next(0x80, 0x10000),
            };
            text.Append(CultureInfo.InvariantCulture, $"\\u{unit:x4}");
        }

        return text.ToString();
    }

    private static string GuidText(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        var text = new Guid(bytes).ToString(random.Next(4) switch { 0 => "N", 1 => "B", 2 => "P", _ => "D" }, CultureInfo.InvariantCulture);
        return random.Next(2) == 0 ? text.ToUpperInvariant() : text;
    }

    /// <summary>Names of both flags enums, in any case and spacing, with numbers and empty parts among them.</summary>
    private static string Flags(Random random)
    {
        string[] names = ["None", "Read", "Write", "Exec", "A", "B", "All", "read", "ALL", "", "1", "-1", "Red"];
        var parts = new List<string>();
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            parts.Add(new string(' ', random.Next(0, 2)) + names[random.Next(names.Length)] + new string(' ', random.Next(0, 2)));
        }

        return string.Join(",", parts);
    }
}

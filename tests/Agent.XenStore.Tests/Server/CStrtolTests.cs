using System.Runtime.InteropServices;
using System.Text;
using GuestAgent.XenStore.Server;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// <see cref="CStrtol"/> against the real thing: this machine's C library's <c>strtol</c>, called with
/// base 10 (what <c>atoi</c> uses) and base 0 (SET_PERMS entries), on chosen edge cases and on
/// many generated strings. Value and end must both agree; for text with no number, strtol's end is
/// the start of the text.
/// </summary>
public sealed class CStrtolTests
{
    [Theory]
    [InlineData("")]
    [InlineData("7")]
    [InlineData(" \t\n\v\f\r7")]                 // every character of C's isspace
    [InlineData("\u00a07")]                       // a no-break space is not one
    [InlineData("+7")]
    [InlineData("-7")]
    [InlineData("+-7")]
    [InlineData("- 7")]
    [InlineData("  -")]
    [InlineData("0")]
    [InlineData("010")]
    [InlineData("08")]
    [InlineData("0x")]
    [InlineData("0x1f")]
    [InlineData("0X1F")]
    [InlineData("0xg")]
    [InlineData("0x 1")]
    [InlineData("-0x10")]
    [InlineData("00x1")]
    [InlineData("0b1")]
    [InlineData("9223372036854775807")]          // LONG_MAX
    [InlineData("9223372036854775808")]          // one past: saturates
    [InlineData("-9223372036854775807")]
    [InlineData("-9223372036854775808")]         // LONG_MIN
    [InlineData("-9223372036854775809")]
    [InlineData("99999999999999999999")]
    [InlineData("-99999999999999999999")]
    [InlineData("0x7fffffffffffffff")]
    [InlineData("0x8000000000000000")]
    [InlineData("-0x8000000000000000")]
    [InlineData("0777777777777777777777")]       // 2^63 - 1 in octal
    [InlineData("01000000000000000000000")]      // 2^63
    [InlineData("4294967303")]
    [InlineData("12abc")]
    public void Reads_as_the_C_library_reads(string text)
    {
        AssertAsC(text, detectRadix: false);
        AssertAsC(text, detectRadix: true);
    }

    [Fact]
    public void Generated_strings_read_as_the_C_library_reads()
    {
        // Characters that matter to strtol, in every order, with a fixed seed so a failure repeats.
        const string Alphabet = " \t\n\v\f\r+-0123456789789abcdefxXABCDEFgz";
        var random = new Random(19);
        for (var n = 0; n < 20000; n++)
        {
            var text = new StringBuilder();
            var length = random.Next(0, 24);
            for (var i = 0; i < length; i++)
            {
                text.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            // Long runs of digits, so overflow is reached in every base.
            if (n % 4 == 0)
            {
                text.Append('9', random.Next(15, 25));
            }

            AssertAsC(text.ToString(), detectRadix: false);
            AssertAsC(text.ToString(), detectRadix: true);
        }
    }

    private static void AssertAsC(string text, bool detectRadix)
    {
        var (value, end) = CLibraryStrtol(text, detectRadix ? 0 : 10);
        var parsed = CStrtol.Parse(text, detectRadix, out var parsedEnd, out var digits);
        Assert.True(value == parsed && end == parsedEnd, $"strtol(\"{Escape(text)}\", base {(detectRadix ? 0 : 10)}): C gives {value} ending at {end}, CStrtol {parsed} ending at {parsedEnd}");
        Assert.Equal(parsedEnd != 0, digits != 0);
    }

    private static (long Value, int End) CLibraryStrtol(string text, int radix)
    {
        // Latin-1 keeps one byte per character, so the end offset is the same in both.
        var bytes = Encoding.Latin1.GetBytes(text + "\0");
        var native = Marshal.AllocHGlobal(bytes.Length);
        try
        {
            Marshal.Copy(bytes, 0, native, bytes.Length);
            var value = Strtol(native, out var end, radix);
            return (value, (int)(end - native));
        }
        finally
        {
            Marshal.FreeHGlobal(native);
        }
    }

    private static string Escape(string text) =>
        text.Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\v", "\\v", StringComparison.Ordinal).Replace("\f", "\\f", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    [DllImport("libc", EntryPoint = "strtol")]
    private static extern long Strtol(IntPtr text, out IntPtr end, int radix);
}

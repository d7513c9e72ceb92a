using System.Text;
using GuestAgent.Commands.Security;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// The new hash is the one musl's <c>getspnam</c> reads too (Alpine's logins), not only glibc's: where the two
/// take different lines as root's entry (glibc reads a line musl passes over, and musl a later one), both get
/// the hash, and a root line that ends the file without a newline, which musl cannot read, gets one. The
/// written file is read with the real musl (<see cref="MuslShadowReader"/>) and the real glibc
/// (<c>getent</c>, <see cref="GlibcShadowEntryTests"/>).
/// </summary>
public sealed class MuslShadowEntryTests(MuslShadowReader musl) : IClassFixture<MuslShadowReader>
{
    private const string Written = "$6$agent$written";

    [Theory]
    // Alpine's own first lines for root (locked, then with a password set by passwd).
    [InlineData("root:*::0:::::\nbin:!::0:::::\n", true)]
    [InlineData("root:!::0:::::\n", true)]
    [InlineData("daemon:*:19000:0:99999:7:::\nroot:$6$old$one:19000:0:99999:7:::\nbin:*:19000:0:99999:7:::\n", true)]
    // glibc reads the first root line, musl passes over it and reads the second: blanks before the name,
    // blanks or a sign before a number, the old five-field form, eight fields ending in an expiry day.
    [InlineData(" root:$6$old$one:19000:0:99999:7:::\nroot:$6$old$two:19000:0:99999:7:::\n", true)]
    [InlineData("root:$6$old$one:19000: 0:99999:7:::\nroot:$6$old$two:19000:0:99999:7:::\n", true)]
    [InlineData("root:$6$old$one:19000:+0:99999:7:::\nroot:$6$old$two:19000:0:99999:7:::\n", true)]
    [InlineData("root:$6$old$one:19000:0:99999\nroot:$6$old$two:19000:0:99999:7:::\n", true)]
    [InlineData("root:$6$old$one:19000:0:99999:7::20000\ndaemon:*:19000:0:99999:7:::\nroot:$6$old$two:19000:0:99999:7:::\n", true)]
    // musl cannot read a last line without a newline (getspnam fails with ERANGE).
    [InlineData("daemon:*:19000:0:99999:7:::\nroot:$6$old$one:19000:0:99999:7:::", true)]
    // Lines musl never reads as root's (glibc does): written for glibc, nothing for musl before or after.
    [InlineData(" root:$6$old$one:19000:0:99999:7:::\n", false)]
    [InlineData("root:$6$old$one:19000:0:99999:7:::\0junk\nroot:$6$old$two:19000:0:99999:7:::\n", false)]
    [InlineData("\0root:$6$old$one:19000:0:99999:7:::\nroot:$6$old$two:19000:0:99999:7:::\n", false)]
    public async Task The_hash_written_is_the_one_musl_and_glibc_read(string shadow, bool muslReadsRoot)
    {
        Assert.Null(ShadowFile.TryReplaceHash(Latin1(shadow), "root", _ => Written, 20000, out var updated));

        Assert.Equal(Written, (await GlibcShadowEntryTests.GetentShadowRootAsync(updated)).Split(':')[1]);
        Assert.Equal(muslReadsRoot ? Written : null, await musl.RootHashAsync(updated));
    }

    /// <summary>
    /// <see cref="MuslShadowReading"/> against the real <c>getspnam</c>, at the edges of its 256-byte buffer: a
    /// long line of another name whose rest starts with <c>root:</c>, a root line too long for the buffer
    /// (the search ends), NULs, CRs and the parser's fields.
    /// </summary>
    [Theory]
    [InlineData("root:$6$a:1:2:3:4:5:6:7\nroot:$6$b:1::::::\n")]
    [InlineData("root:$6$a:1:2:3:4:5:6:\nroot:$6$b:1::::::\n")]
    [InlineData("root:$6$a:1:2:3:4:5:6:7:\nroot:$6$b:1::::::\n")]
    [InlineData("root:$6$a:1:2:3:4:5:-6:\nroot:$6$b:1::::::\n")]
    [InlineData("root:$6$a:1::::::\r\nroot:$6$b:1::::::\n")]
    [InlineData("root:$6$a:18446744073709551616::::::\nroot:$6$b:1::::::\n")]
    [InlineData("root:$6$a:yesterday::::::\nroot:$6$b:1::::::\n")]
    [InlineData("root::1::::::\n")]
    [InlineData("root:\nroot:$6$b:1::::::\n")]
    [InlineData("\nroot:$6$b:1::::::\n")]
    [InlineData("roots:$6$a:1::::::\nroot:$6$b:1::::::\n")]
    [InlineData("daemon:*:1::::::\0\nroot:$6$a:1::::::\nroot:$6$b:1::::::\n")]
    [InlineData("\0root:$6$a:1::::::\nroot:$6$b:1::::::\n")]
    [InlineData("daemon:*:1::::::\n\0\nroot:$6$b:1::::::\n")]
    [InlineData("LONG254\nroot:$6$a:1::::::\n")]
    [InlineData("LONG255root:$6$a:1::::::\nroot:$6$b:1::::::\n")]
    [InlineData("LONG509root:$6$a:1::::::\nroot:$6$b:1::::::\n")]
    // 255 bytes with the newline fill the buffer; 256 end the search.
    [InlineData("root:PAD241:1::::::\nroot:$6$b:1::::::\n")]
    [InlineData("root:PAD242:1::::::\nroot:$6$b:1::::::\n")]
    public async Task The_line_modelled_is_the_line_musl_reads(string shape)
    {
        // LONGn: a line of another name, n bytes before what follows; PADn: a password field of n bytes.
        var text = System.Text.RegularExpressions.Regex.Replace(shape, "LONG([0-9]+)|PAD([0-9]+)", match => match.Groups[1].Success
            ? "daemon:" + new string('x', int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 7)
            : new string('p', int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
        var start = MuslShadowReading.EntryStart(text, "root");
        var modelled = start < 0 ? null : text[start..text.IndexOf('\n', start)].Split(':')[1];

        Assert.Equal(await musl.RootHashAsync(Latin1(text)), modelled);
    }

    [Fact]
    public void Both_root_lines_get_the_hash_and_nothing_else_changes()
    {
        const string Shadow = "daemon:*:19000:0:99999:7:::\n root:$6$old$one:19000:0:99999:7:::\nbin:*:19000:0:99999:7:::\nroot:$6$old$two:18000:1:30:7:::\n";

        Assert.Null(ShadowFile.TryReplaceHash(Latin1(Shadow), "root", _ => Written, 20000, out var updated));

        Assert.Equal(
            "daemon:*:19000:0:99999:7:::\n root:" + Written + ":20000:0:99999:7:::\nbin:*:19000:0:99999:7:::\nroot:" + Written + ":20000:1:30:7:::\n",
            Encoding.Latin1.GetString(updated));
    }

    [Fact]
    public void A_last_root_line_without_a_newline_gets_one()
    {
        Assert.Null(ShadowFile.TryReplaceHash(Latin1("daemon:*:19000:0:99999:7:::\nroot:$6$old:19000:0:99999:7:::"), "root", _ => Written, 20000, out var updated));

        Assert.Equal("daemon:*:19000:0:99999:7:::\nroot:" + Written + ":20000:0:99999:7:::\n", Encoding.Latin1.GetString(updated));
    }

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}

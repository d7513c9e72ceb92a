using System.Text;
using GuestAgent.Commands.Security;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// Root's <c>/etc/passwd</c> field as musl's <c>getpwnam</c> reads it (busybox's <c>login</c> and <c>su</c> on
/// Alpine), not only glibc's. busybox checks a login against that field unless it is <c>x</c> or <c>*</c>
/// alone (then against <c>getspnam</c>'s entry, which <see cref="MuslShadowEntryTests"/> covers); musl takes
/// the first line of the name that starts at the line's first byte, has seven fields, a uid and gid of digits
/// only (or empty, or beyond 32 bits, which glibc passes over) and ends in a newline. Each written file is read
/// with the real musl (<see cref="MuslShadowReader"/>) and the real glibc (<see cref="RootPasswdFieldTests.GlibcRootFieldAsync"/>).
/// </summary>
public sealed class MuslPasswdFieldTests(MuslShadowReader musl) : IClassFixture<MuslShadowReader>
{
    private const string Written = "$6$agent$written";

    [Theory]
    // The same line for both: the hash, as before.
    [InlineData("root:A:0:0:root:/root:/bin/sh\n", Written, Written)]
    [InlineData("root:x:0:0:root:/root:/bin/sh\n", "x", "x")]
    // glibc reads the first line, musl passes over it (blanks before the name, a sign or blank before a
    // number, fewer than seven fields, a NUL before the shell) and reads the second.
    [InlineData(" root:A:0:0:root:/root:/bin/sh\nroot:B:0:0::/:\n", Written, Written)]
    [InlineData("root:A:+0:0:root:/root:/bin/sh\nroot:B:0:0::/:\n", Written, Written)]
    [InlineData("root:A:0: 0:root:/root:/bin/sh\nroot:B:0:0::/:\n", Written, Written)]
    [InlineData("root:A:0:-0:root:/root:/bin/sh\nroot:B:0:0::/:\n", Written, Written)]
    [InlineData("root:A:0:0\nroot:B:0:0::/:\n", Written, Written)]
    [InlineData("root:A:0:0:root:/root\nroot:B:0:0::/:\n", Written, Written)]
    [InlineData("root:A:0:0\0junk:/root:/bin/sh\nroot:B:0:0::/:\n", Written, Written)]
    [InlineData("root:x:0:0\nroot:B:0:0::/:\n", "x", Written)]
    [InlineData("root:x:0:0:root:/root\nroot:x:0:0::/:\n", "x", "x")]
    // busybox sends * alone to the shadow entry, but checks ##root itself (and no password matches it).
    [InlineData("root:x:0:0:r\0o:/root:/bin/sh\nroot:*:0:0::/:\n", "x", "*")]
    [InlineData(" root:##root:0:0::/:\nroot:##root:0:0::/:\n", "##root", Written)]
    // musl reads the first line, glibc passes over it (an empty id, one beyond 32 bits) and reads the second.
    [InlineData("root:A::0:root:/root:/bin/sh\nroot:B:0:0::/:\n", Written, Written)]
    [InlineData("root:A:0::root:/root:/bin/sh\nroot:x:0:0::/:\n", "x", Written)]
    [InlineData("root:A:4294967296:0:root:/:/bin/sh\nroot:x:0:0::/:\n", "x", Written)]
    [InlineData("root:A:18446744073709551616:0:root:/:/bin/sh\nroot:B:0:0::/:\n", Written, Written)]
    // Only glibc reads a root line: musl has none before or after.
    [InlineData("root:A:0:+0:root:/root:/bin/sh\n", Written, null)]
    // musl drops a last line's final byte as its newline: a root line written gets one; a shadowed field is
    // left as it is (busybox found no root before and finds none after, whatever the password).
    [InlineData("daemon:x:1:1::/:\nroot:A:0:0::/:", Written, Written)]
    [InlineData("daemon:x:1:1::/:\nroot:x:0:0::/:", "x", null)]
    public async Task The_passwd_field_written_is_the_one_musl_and_glibc_read(string passwd, string? glibcField, string? muslField)
    {
        var contents = Encoding.Latin1.GetBytes(passwd);

        var updated = PasswdFile.WithHash(contents, "root", Written, out _) ?? contents;

        Assert.Equal(glibcField, await RootPasswdFieldTests.GlibcRootFieldAsync(updated));
        Assert.Equal(muslField, await musl.RootPasswdFieldAsync(updated));
    }

    /// <summary><see cref="MuslPasswdReading"/> against the real <c>getpwnam</c>: field counts, ids, NULs, CRs, the last line, long lines.</summary>
    [Theory]
    [InlineData("root:A:0:0:r:/:/bin/sh\nroot:B:0:0::/:\n")]
    [InlineData("root:A:0:0:r:/:\nroot:B:0:0::/:\n")]
    [InlineData("root:A:0:0:r:/\nroot:B:0:0::/:\n")]
    [InlineData("root:A:0:0:r:/:/bin/sh:more\nroot:B:0:0::/:\n")]
    [InlineData("root:A:0a:0:r:/:/bin/sh\nroot:B:0:0::/:\n")]
    [InlineData("root:A:0:a0:r:/:/bin/sh\nroot:B:0:0::/:\n")]
    [InlineData("root:A:::r:/:/bin/sh\nroot:B:0:0::/:\n")]
    [InlineData("root:A:0:0:r:/:/bin/sh\r\nroot:B:0:0::/:\n")]
    [InlineData("root:A:0:0\r\nroot:B:0:0::/:\n")]
    [InlineData("root:A:0:0:r\0o:/:/bin/sh\nroot:B:0:0::/:\n")]
    [InlineData("root:A:0:0:r:/:\0/sh\nroot:B:0:0::/:\n")]
    [InlineData("root\0:A:0:0:r:/:/bin/sh\nroot:B:0:0::/:\n")]
    [InlineData("\0root:A:0:0:r:/:/bin/sh\nroot:B:0:0::/:\n")]
    [InlineData("daemon:x:1:1::/:\0\nroot:B:0:0::/:\n")]
    [InlineData("roots:A:0:0::/:\nroot:B:0:0::/:\n")]
    [InlineData("\nroot:B:0:0::/:\n")]
    [InlineData("root:B:0:0::/:/bin/sh")]
    [InlineData("root:B:0:0::/:")]
    [InlineData("root:B:0:0::/::")]
    [InlineData("LONG5000\nroot:A:0:0:LONG5000:/:/bin/sh\n")]
    public async Task The_line_modelled_is_the_line_musl_reads(string shape)
    {
        // LONGn: n bytes of a gecos (a line of another name where a line starts).
        var text = System.Text.RegularExpressions.Regex.Replace(shape, "LONG([0-9]+)", match => (match.Index == 0 ? "daemon:x:1:1:" : "") +
            new string('g', int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)) + (match.Index == 0 ? ":/:/bin/sh" : ""));
        var start = MuslPasswdReading.EntryStart(text, "root");
        var modelled = start < 0 ? null : text[start..].Split(':')[1];

        Assert.Equal(await musl.RootPasswdFieldAsync(Encoding.Latin1.GetBytes(text)), modelled);
    }

    [Fact]
    public void Both_root_lines_get_the_hash_and_nothing_else_changes()
    {
        const string Before = "daemon:x:1:1::/:\n root:!old:0:0:root:/root:/bin/sh\nbin:x:2:2::/:\nroot:*old:0:0:r:/:/bin/ash";
        const string After = "daemon:x:1:1::/:\n root:" + Written + ":0:0:root:/root:/bin/sh\nbin:x:2:2::/:\nroot:" + Written + ":0:0:r:/:/bin/ash";

        Assert.Equal(After, Encoding.Latin1.GetString(PasswdFile.WithHash(Encoding.Latin1.GetBytes(Before), "root", Written, out var replaced)!));
        Assert.Equal("!old", replaced);
    }

    [Fact]
    public void The_field_replaced_is_musls_where_glibcs_is_shadowed()
    {
        Assert.NotNull(PasswdFile.WithHash(Encoding.Latin1.GetBytes(" root:x:0:0::/:\nroot:!old:0:0::/:\n"), "root", Written, out var replaced));

        Assert.Equal("!old", replaced);
    }
}

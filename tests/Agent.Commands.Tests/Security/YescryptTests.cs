using System.Text;
using GuestAgent.Commands.Security;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>Our yescrypt against libxcrypt (through mkpasswd), which PAM verifies shadow entries with.</summary>
public sealed class YescryptTests
{
    [Fact]
    public void A_hash_made_by_mkpasswd_is_reproduced()
    {
        const string Known = "$y$j9T$G0qKPT4.bHuF7bJrc6Sg90$BDsdfeJQYIlVHmw7now2OQEME4d5sNYNiVmz5Yr00s4";

        Assert.Equal(Known, Yescrypt.Hash("hello"u8, Known, TestContext.Current.CancellationToken));
    }

    public static TheoryData<string, string> Cases() => new()
    {
        { "Passw0rd!", "j9T" },
        { "", "j9T" },
        { "ünïcödé pässwörd with spaces", "j9T" },
        { "a password much longer than any block: " + new string('x', 200), "j9T" },
        { "cheaper cost", "j75" },
        { "another cost", "j7T" },
        // p = 2 and p = 5 (N = 1024 splits unevenly: the last lane takes the rest), t = 1 and t = 3.
        { "two lanes", "j75.." },
        { "five lanes", "j75.1" },
        { "time one", "j75/." },
        { "time three", "j75/0" },
        // The read-write mode's smallest N for p lanes: N/p = 4 (N = 4, 1 lane; N = 16, 4 lanes).
        { "smallest N", "j/." },
        { "smallest N for four lanes", "j15.0" },
        // Flavour . is classic scrypt: p = 2 and 5, N = 4 with 33 lanes (classic lanes each fill all of V).
        { "classic", ".75" },
        { "classic two lanes", ".75.." },
        { "classic five lanes", ".75.1" },
        { "classic, more lanes than blocks", "./..T" },
        // Flavour / is scrypt's mixing with yescrypt's password steps, and takes t: 1, 3, and p = 2 with t = 2.
        { "worm", "/75" },
        { "worm time one", "/75/." },
        { "worm time three", "/75/0" },
        { "worm two lanes time two", "/750./" },
        // Large enough for the read-write mode's pre-hash (j9T has one): these flavours have none.
        { "worm at the default cost", "/9T" },
        { "classic at the default cost", ".9T" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hashes_match_libxcrypt_for_each_cost(string password, string parameters)
    {
        var setting = Yescrypt.NewSetting($"$y${parameters}$saltsaltsaltsaltsaltsa$");

        var hash = Yescrypt.Hash(Encoding.UTF8.GetBytes(password), setting, TestContext.Current.CancellationToken);

        Assert.StartsWith($"$y${parameters}$", hash, StringComparison.Ordinal);
        Assert.Equal(await CryptHashes.MkpasswdAsync(password, hash), hash);
    }

    [Fact]
    public void New_settings_keep_supported_parameters_and_draw_a_fresh_salt()
    {
        var first = Yescrypt.NewSetting("$y$j7T$abc$def");
        var second = Yescrypt.NewSetting("$y$j7T$abc$def");

        Assert.StartsWith("$y$j7T$", first, StringComparison.Ordinal);
        Assert.Equal(7 + 22, first.Length);
        Assert.NotEqual(first, second);
        Assert.StartsWith("$y$j9T$", Yescrypt.NewSetting("$6$salt$hash"), StringComparison.Ordinal);
        Assert.StartsWith("$y$j9T$", Yescrypt.NewSetting("$y$garbage!$salt$hash"), StringComparison.Ordinal);
        // Parameters libxcrypt refuses (t in classic scrypt, N/p = 2 in the read-write mode) are not kept.
        Assert.StartsWith("$y$j9T$", Yescrypt.NewSetting("$y$.75/.$abc$def"), StringComparison.Ordinal);
        Assert.StartsWith("$y$j9T$", Yescrypt.NewSetting("$y$j05.0$abc$def"), StringComparison.Ordinal);
        Assert.StartsWith("$y$/75/0$", Yescrypt.NewSetting("$y$/75/0$abc$def"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$6$abcdefgh")]
    [InlineData("$y$j9T")]
    [InlineData("$y$!!!$salt")]
    [InlineData("$y$j9T$not base64!")]
    // Each refused by libxcrypt too (mkpasswd: "Invalid argument"): another pwxform flavour, the
    // g (upgrade) parameter, a character after t, salts whose last character has bits left over or
    // that stand alone, and a 65-byte salt; N = 2; N/p = 2 in the read-write mode; t in classic scrypt;
    // a flavour number past the pwxform flavours (RW + 0xFF) that wraps around to j's.
    [InlineData("$y$i75$G0qKPT4.bHuF7bJrc6Sg90")]
    [InlineData("$y$j.5$G0qKPT4.bHuF7bJrc6Sg90")]
    [InlineData("$y$/.5$G0qKPT4.bHuF7bJrc6Sg90")]
    [InlineData("$y$j05.0$G0qKPT4.bHuF7bJrc6Sg90")]
    [InlineData("$y$.75/.$G0qKPT4.bHuF7bJrc6Sg90")]
    [InlineData("$y$zyxvrz75$G0qKPT4.bHuF7bJrc6Sg90")]
    [InlineData("$y$j751$G0qKPT4.bHuF7bJrc6Sg90")]
    [InlineData("$y$j75/..$G0qKPT4.bHuF7bJrc6Sg90")]
    [InlineData("$y$j75$zz")]
    [InlineData("$y$j75$a")]
    [InlineData("$y$j75$.......................................................................................")]
    public void Unsupported_settings_are_refused(string setting)
    {
        Assert.Throws<FormatException>(() => Yescrypt.Hash("x"u8, setting, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("$y$i75$G0qKPT4.bHuF7bJrc6Sg90")]
    [InlineData("$y$j751$G0qKPT4.bHuF7bJrc6Sg90")]
    [InlineData("$y$j75/..$G0qKPT4.bHuF7bJrc6Sg90")]
    [InlineData("$y$j75$zz")]
    [InlineData("$y$j.5$G0qKPT4.bHuF7bJrc6Sg90")]
    [InlineData("$y$/.5$G0qKPT4.bHuF7bJrc6Sg90")]
    [InlineData("$y$j05.0$G0qKPT4.bHuF7bJrc6Sg90")]
    [InlineData("$y$.75/.$G0qKPT4.bHuF7bJrc6Sg90")]
    [InlineData("$y$zyxvrz75$G0qKPT4.bHuF7bJrc6Sg90")]
    public async Task Libxcrypt_refuses_them_too(string setting)
    {
        var mkpasswd = ExternalTool.Require("mkpasswd", "whois");

        var result = await ExternalTool.RunAsync(mkpasswd, ["x", setting]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public void A_classic_scrypt_hash_made_by_mkpasswd_is_reproduced()
    {
        // mkpasswd hello '$y$.75$G0qKPT4.bHuF7bJrc6Sg90': flavour 0 is scrypt(N = 1024, r = 8, p = 1), 32 bytes.
        const string Known = "$y$.75$G0qKPT4.bHuF7bJrc6Sg90$xQv/kiIb1PNAtNl7EsYTCQSNyIDjHKcn37xGrkPSRhD";

        Assert.Equal(Known, Yescrypt.Hash("hello"u8, Known, TestContext.Current.CancellationToken));
        Assert.StartsWith("$y$.75$", Yescrypt.NewSetting(Known), StringComparison.Ordinal);
    }

    [Fact]
    public void A_setting_of_the_largest_salt_is_hashed_as_libxcrypt_does()
    {
        // 86 characters decode to 64 bytes, the most yescrypt takes; mkpasswd gives this hash.
        const string Known = "$y$j75$......................................................................................$WGCsj8njdYzaK6CbXF5YWPJMdRNbZenNyX76pJYTyq1";

        Assert.Equal(Known, Yescrypt.Hash("hello"u8, Known, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void The_cost_of_a_setting_is_its_memory_and_time_and_n_above_two_to_the_thirty_has_none()
    {
        Assert.Equal(new YescryptCost(16UL << 20, 0), Yescrypt.CostOf("$y$j9T$G0qKPT4.bHuF7bJrc6Sg90"));
        Assert.Equal(new YescryptCost(128UL * 8 * 1024, 3), Yescrypt.CostOf("$y$j75/0$"));
        // N = 2^30 is the largest N accepted, 2^31 is refused.
        Assert.Equal(new YescryptCost(128UL * 32 << 30, 0), Yescrypt.CostOf("$y$jRT$"));
        Assert.Null(Yescrypt.CostOf("$y$jST$"));
        // Classic and / lanes each fill all of V in turn: p times the memory's work; read-write lanes share V.
        Assert.Equal(new YescryptCost(2 * 128UL * 8 * 1024, 0), Yescrypt.CostOf("$y$.75..$"));
        Assert.Equal(new YescryptCost(2 * 128UL * 8 * 1024, 2), Yescrypt.CostOf("$y$/750./$"));
        Assert.Equal(new YescryptCost(128UL * 8 * 1024, 0), Yescrypt.CostOf("$y$j75..$"));
    }
}

using GuestAgent.Commands.Security;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// The cost a shadow entry asks for is reused only up to a limit: a crafted entry must not make one
/// <c>password</c> hash for hours or allocate gigabytes, and hashing stops when the agent does.
/// </summary>
public sealed class HashCostLimitTests
{
    // Only a hang fails this way: the hashes below take seconds at most when the limits hold.
    private static readonly TimeSpan SafetyNet = TimeSpan.FromMinutes(2);

    public static TheoryData<string, string> OverTheLimit() => new()
    {
        // A billion rounds: about an hour of hashing.
        { "$6$rounds=999999999$abc$def", "$6$" },
        { "!$6$rounds=2000001$abc$def", "$6$" },
        { "$5$rounds=999999999$abc$def", "$5$" },
        // N = 2^18 and r = 32 (libxcrypt's cost 11): 1 GiB; jHT is N = 2^20, 4 GiB.
        { "$y$jFT$abc$def", "$y$j9T$" },
        { "$y$jHT$abc$def", "$y$j9T$" },
    };

    [Theory]
    [MemberData(nameof(OverTheLimit))]
    public async Task An_entry_over_the_limit_gets_the_default_cost_and_one_log_line(string current, string expectedPrefix)
    {
        using var root = new CommandRoot();
        var logs = new CapturingLoggerFactory();
        root.Services.Add<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        PasswordCommandTests.WriteShadow(root, current);
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        using var safetyNet = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        safetyNet.CancelAfter(SafetyNet);

        var result = await PasswordCommand.Password("jTmi0N1qNIJmjcIeFAInYA==", root.ContextStoppedBy("password", safetyNet.Token));

        Assert.Equal(CommandResult.Ok(), result);
        var hash = await PasswordCommandTests.AssertShadowAsync(root, "Passw0rd!", current);
        Assert.StartsWith(expectedPrefix, hash, StringComparison.Ordinal);
        Assert.DoesNotContain("rounds=", hash, StringComparison.Ordinal);
        var line = Assert.Single(logs.Messages, m => m.Contains("default cost", StringComparison.Ordinal));
        Assert.Contains("2000000", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Passw0rd", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_within_the_limit_keeps_its_cost_and_logs_nothing()
    {
        using var root = new CommandRoot();
        var logs = new CapturingLoggerFactory();
        root.Services.Add<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        PasswordCommandTests.WriteShadow(root, "$6$rounds=20000$abcdefgh$xyz");
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        Assert.Equal(CommandResult.Ok(), await PasswordCommand.Password("jTmi0N1qNIJmjcIeFAInYA==", root.Context("password")));

        var hash = await PasswordCommandTests.AssertShadowAsync(root, "Passw0rd!", "$6$rounds=20000$abcdefgh$xyz");
        Assert.StartsWith("$6$rounds=20000$", hash, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Messages, m => m.Contains("default cost", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("$6$rounds=2000000$abc$def", false)]
    [InlineData("$6$rounds=2000001$abc$def", true)]
    [InlineData("$5$rounds=2000000$abc$def", false)]
    [InlineData("$5$rounds=2000001$abc$def", true)]
    [InlineData("$6$rounds=99999999999$abc$def", false)] // not a number crypt reads: the default cost anyway
    [InlineData("$6$abc$def", false)]
    [InlineData("$y$j9T$abc$def", false)]
    [InlineData("$y$jBT$abc$def", false)] // 64 MiB
    [InlineData("$y$jCT$abc$def", true)] // 128 MiB
    [InlineData("$y$j9T/1$abc$def", false)] // 16 MiB, t = 4
    [InlineData("$y$j9T/2$abc$def", true)] // 16 MiB, t = 5
    [InlineData("$1$rounds=999999999$abc$def", false)]
    public void The_limit_is_exact(string current, bool exceeds)
    {
        Assert.Equal(exceeds, ShadowPasswordHasher.ExceedsCostLimit(current));
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(7, false)]
    [InlineData(8, true)]
    [InlineData(11, true)]
    public async Task Libxcrypts_yescrypt_costs_up_to_7_are_within_the_limit(int cost, bool exceeds)
    {
        // mkpasswd -R is yescrypt's cost factor, as login.defs' YESCRYPT_COST_FACTOR: 7 fills 64 MiB.
        var mkpasswd = ExternalTool.Require("mkpasswd", "whois");
        var made = await ExternalTool.RunAsync(mkpasswd, ["-m", "yescrypt", "-R", cost.ToString(System.Globalization.CultureInfo.InvariantCulture), "x"]);
        Assert.Equal(0, made.ExitCode);

        Assert.Equal(exceeds, ShadowPasswordHasher.ExceedsCostLimit(made.StandardOutput.TrimEnd('\n')));
    }

    [Theory]
    [InlineData("6")]
    [InlineData("5")]
    public async Task Sha_crypt_stops_when_cancelled_while_hashing(string method)
    {
        var polls = CancelledOnSecondPoll(out var cancellation, out var count);
        var algorithm = method == "6" ? System.Security.Cryptography.HashAlgorithmName.SHA512 : System.Security.Cryptography.HashAlgorithmName.SHA256;
        var hashing = Task.Run(() => ShaCrypt.Hash(algorithm, "x"u8, "salt", ShaCrypt.MaxRounds, polls), TestContext.Current.CancellationToken);

        // Without polling after the work started this would run for an hour: the safety net turns that into a TimeoutException.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hashing.WaitAsync(SafetyNet, TestContext.Current.CancellationToken));
        Assert.Equal(2, count());
        cancellation.Dispose();
    }

    [Fact]
    public async Task Yescrypt_stops_when_cancelled_while_hashing()
    {
        // j9T with t = 48 passes: 16 MiB, but 47 times libxcrypt's default work.
        var polls = CancelledOnSecondPoll(out var cancellation, out var count);
        var hashing = Task.Run(() => Yescrypt.Hash("x"u8, "$y$j9T/j$G0qKPT4.bHuF7bJrc6Sg90", polls), TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hashing.WaitAsync(SafetyNet, TestContext.Current.CancellationToken));
        Assert.Equal(2, count());
        cancellation.Dispose();
    }

    /// <summary>
    /// A cancellation that becomes cancelled at its second poll: the first passed, so hashing had
    /// started, and an implementation that checked only once up front would never see it.
    /// </summary>
    private static HashCancellation CancelledOnSecondPoll(out CancellationTokenSource cancellation, out Func<int> count)
    {
        var source = new CancellationTokenSource();
        var polls = 0;
        cancellation = source;
        count = () => Volatile.Read(ref polls);
        return new HashCancellation(source.Token, () =>
        {
            if (Interlocked.Increment(ref polls) == 2)
            {
                source.Cancel();
            }
        });
    }
}

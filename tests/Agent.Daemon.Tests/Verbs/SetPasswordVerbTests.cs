using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using GuestAgent.Commands.Security;
using GuestAgent.Daemon.Cli;
using GuestAgent.Testing;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Tests.Verbs;

/// <summary>
/// <c>set-password</c> run in-process with the password piped on standard input: the first line is
/// the password, without its line break (LF or CRLF) and whatever its length; an empty one is a usage
/// error that sends nothing, and so is one that is not UTF-8 or has a control character; a password the agent refuses exits 1. The agent's side is played over the
/// in-process XenStore, decrypting what Nova's keyinit + password sequence sends.
/// </summary>
public sealed class SetPasswordVerbTests : IAsyncDisposable
{
    private const string Home = "/local/domain/5";
    private const string Accepted = """{"returncode":"0","message":""}""";

    private readonly TemporaryDirectory _directory = new("gasetpw-");
    private readonly XenStoreServer _server = new();

    public SetPasswordVerbTests()
    {
        _server.Listen(Socket);
        _server.CreateGuestDomain(5);
    }

    private static CancellationToken Test => TestContext.Current.CancellationToken;

    private string Socket => _directory.Combine("xs.sock");

    [Fact]
    public async Task The_first_line_is_the_password_without_its_CRLF_and_what_follows_is_not_part_of_it()
    {
        using var bound = Bound();
        var agent = PlayAgentAsync(Accepted, bound.Token);

        var (code, output, error) = await RunAsync("pass word \u00e9\r\nsecond line\n");

        Assert.Equal((ExitCodes.Success, ""), (code, error));
        Assert.Equal(Accepted + "\n", output);
        // Nova's password request carries the password and a line break.
        Assert.Equal("pass word \u00e9\n", await agent);
    }

    [Fact]
    public async Task A_password_longer_than_the_first_buffer_is_read_whole()
    {
        using var bound = Bound();
        var agent = PlayAgentAsync(Accepted, bound.Token);
        var password = string.Concat(Enumerable.Range(0, 300).Select(i => (char)('a' + (i % 26))));

        var (code, _, error) = await RunAsync(password + "\n");

        Assert.Equal((ExitCodes.Success, ""), (code, error));
        Assert.Equal(password + "\n", await agent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("\r\nnot the first line\n")]
    public async Task An_empty_first_line_is_a_usage_error_and_nothing_is_sent(string input)
    {
        // --timeout bounds a request that should never be made.
        var (code, output, error) = await RunAsync(input, "--timeout", "1");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.Equal("guest-agent: set-password: no password on stdin\n", error);
        Assert.Empty(_server.TryList(Home + "/data/host") ?? []);
    }

    [Theory]
    // What a Latin-1 byte (ä) becomes on a UTF-8 reader.
    [InlineData("p\uFFFDss\n", "the password is not valid UTF-8 text (standard input or the terminal sent a byte of another character set), and Nova's protocol carries only UTF-8")]
    [InlineData("pass\tword\n", "the password has a control character (a tab, say), which the agent refuses")]
    [InlineData("pass\u0085\n", "the password has a control character (a tab, say), which the agent refuses")]
    // A file saved with a byte order mark: the reader keeps it.
    [InlineData("\uFEFFs3cret\n", "the password has a byte order mark (U+FEFF, which some editors put at the start of a file), which no one can type at a login")]
    public async Task A_password_the_agent_could_not_set_as_typed_is_a_usage_error_and_nothing_is_sent(string input, string reason)
    {
        var (code, output, error) = await RunAsync(input, "--timeout", "1");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.Equal($"guest-agent: set-password: {reason}; nothing was sent\n", error);
        Assert.Empty(_server.TryList(Home + "/data/host") ?? []);
    }

    [Fact]
    public async Task A_password_the_agent_refuses_is_printed_and_exits_1_naming_its_answer()
    {
        using var bound = Bound();
        var refusal = """{"returncode":"500","message":"chpasswd failed"}""";
        var agent = PlayAgentAsync(refusal, bound.Token);

        var (code, output, error) = await RunAsync("s3cret\n");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal(refusal + "\n", output);
        Assert.Equal("guest-agent: password failed: the agent answered '500' (chpasswd failed)\n", error);
        Assert.Equal("s3cret\n", await agent);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>A safety net: a request never written fails the test instead of hanging it.</summary>
    private static CancellationTokenSource Bound()
    {
        var bound = CancellationTokenSource.CreateLinkedTokenSource(Test);
        bound.CancelAfter(TimeSpan.FromMinutes(1));
        return bound;
    }

    private async Task<(int Code, string Out, string Error)> RunAsync(string input, params string[] options)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        using var stdin = new StringReader(input);
        var code = await Program.RunAsync(["set-password", "--xenstore", Socket, "--domid", "5", .. options], new StandardStreams(stdin, output, error), Test)
            .WaitAsync(TimeSpan.FromMinutes(1), Test);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Answers keyinit with the agent's public key and the password with <paramref name="passwordAnswer"/>; returns the password decrypted.</summary>
    private Task<string> PlayAgentAsync(string passwordAnswer, CancellationToken cancellationToken) => Task.Run(
        async () =>
        {
            var agentPrivate = NovaDiffieHellman.CreatePrivateKey();
            var agentPublic = NovaDiffieHellman.ComputePublicKey(agentPrivate);
            var hostKey = await AnswerNextAsync($$"""{"returncode":"D0","message":"{{agentPublic}}"}""", cancellationToken);
            var password = await AnswerNextAsync(passwordAnswer, cancellationToken);
            var secret = NovaDiffieHellman.ComputeSharedSecret(agentPrivate, BigInteger.Parse(hostKey.GetString()!, CultureInfo.InvariantCulture));
            var plaintext = NovaPasswordCipher.TryDecrypt(secret, Convert.FromBase64String(password.GetString()!), out _);
            return plaintext is null ? "(not decrypted)" : Encoding.UTF8.GetString(plaintext);
        },
        cancellationToken);

    /// <summary>Waits for the next request, takes it away and answers it as the agent does; returns its value.</summary>
    private async Task<JsonElement> AnswerNextAsync(string answer, CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? ids;
        while ((ids = _server.TryList(Home + "/data/host")) is not { Count: > 0 })
        {
            await Task.Delay(5, cancellationToken);
        }

        using var request = JsonDocument.Parse(_server.TryRead($"{Home}/data/host/{ids[0]}")!);
        var value = request.RootElement.GetProperty("value").Clone();
        _server.Remove($"{Home}/data/host/{ids[0]}");
        _server.Write($"{Home}/data/guest/{ids[0]}", Encoding.UTF8.GetBytes(answer));
        return value;
    }
}

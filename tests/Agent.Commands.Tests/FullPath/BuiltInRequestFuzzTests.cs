using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GuestAgent.Commands.Info;
using GuestAgent.Generated;

namespace GuestAgent.Commands.Tests.FullPath;

/// <summary>
/// "Bad input gets a clear error and loses nothing", for every built-in command: a few hundred
/// structured mutants of a valid request each (<see cref="RequestMutants"/>, a fixed seed), sent
/// through <see cref="GuestAgent.Protocol.NovaJsonParser"/> over the generated registry as the daemon
/// serves it, each to a fresh guest tree (<see cref="FuzzedAgent"/>). Every answer must be the
/// protocol's escape-free form; it accepts exactly the requests <see cref="RequestOracle"/> calls
/// valid; a refusal is one docs/commands.md names (never an internal error, an exception's type or
/// a stack trace) and leaves every file, its bytes and mode, as it was; no secret reaches an answer,
/// a log line or <c>actions.log</c>.
/// </summary>
public sealed partial class BuiltInRequestFuzzTests
{
    private const int Seed = 20261201;

    /// <summary>Each case: the command, a valid value, how many random edits per string in it, which strings are base64.</summary>
    private static readonly Dictionary<string, (string Command, string Value, int Edits, string[] Base64)> Cases = new()
    {
        ["version"] = ("version", "\"agent\"", 20, []),
        ["features"] = ("features", "\"\"", 20, []),
        ["resetnetwork"] = ("resetnetwork", "\"\"", 0, []),
        ["keyinit"] = ("keyinit", $"\"{FuzzedAgent.NovaPublicKey}\"", 200, []),
        ["keyinit as a number"] = ("keyinit", FuzzedAgent.NovaPublicKey, 0, []),
        ["password"] = ("password", $"\"{FuzzedAgent.PasswordCiphertext}\"", 120, ["$"]),
        ["injectfile"] = ("injectfile", $"\"{InjectFileValue}\"", 120, ["$"]),
        ["file_inject"] = ("file_inject", $"{{\"b64_path\":\"{Base64("/etc/injected")}\",\"b64_file\":\"{Base64(FuzzedAgent.FileContents)}\"}}", 60, ["$.b64_path", "$.b64_file"]),
        ["agentupdate"] = ("agentupdate", $"\"https://updates.example:8443/guest-agent.tar.gz,{Md5}\"", 200, []),
        ["agentupdate as an object"] = ("agentupdate", $"{{\"url\":\"https://updates.example/a.tgz\",\"sha256\":\"{Md5}{Md5}\"}}", 40, []),
        ["kmsactivate"] = ("kmsactivate", $"{{\"activation_key\":\"{FuzzedAgent.ActivationKey}\",\"profile\":\"web01\",\"domains\":[\"rhn.example.com:443\"]}}", 40, []),
    };

    private const string Md5 = "0123456789abcdef0123456789ABCDEF";

    private static string InjectFileValue => Base64($"/root/.ssh/authorized_keys,{FuzzedAgent.FileContents}\n");

    /// <summary>What must never appear in an answer or a log line.</summary>
    private static readonly string[] Secrets =
        [FuzzedAgent.Password, "FUZZSECRETCONTENT", FuzzedAgent.ActivationKey, FuzzedAgent.PasswordCiphertext, InjectFileValue, Base64(FuzzedAgent.FileContents)];

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Every_mutant_gets_a_documented_answer_and_a_refusal_changes_nothing(string name)
    {
        var (command, value, edits, base64) = Cases[name];
        var mutants = RequestMutants.Of(command, value, Seed, edits, base64);
        var failures = new List<string>();
        var accepted = 0;
        FuzzedAgent? agent = null;
        try
        {
            foreach (var mutant in mutants)
            {
                // A guest is made again only after a request changed it: making one costs more than the request.
                agent ??= new FuzzedAgent();
                var (wasAccepted, changed, found) = await CheckAsync(agent, command, mutant);
                accepted += wasAccepted ? 1 : 0;
                failures.AddRange(found.Select(failure => $"{mutant.What}: {failure}"));
                if (changed)
                {
                    agent.Dispose();
                    agent = null;
                }
            }
        }
        finally
        {
            agent?.Dispose();
        }

        // The fuzzing is worth something only if both answers occur (version's value is always ignored).
        Assert.True(accepted > 0, $"{name}: no mutant was accepted");
        Assert.True(command is "version" or "features" or "resetnetwork" || accepted < mutants.Count / 2, $"{name}: {accepted} of {mutants.Count} accepted");
        Assert.True(failures.Count == 0, $"{failures.Count} findings in {mutants.Count} mutants:\n{string.Join('\n', failures.Take(40))}");
    }

    [Fact]
    public void The_mutants_are_the_same_on_every_run()
    {
        var (command, value, edits, base64) = Cases["file_inject"];

        Assert.Equal(RequestMutants.Of(command, value, Seed, edits, base64), RequestMutants.Of(command, value, Seed, edits, base64));
        Assert.InRange(RequestMutants.Of(command, value, Seed, edits, base64).Count, 300, 1000);
    }

    private static async Task<(bool Accepted, bool Changed, List<string> Failures)> CheckAsync(FuzzedAgent agent, string command, RequestMutant mutant)
    {
        if (command == "password")
        {
            agent.ExchangeKeys();
        }

        agent.ClearLog();
        var root = agent.Tree();
        var hostRoot = agent.HostRoot;
        var requestValue = RequestOracle.Value(mutant.Request, command);
        var valid = requestValue is { } element && RequestOracle.IsValid(command, element, hostRoot);

        var wire = await agent.SendAsync(mutant.Request);

        var failures = new List<string>();
        var text = Encoding.ASCII.GetString(wire);
        var form = WireForm().Match(text);
        if (wire.Any(b => b is < 0x20 or > 0x7E) || wire.Length > 1024 || !form.Success)
        {
            failures.Add($"not the protocol's escape-free form: {Encoding.UTF8.GetString(wire[..Math.Min(wire.Length, 200)])}");
            return (false, agent.Tree() != root, failures);
        }

        var (code, message) = (form.Groups["code"].Value, form.Groups["message"].Value);
        var accepted = IsAcceptance(command, code, message);
        if (accepted != valid)
        {
            failures.Add(valid ? $"a valid request refused: {code} {message}" : $"an invalid request accepted: {code} {message}");
        }

        if (!accepted && !RequestOracle.IsDocumentedRefusal(command, message))
        {
            failures.Add($"an undocumented refusal: {code} {message}");
        }

        if (Leaks().IsMatch(message))
        {
            failures.Add($"the answer names an internal failure: {message}");
        }

        var after = agent.Tree();
        if (!accepted && after != root)
        {
            failures.Add("refused, but the tree changed");
        }

        var keyInFiles = Convert.ToHexString(Encoding.UTF8.GetBytes(FuzzedAgent.ActivationKey));
        foreach (var secret in Secrets.Where(secret => message.Contains(secret, StringComparison.Ordinal) ||
            agent.LogLines.Any(line => line.Contains(secret, StringComparison.Ordinal))))
        {
            failures.Add($"a secret in the answer or the log: {secret[..Math.Min(secret.Length, 12)]}…");
        }

        if (after.Contains(keyInFiles, StringComparison.Ordinal))
        {
            failures.Add("the activation key in a file");
        }

        return (accepted, after != root, failures);
    }

    /// <summary>The answer each command gives a request it acts on (a valid update gets as far as the download the test's client refuses).</summary>
    private static bool IsAcceptance(string command, string code, string message) => command switch
    {
        "version" => code == "0" && message == AgentVersionInfo.Build.Version,
        "features" => code == "0" && message == string.Join(',', AgentCommands.CreateRegistry(new GuestAgent.Hosting.ServiceMap()).Commands.Select(c => c.Name)),
        "keyinit" => code == ReturnCodes.KeyInitSuccess && message.Length > 0 && message.All(char.IsAsciiDigit),
        "agentupdate" => code == "500" && message == FuzzedAgent.DownloadRefused,
        _ => code == "0" && message.Length == 0,
    };

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [GeneratedRegex("\\A\\{\"returncode\":\"(?<code>[^\"\\\\]+)\",\"message\":\"(?<message>[^\"\\\\]*)\"\\}\\z")]
    private static partial Regex WireForm();

    /// <summary>What an answer to the host must never name: an internal error, an exception, a stack frame, a .NET type.</summary>
    [GeneratedRegex("internal error|Exception|\\bat [A-Z]\\w*\\.|System\\.|GuestAgent\\.|Microsoft\\.", RegexOptions.IgnoreCase)]
    private static partial Regex Leaks();
}

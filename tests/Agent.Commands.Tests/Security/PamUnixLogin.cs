using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// A login checked by the real <c>pam_unix</c>, the module every Linux login and <c>su</c> ends in:
/// <c>pamtester</c> runs a service of <c>pam_unix</c> alone (so the machine's own PAM stack plays no part)
/// in a mount namespace of its own (<c>unshare -rm</c>), where the test's files are bound over
/// <c>/etc/passwd</c>, <c>/etc/shadow</c> and <c>/etc/pam.d</c>. What <c>pam_unix</c> reads decides, not
/// what the agent believes it reads: root's <c>/etc/passwd</c> field unless it is <c>x</c> (or
/// <c>##root</c>), else <c>/etc/shadow</c>'s.
/// </summary>
internal static class PamUnixLogin
{
    private const string Service = "guest-agent-test";

    /// <summary>
    /// Whether <paramref name="password"/> and <paramref name="oldPassword"/> authenticate root, and
    /// whether root's account is usable (<c>acct_mgmt</c>: not expired, no change forced), with
    /// <paramref name="passwd"/> and <paramref name="shadow"/> (host paths) as the system's files.
    /// Skips locally, fails in CI, where pamtester or the namespace is missing.
    /// </summary>
    public static async Task<PamOutcome> CheckAsync(string passwd, string shadow, string password, string oldPassword)
    {
        var pamtester = ExternalTool.Require("pamtester", "pamtester");
        var unshare = ExternalTool.Require("unshare", "util-linux");
        var probe = await ExternalTool.RunAsync(unshare, ["-rm", "true"]);
        if (probe.ExitCode != 0)
        {
            Requirement.Unmet($"unshare -rm is not permitted here ({probe.StandardError.Trim()})");
        }

        using var directory = new TemporaryDirectory();
        var services = Path.Combine(directory.Path, "pam.d");
        Directory.CreateDirectory(services);
        // nodelay: pam_unix's two-second delay after a failure is no part of the answer.
        File.WriteAllText(Path.Combine(services, Service), "auth required pam_unix.so nodelay\naccount required pam_unix.so\n");
        File.SetUnixFileMode(Path.Combine(services, Service), (UnixFileMode)Convert.ToInt32("644", 8));

        // pamtester asks for the password through PAM's conversation, which it answers from stdin.
        const string Script = """
            mount --bind "$1" /etc/passwd && mount --bind "$2" /etc/shadow && mount --bind "$3" /etc/pam.d || exit 90
            printf '%s\n' "$5" | "$4" -v guest-agent-test root authenticate; echo "new=$?"
            printf '%s\n' "$6" | "$4" -v guest-agent-test root authenticate; echo "old=$?"
            "$4" -v guest-agent-test root acct_mgmt </dev/null; echo "account=$?"
            """;
        var result = await ExternalTool.RunAsync(unshare, ["-rm", "/bin/sh", "-c", Script, "sh", passwd, shadow, services, pamtester, password, oldPassword]);
        var transcript = $"exit {result.ExitCode}\n{result.StandardOutput}\n{result.StandardError}";
        Assert.True(result.ExitCode == 0, transcript);
        var lines = result.StandardOutput.Split('\n');
        return new PamOutcome(
            lines.Contains("new=0", StringComparer.Ordinal),
            lines.Contains("old=0", StringComparer.Ordinal),
            lines.Contains("account=0", StringComparer.Ordinal),
            transcript);
    }
}

/// <summary>What <c>pam_unix</c> answered.</summary>
/// <param name="NewPasswordWorks">The new password authenticates root.</param>
/// <param name="OldPasswordWorks">The old one still does.</param>
/// <param name="AccountUsable"><c>acct_mgmt</c> succeeds: no expiry, no forced change.</param>
/// <param name="Transcript">pamtester's output, for a failing assertion's message.</param>
internal sealed record PamOutcome(bool NewPasswordWorks, bool OldPasswordWorks, bool AccountUsable, string Transcript);

using GuestAgent.Commands.Security;
using GuestAgent.Commands.Tests.Support;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// The marks <see cref="PasswordAttempt"/> keeps: a request id and a value are told apart however
/// they split, and a boot id that would break the one-mark-a-line file counts as unknown.
/// </summary>
public sealed class PasswordAttemptMarkTests
{
    [Fact]
    public void A_mark_is_not_found_for_the_same_characters_split_differently()
    {
        using var root = new CommandRoot();
        var options = new PasswordOptions { BootId = "boot-a" };

        PasswordAttempt.Record(root.System, options, "req-ab", "c");

        Assert.True(PasswordAttempt.WasStartedBy(root.System, options, "req-ab", "c"));
        Assert.False(PasswordAttempt.WasStartedBy(root.System, options, "req-a", "bc"));
    }

    [Fact]
    public void A_boot_id_with_a_line_break_counts_as_unknown_so_the_mark_still_matches()
    {
        using var root = new CommandRoot();
        var options = new PasswordOptions { BootId = "boot\nb" };

        PasswordAttempt.Record(root.System, options, "req-1", "v");

        Assert.True(PasswordAttempt.WasStartedBy(root.System, options, "req-1", "v"));
        Assert.StartsWith("- ", File.ReadAllText(root.HostPath("/var/lib/guest-agent/password-attempt")), StringComparison.Ordinal);
    }
}

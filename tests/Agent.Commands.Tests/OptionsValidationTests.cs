using GuestAgent.Commands.Files;
using GuestAgent.Commands.Kms;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Security;
using GuestAgent.Commands.Update;

namespace GuestAgent.Commands.Tests;

/// <summary>
/// Options a command would trip over only half-way through (a directory that allows nothing, a
/// delay no timer takes) are refused when they are made, naming the option.
/// </summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("", "must be an absolute path")]
    [InlineData("root/.ssh", "must be an absolute path")]
    [InlineData("/srv/\0data", "must be an absolute path")]
    [InlineData("/root/../etc", "must not contain '.' or '..'")]
    [InlineData("/srv/./data", "must not contain '.' or '..'")]
    public void An_allowed_injection_directory_the_daemon_would_refuse_is_refused(string directory, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => new InjectFileOptions { AllowedDirectories = ["/srv/data", directory] });

        Assert.Equal(nameof(InjectFileOptions.AllowedDirectories), error.ParamName);
        Assert.StartsWith($"Every directory allowed for injection {problem}, not '{directory}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("var/lib/guest-agent", "must be an absolute path")]
    [InlineData("/var/lib/../guest-agent", "must not contain '.' or '..'")]
    [InlineData("/var/./lib/guest-agent", "must not contain '.' or '..'")]
    public void A_state_directory_the_daemon_would_refuse_is_refused_by_every_command_option(string directory, string problem)
    {
        Assert.StartsWith($"The password state directory {problem}",
            Assert.Throws<ArgumentException>(() => new PasswordOptions { StateDirectory = directory }).Message, StringComparison.Ordinal);
        Assert.StartsWith($"The kmsactivate state directory {problem}",
            Assert.Throws<ArgumentException>(() => new KmsActivateOptions { StateDirectory = directory }).Message, StringComparison.Ordinal);
        Assert.StartsWith($"The state directory {problem}",
            Assert.Throws<ArgumentException>(() => new NetworkOptions { StateDirectory = directory }).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void State_directories_are_kept_without_trailing_slashes()
    {
        Assert.Equal("/srv/agent", new PasswordOptions { StateDirectory = "/srv/agent/" }.StateDirectory);
        Assert.Equal("/srv/agent", new KmsActivateOptions { StateDirectory = "/srv/agent//" }.StateDirectory);
        Assert.Equal("/srv/agent", new NetworkOptions { StateDirectory = "/srv/agent/" }.StateDirectory);
    }

    [Fact]
    public void Allowed_injection_directories_are_kept_without_trailing_slashes_and_copied()
    {
        var given = new List<string> { "/srv/data/", "//", "/root/.ssh" };
        var options = new InjectFileOptions { AllowedDirectories = given };
        given[2] = "/etc";

        Assert.Equal(["/srv/data", "/", "/root/.ssh"], options.AllowedDirectories);
        Assert.Empty(new InjectFileOptions { AllowedDirectories = [] }.AllowedDirectories);
        Assert.Throws<ArgumentNullException>(() => new InjectFileOptions { AllowedDirectories = null! });
    }

    public static TheoryData<TimeSpan> NegativeOrTooLong() =>
        [TimeSpan.FromTicks(-1), TimeSpan.FromSeconds(-1), TimeSpan.FromMilliseconds(-2), TimeSpan.FromMilliseconds(uint.MaxValue), TimeSpan.MaxValue, TimeSpan.MinValue];

    [Theory]
    [MemberData(nameof(NegativeOrTooLong))]
    public void A_password_lock_timeout_no_timer_can_take_is_refused(TimeSpan timeout)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PasswordOptions { LockTimeout = timeout });
        Assert.Equal(nameof(PasswordOptions.LockTimeout), error.ParamName);
    }

    [Fact]
    public void A_password_lock_timeout_of_zero_the_longest_a_timer_takes_or_infinite_is_accepted()
    {
        Assert.Equal(TimeSpan.Zero, new PasswordOptions { LockTimeout = TimeSpan.Zero }.LockTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(uint.MaxValue - 1.0), new PasswordOptions { LockTimeout = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0) }.LockTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, new PasswordOptions { LockTimeout = Timeout.InfiniteTimeSpan }.LockTimeout);
    }

    [Theory]
    [MemberData(nameof(NegativeOrTooLong))]
    public void A_download_timeout_no_timer_can_take_is_refused(TimeSpan timeout)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AgentUpdateOptions { DownloadTimeout = timeout });
        Assert.Equal(nameof(AgentUpdateOptions.DownloadTimeout), error.ParamName);
    }

    [Fact]
    public void A_download_timeout_must_be_positive_and_finite()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgentUpdateOptions { DownloadTimeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgentUpdateOptions { DownloadTimeout = Timeout.InfiniteTimeSpan });
        Assert.Equal(TimeSpan.FromMilliseconds(uint.MaxValue - 1.0), new AgentUpdateOptions { DownloadTimeout = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0) }.DownloadTimeout);
    }

    [Theory]
    [MemberData(nameof(NegativeOrTooLong))]
    public void A_network_deadline_no_timer_can_take_is_refused(TimeSpan deadline)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new NetworkOptions { Deadline = deadline });
        Assert.Equal(nameof(NetworkOptions.Deadline), error.ParamName);
    }

    [Fact]
    public void An_infinite_network_deadline_is_refused()
    {
        // resetnetwork must answer before Nova gives up: a deadline that never comes could let it hang.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new NetworkOptions { Deadline = Timeout.InfiniteTimeSpan });

        Assert.Equal(nameof(NetworkOptions.Deadline), error.ParamName);
    }

    [Fact]
    public void The_longest_network_deadline_a_timer_takes_is_accepted() =>
        Assert.Equal(TimeSpan.FromMilliseconds(uint.MaxValue - 1.0), new NetworkOptions { Deadline = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0) }.Deadline);
}

using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Configuration;

/// <summary>
/// A configuration file the agent cannot or should not read whole is refused with the system's words:
/// a symbolic-link loop was reported with .NET's "stat failed for …" wording, and a file of hundreds of
/// megabytes was read into memory whole (13 s and 1.75 GB for 200 MB), enough to have a small guest's
/// agent killed for memory at every start instead of told what is wrong.
/// </summary>
public sealed class ConfigurationFileLimitsTests
{
    [Fact]
    public void A_symbolic_link_loop_is_named_in_the_system_s_words()
    {
        using var directory = new TemporaryDirectory();
        var first = directory.Combine("a.json");
        var second = directory.Combine("b.json");
        File.CreateSymbolicLink(first, second);
        File.CreateSymbolicLink(second, first);

        var exception = Assert.Throws<UsageException>(() => ConfigurationReader.Read(first, explicitlyGiven: true));

        Assert.Equal($"configuration file '{first}' cannot be read: Too many levels of symbolic links", exception.Message);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_naming_the_limit()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("agent.json");
        File.WriteAllText(path, "{}" + new string(' ', ConfigurationReader.MaxFileBytes - 1));

        var exception = Assert.Throws<UsageException>(() => ConfigurationReader.Read(path, explicitlyGiven: true));

        Assert.Equal($"configuration file '{path}' cannot be read: it holds more than {ConfigurationReader.MaxFileBytes} bytes, the most a configuration may", exception.Message);
    }

    [Fact]
    public void A_file_of_exactly_the_size_limit_is_read()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("agent.json");
        File.WriteAllText(path, "{}" + new string(' ', ConfigurationReader.MaxFileBytes - 2));

        Assert.NotNull(ConfigurationReader.Read(path, explicitlyGiven: true));
    }
}

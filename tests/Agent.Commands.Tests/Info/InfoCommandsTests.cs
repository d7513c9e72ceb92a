using GuestAgent.Commands.Info;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Info;

public sealed class InfoCommandsTests
{
    [Fact]
    public void Version_reports_the_build_version_as_a_dotted_string()
    {
        using var root = new CommandRoot();

        var version = InfoCommands.Version(root.Context("version"));

        Assert.Matches(@"^[0-9]+(\.[0-9]+)+$", version);
        Assert.StartsWith(version, typeof(InfoCommands).Assembly.GetName().Version!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.2.0+3f1c2ab", "1.2.0")]
    [InlineData("1.2.0-rc.1+build.7", "1.2.0")]
    [InlineData("0.1.0-dev.2", "0.1.0")]
    [InlineData("1.2.0", "1.2.0")]
    public void The_build_version_is_reported_as_its_release_numbers(string built, string reported)
    {
        Assert.Equal(reported, AgentVersionInfo.ReleaseNumbers(built));
    }

    /// <summary>
    /// Nova's <c>is_upgrade_required</c>: <c>LooseVersion(available) &gt; LooseVersion(current)</c>, run by
    /// Python itself. A pre-release such as <c>1.2.0-rc.1</c> reported as it is makes Python 3 raise
    /// <c>TypeError</c> against a four-part build (<c>'-'</c> against <c>1</c>), failing the instance's
    /// first-boot configuration; its release numbers compare with every build.
    /// </summary>
    [Theory]
    [InlineData("1.2.0-rc.1+build.7", "1.2.0.1:True 1.2.0:False 1.10:True 1.1.9.9:False 2:True")]
    [InlineData("0.1.0-dev.2", "1.2.0.1:True 1.2.0:True 1.10:True 1.1.9.9:True 2:True")]
    [InlineData("1.10.3+abc", "1.2.0.1:False 1.2.0:False 1.10:False 1.1.9.9:False 2:True")]
    public async Task Novas_LooseVersion_compares_every_agent_build_with_the_reported_build_version(string built, string upgrades)
    {
        var python = ExternalTool.Require("python3", "python3");

        var nova = await ExternalTool.RunAsync(python, ["-c", NovaUpgradeCheck, AgentVersionInfo.ReleaseNumbers(built), "1.2.0.1", "1.2.0", "1.10", "1.1.9.9", "2"]);

        Assert.True(nova.ExitCode == 0, nova.StandardError);
        Assert.Equal(upgrades, nova.StandardOutput.TrimEnd('\n'));
    }

    [Theory]
    [InlineData("2.1.25-beta")]
    [InlineData("2.1.25+abc")]
    [InlineData("v2.1")]
    [InlineData("2..1")]
    [InlineData("2.1.")]
    [InlineData("")]
    [InlineData("2.\u0661")]
    public void A_version_Nova_cannot_compare_is_refused(string version)
    {
        var refused = Assert.Throws<ArgumentException>(() => new AgentVersionInfo(version));
        Assert.Equal($"The agent's version must be numbers separated by dots, which Nova's LooseVersion can compare with its agent builds; '{version}' is not (Parameter 'Version')", refused.Message);
        Assert.Throws<ArgumentException>(() => new AgentVersionInfo("1.0") with { Version = version });
    }

    /// <summary>Nova's <c>is_upgrade_required(current, available)</c> for each build named after the current version.</summary>
    private const string NovaUpgradeCheck = """
        import sys, warnings
        warnings.simplefilter("ignore")
        try:
            from distutils.version import LooseVersion
        except ImportError:
            from setuptools._distutils.version import LooseVersion
        current = sys.argv[1]
        print(" ".join("%s:%s" % (b, LooseVersion(b) > LooseVersion(current)) for b in sys.argv[2:]))
        """;

    [Fact]
    public void Version_reports_an_applications_own_version_when_registered()
    {
        using var root = new CommandRoot();
        root.Services.Add(new AgentVersionInfo("2.1.25"));

        Assert.Equal("2.1.25", InfoCommands.Version(root.Context("version")));
    }

    [Fact]
    public void Features_lists_the_served_registry()
    {
        using var root = new CommandRoot();
        root.Services.Add<ICommandRegistry>(new NamesOnlyRegistry("agentupdate", "features", "file_inject", "injectfile", "version"));

        Assert.Equal("agentupdate,features,file_inject,injectfile,version", InfoCommands.Features(root.Context("features")));
    }

    [Fact]
    public void Features_without_a_registry_names_what_is_missing()
    {
        using var root = new CommandRoot();

        var refused = Assert.Throws<CommandException>(() => InfoCommands.Features(root.Context("features")));

        Assert.Equal("Command 'features' needs the command registry in the agent's services (ICommandRegistry)", refused.Message);
        Assert.Equal(ReturnCodes.Error, refused.ReturnCode);
    }

    /// <summary>A registry that only lists names: what <c>features</c> reads.</summary>
    private sealed class NamesOnlyRegistry(params string[] names) : ICommandRegistry
    {
        public IReadOnlyList<CommandDescriptor> Commands { get; } =
            names.Select(n => new CommandDescriptor(n, "", "", [], "{}", "{}")).ToList();

        public bool TryDispatch(ReadOnlySpan<byte> utf8Name, ReadOnlyMemory<byte> value, in CommandInvocation invocation, out ValueTask<CommandResult> result)
        {
            result = default;
            return false;
        }
    }
}

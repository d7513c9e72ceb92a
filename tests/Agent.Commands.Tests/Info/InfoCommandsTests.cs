using GuestAgent.Commands.Info;
using GuestAgent.Commands.Tests.Support;

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
    [InlineData("1.2.0-rc.1+build.7", "1.2.0-rc.1")]
    [InlineData("1.2.0", "1.2.0")]
    public void The_build_version_is_reported_without_its_build_metadata(string built, string reported)
    {
        Assert.Equal(reported, AgentVersionInfo.WithoutBuildMetadata(built));
    }

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

using GuestAgent.Commands.Update;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// <c>agentupdate</c> refusing a binary that cannot be a program, from its bytes alone: the check
/// that runs it (<c>--version</c>) does not run in root mode, and an agent may be configured without
/// it, so an empty file or a text file would otherwise replace the installed agent.
/// </summary>
public sealed partial class AgentUpdateCommandTests
{
    private const string EmptyBinary = "The update's binary is empty";
    private const string NotAProgram = "The update's binary is not a program (neither an ELF file nor a script starting with '#!')";

    [Theory]
    [InlineData("", EmptyBinary)]
    [InlineData("new agent binary", NotAProgram)]
    [InlineData(" #!/bin/sh\n", NotAProgram)]
    [InlineData("\u007fEL", NotAProgram)]
    [InlineData("#", NotAProgram)]
    public async Task A_binary_that_cannot_be_a_program_is_refused_in_root_mode_and_nothing_changes(string binary, string message)
    {
        var archive = new UpdateArchive().File("guest-agent", System.Text.Encoding.ASCII.GetBytes(binary)).ToBytes();
        _server.Serve("/a.tgz", archive);

        await AssertRefusedAsync($"\"{_server.Url("/a.tgz")},{UpdateArchive.Md5(archive)}\"", message);

        var error = await Assert.ThrowsAsync<CommandException>(() => Update($"\"{_server.Url("/a.tgz")},{UpdateArchive.Md5(archive)}\""));
        Assert.Equal(message, error.Message);
        Assert.Equal("", _root.ActionsLog());
    }

    [Theory]
    [InlineData("", EmptyBinary)]
    [InlineData("echo new agent\n", NotAProgram)]
    public async Task A_binary_that_cannot_be_a_program_is_refused_before_anything_runs(string binary, string message)
    {
        // On a real system the refusal comes before the check runs it: the answer says what is wrong
        // with the file, not how exec failed on it.
        var error = await Assert.ThrowsAsync<CommandException>(() => UpdateWithRealProcessesAsync(binary));

        Assert.Equal(message, error.Message);
        Assert.Equal(OldAgent, File.ReadAllBytes(_realRoot.HostPath(Binary)));
        Assert.Equal(["/usr/sbin/guest-agent"], _realRoot.System.FileSystem.ListDirectory("/usr/sbin"));
        Assert.False(File.Exists(_realRoot.HostPath("/restarted")));
    }

    [Theory]
    [InlineData("#!")]
    [InlineData("\u007fELF")]
    public async Task The_shortest_binaries_that_may_be_programs_are_installed_in_root_mode(string binary)
    {
        var archive = new UpdateArchive().File("guest-agent", System.Text.Encoding.ASCII.GetBytes(binary)).ToBytes();
        _server.Serve("/a.tgz", archive);

        Assert.Equal(CommandResult.Ok(), await Update($"\"{_server.Url("/a.tgz")},{UpdateArchive.Md5(archive)}\""));

        Assert.Equal(binary, File.ReadAllText(_root.HostPath(Binary)));
    }
}

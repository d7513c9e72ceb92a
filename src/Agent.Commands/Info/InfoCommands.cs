namespace GuestAgent.Commands.Info;

/// <summary>The commands that describe the agent: <c>version</c> and <c>features</c>.</summary>
public static class InfoCommands
{
    /// <summary>The agent's version, a dotted string. The value (Nova sends <c>"agent"</c>) is ignored.</summary>
    [Command("version")]
    public static string Version(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (context.Services.Get<AgentVersionInfo>() ?? AgentVersionInfo.Build).Version;
    }

    /// <summary>
    /// The names of every command the agent serves, comma-separated. They come from the registry
    /// the host serves (the application's aggregate registry, possibly filtered), so a disabled
    /// command is not advertised. Nova's plugin looks for <c>injectfile</c> and <c>file_inject</c>.
    /// </summary>
    [Command("features")]
    public static string Features(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var registry = context.Services.Get<ICommandRegistry>() ??
            throw new CommandException("Command 'features' needs the command registry in the agent's services (ICommandRegistry)");
        return string.Join(',', registry.Commands.Select(command => command.Name));
    }
}

using GuestAgent.Commands;

namespace MinimalAgent;

/// <summary>A command of the application itself, served beside the libraries' commands.</summary>
public static class HostCommands
{
    /// <summary>Lists the commands this agent serves, with the summary of each.</summary>
    [Command("sample.help")]
    public static string Help(CommandContext context)
    {
        var registry = (ICommandRegistry?)context.Services.GetService(typeof(ICommandRegistry));
        return registry is null
            ? ""
            : string.Join("; ", registry.Commands.Select(c => string.IsNullOrEmpty(c.Summary) ? c.Name : $"{c.Name}: {c.Summary}"));
    }
}

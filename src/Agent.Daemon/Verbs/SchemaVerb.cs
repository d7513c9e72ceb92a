using GuestAgent.Commands;
using GuestAgent.Daemon.Cli;
using GuestAgent.Hosting;

namespace GuestAgent.Daemon.Verbs;

/// <summary>
/// <c>guest-agent schema</c>: the JSON contracts of every registered command, as one JSON document
/// built from the generated descriptors (nothing is inspected at run time): the SDK's
/// <see cref="CommandSchemaDocument"/> with the daemon's name, version and Nova's protocol line.
/// </summary>
internal static class SchemaVerb
{
    public static async Task<int> RunAsync(StandardStreams streams)
    {
        // Creating the registry runs no command; no service is needed to describe them.
        var registry = GuestAgent.Generated.AgentCommands.CreateRegistry(new ServiceMap());
        await streams.WriteOutputLineAsync(Write(registry)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The schema document of a registry.</summary>
    public static string Write(ICommandRegistry registry) =>
        CommandSchemaDocument.Write(registry, "guest-agent", AgentVersion.Informational, CommandSchemaDocument.NovaProtocol);
}

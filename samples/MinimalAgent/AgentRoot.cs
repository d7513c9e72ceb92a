namespace MinimalAgent;

/// <summary>
/// The directory everything the built-in commands change lives under: the one given, kept; or a
/// temporary one, removed when the agent ends, so that trying the sample leaves nothing behind.
/// </summary>
internal sealed class AgentRoot : IDisposable
{
    private readonly bool _temporary;

    private AgentRoot(string path, bool temporary)
    {
        Path = path;
        _temporary = temporary;
    }

    /// <summary>The root's full path.</summary>
    public string Path { get; }

    /// <summary>The directory given (created if missing), or a new temporary one when none is.</summary>
    public static AgentRoot Open(string? given) => given is null
        ? new AgentRoot(Directory.CreateTempSubdirectory("minimal-agent-").FullName, temporary: true)
        : new AgentRoot(Directory.CreateDirectory(given).FullName, temporary: false);

    /// <summary>Removes a temporary root and what the commands wrote in it; a given one is kept.</summary>
    public void Dispose()
    {
        if (!_temporary)
        {
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Only a temporary directory: the system's clean-up of its temporary files takes it then.
        }
    }
}

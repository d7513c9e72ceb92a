namespace MinimalAgent;

/// <summary>The sample's command line.</summary>
internal sealed record AgentOptions(string? Root, string? XenStoreSocket, string? DomainPath)
{
    /// <summary>Parses the arguments, or returns <c>null</c> when they are not understood.</summary>
    public static AgentOptions? Parse(string[] args)
    {
        string? root = null, socket = null, domainPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length)
            {
                return null;
            }

            switch (args[i])
            {
                case "--root": root = args[++i]; break;
                case "--xenstore": socket = args[++i]; break;
                case "--domain-path": domainPath = args[++i]; break;
                default: return null;
            }
        }

        return socket is null && domainPath is not null ? null : new AgentOptions(root, socket, domainPath);
    }
}

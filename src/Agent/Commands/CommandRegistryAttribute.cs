namespace GuestAgent.Commands;

/// <summary>
/// Names the generated command registry of an assembly, with the names of its commands. The
/// generator writes it; an application's own generator run reads it from every referenced
/// assembly to build the aggregate registry and to find duplicate names at compile time.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class CommandRegistryAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public CommandRegistryAttribute(Type registryType, params string[] commandNames)
    {
        RegistryType = registryType;
        CommandNames = commandNames;
    }

    /// <summary>The generated registry type (it has a constructor taking an <see cref="IServiceProvider"/>).</summary>
    public Type RegistryType { get; }

    /// <summary>The names of the assembly's commands.</summary>
    public IReadOnlyList<string> CommandNames { get; }
}

/// <summary>
/// Names the assembly's own System.Text.Json <c>JsonSerializerContext</c>, through which the
/// generated binders read complex parameter types and write complex results (no reflection).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class CommandJsonContextAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public CommandJsonContextAttribute(Type contextType) => ContextType = contextType;

    /// <summary>The <c>JsonSerializerContext</c> type; it must have a static <c>Default</c> property.</summary>
    public Type ContextType { get; }
}

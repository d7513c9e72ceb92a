namespace GuestAgent.Generators;

/// <summary>
/// The names of what the generator writes, in one place: the emitters write them, and the planner,
/// the settings reader and the analyzer must find the same types again (a referenced assembly's
/// aggregate, two registries of one name).
/// </summary>
internal static class GeneratedNames
{
    /// <summary>The tool named by the <c>[GeneratedCode]</c> attribute of every generated type.</summary>
    public const string Tool = "GuestAgent.Generators";

    /// <summary>The namespace of every generated type.</summary>
    public const string Namespace = "GuestAgent.Generated";

    /// <summary>The application's aggregate class, over its own registry and every referenced one.</summary>
    public const string AggregateClass = "AgentCommands";

    /// <summary>The aggregate's metadata name, to look it up in a referenced assembly.</summary>
    public const string AggregateMetadataName = Namespace + "." + AggregateClass;

    /// <summary>A registry class of <see cref="Namespace"/>, <c>global::</c>-qualified.</summary>
    public static string QualifiedRegistry(string registryName) => "global::" + Namespace + "." + registryName;
}

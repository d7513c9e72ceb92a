namespace GuestAgent.Generators;

/// <summary>Names of the pipeline steps, so tests can assert how each step ran.</summary>
internal static class TrackingNames
{
    public const string Settings = nameof(Settings);
    public const string EmitSettings = nameof(EmitSettings);
    public const string References = nameof(References);
    public const string Extract = nameof(Extract);
    public const string RemoveNulls = nameof(RemoveNulls);
    public const string Names = nameof(Names);
    public const string Duplicates = nameof(Duplicates);
    public const string CommandOutputs = nameof(CommandOutputs);
    public const string Registry = nameof(Registry);
    public const string Aggregate = nameof(Aggregate);
    public const string AnalyzersOff = nameof(AnalyzersOff);

    /// <summary>The compilation when the build skips analyzers, else <c>null</c> (so an edit leaves it unchanged).</summary>
    public const string Unanalyzed = nameof(Unanalyzed);

    /// <summary><see cref="Unanalyzed"/> with the options the fallback analysis reads.</summary>
    public const string UnanalyzedWithOptions = nameof(UnanalyzedWithOptions);
}

namespace GuestAgent.Commands.Network.Applying;

/// <summary>
/// The programs that make the written configuration live: <see cref="BeforeWrite"/> runs against
/// the old files (ifupdown must take interfaces down with the configuration they came up with),
/// <see cref="AfterWrite"/> against the new ones.
/// </summary>
/// <param name="BeforeWrite">Steps run before any file changes.</param>
/// <param name="AfterWrite">Steps run once every file is written.</param>
internal sealed record ApplyPlan(IReadOnlyList<ApplyStep> BeforeWrite, IReadOnlyList<ApplyStep> AfterWrite);

using System.Collections.Immutable;

namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// The network systems one family of distributions prefers, for <see cref="BackendSelector"/>: the
/// first of <see cref="InUse"/> that is installed and in use wins; when none is, the first of
/// <see cref="Installed"/> that is installed, else <see cref="Fallback"/>. A family without a
/// fallback whose candidates are all missing gives way to the next family that matches.
/// </summary>
/// <param name="Name">The family, for reading.</param>
/// <param name="Matches">Whether the system belongs to the family.</param>
/// <param name="InUse">The candidates when some network system is in use, in order.</param>
/// <param name="Installed">The candidates when none of <paramref name="InUse"/> is, in order.</param>
/// <param name="Fallback">The choice when none of <paramref name="Installed"/> is installed, or <c>null</c>.</param>
internal sealed record DistributionFamily(
    string Name,
    Func<SystemFacts, bool> Matches,
    ImmutableArray<NetworkBackend> InUse,
    ImmutableArray<NetworkBackend> Installed,
    NetworkBackend? Fallback);

using System.Text;

namespace GuestAgent.Platform;

/// <summary>What <see cref="RealPath.Resolve"/> found.</summary>
/// <param name="Path">The real path; when not <paramref name="Complete"/>, the link the walk stopped at.</param>
/// <param name="Complete">Whether every link was followed: false after more than <see cref="RealPath.MaximumLinks"/> (a loop).</param>
/// <param name="LinkDirectories">The real directories holding the links followed, in the order met (a directory once per link).</param>
/// <remarks>
/// Equality, the hash code and the text compare and show <paramref name="LinkDirectories"/> by its
/// items, in order, not by which list holds them (what a record would do): two walks that met the
/// same links are the same result.
/// </remarks>
public sealed record ResolvedPath(string Path, bool Complete, IReadOnlyList<string> LinkDirectories)
{
    /// <summary>Whether <paramref name="other"/> has the same path, completeness and link directories (in the same order).</summary>
    /// <param name="other">The result to compare with.</param>
    /// <returns><see langword="true"/> when every part is equal, the directories compared item by item.</returns>
    public bool Equals(ResolvedPath? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && string.Equals(Path, other.Path, StringComparison.Ordinal)
            && Complete == other.Complete
            && LinkDirectories.SequenceEqual(other.LinkDirectories, StringComparer.Ordinal));

    /// <summary>A hash code over the path, completeness and each link directory in order, consistent with <see cref="Equals(ResolvedPath?)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Path, StringComparer.Ordinal);
        hash.Add(Complete);
        foreach (var directory in LinkDirectories)
        {
            hash.Add(directory, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    // The directories themselves in the text (a record would show the list's type name).
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Path = ").Append(Path)
            .Append(", Complete = ").Append(Complete)
            .Append(", LinkDirectories = [").AppendJoin(", ", LinkDirectories).Append(']');
        return true;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace GuestAgent.Generators.Emitting;

/// <summary>
/// How to find one of many UTF-8 names of the same length: a few names are compared one after
/// the other; more are split on the byte position that tells them apart best, as a nested
/// <c>switch</c> (a jump table), until each branch holds a few names. Finding a name then costs a
/// couple of byte switches and at most <see cref="MaxLinear"/> comparisons, whatever the count.
/// </summary>
internal sealed class NameTree<T>
{
    /// <summary>At most this many names are compared one by one; more are split on a byte.</summary>
    public const int MaxLinear = 4;

    private NameTree(int count, IReadOnlyList<NameEntry<T>> leaves, int position, IReadOnlyList<NameBranch<T>> branches)
    {
        Count = count;
        Leaves = leaves;
        Position = position;
        Branches = branches;
    }

    /// <summary>How many names the tree holds.</summary>
    public int Count { get; }

    /// <summary>The names to compare one by one (ordinal order), when the tree does not branch.</summary>
    public IReadOnlyList<NameEntry<T>> Leaves { get; }

    /// <summary>The byte position switched on, when the tree branches.</summary>
    public int Position { get; }

    /// <summary>One branch per byte value at <see cref="Position"/>, in byte order.</summary>
    public IReadOnlyList<NameBranch<T>> Branches { get; }

    /// <summary>Plans the search among distinct names that all have the same UTF-8 length.</summary>
    public static NameTree<T> Build(IReadOnlyList<NameEntry<T>> entries)
    {
        if (entries.Count <= MaxLinear)
        {
            return new NameTree<T>(entries.Count, [.. entries.OrderBy(e => e.Name, StringComparer.Ordinal)], -1, []);
        }

        var position = BestPosition(entries);
        var branches = entries
            .GroupBy(e => e.Utf8[position])
            .OrderBy(g => g.Key)
            .Select(g => new NameBranch<T>(g.Key, Build([.. g])))
            .ToList();
        return new NameTree<T>(entries.Count, [], position, branches);
    }

    /// <summary>
    /// The position with the most distinct bytes, then the smallest largest branch, then the first:
    /// deterministic, so the generated code does not change between runs.
    /// </summary>
    private static int BestPosition(IReadOnlyList<NameEntry<T>> entries)
    {
        var best = -1;
        var bestDistinct = 0;
        var bestLargest = int.MaxValue;
        for (var position = 0; position < entries[0].Utf8.Length; position++)
        {
            var counts = entries.GroupBy(e => e.Utf8[position]).Select(g => g.Count()).ToList();
            var largest = counts.Max();
            if (counts.Count > bestDistinct || (counts.Count == bestDistinct && largest < bestLargest))
            {
                best = position;
                bestDistinct = counts.Count;
                bestLargest = largest;
            }
        }

        // Distinct names of one length differ somewhere, so some position has two or more bytes.
        return bestDistinct > 1 ? best : throw new InvalidOperationException("Duplicate command names reached the dispatch switch.");
    }
}

/// <summary>A name to dispatch, its UTF-8 bytes, and what it stands for.</summary>
internal sealed record NameEntry<T>(string Name, byte[] Utf8, T Value);

/// <summary>The names whose byte at the parent's position is <see cref="Byte"/>.</summary>
internal sealed record NameBranch<T>(byte Byte, NameTree<T> Tree);

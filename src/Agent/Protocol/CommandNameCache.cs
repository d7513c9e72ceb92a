using System.Collections.Frozen;
using System.Text;
using GuestAgent.Commands;

namespace GuestAgent.Protocol;

/// <summary>
/// The registry's command names as UTF-8 and as strings, so a request for a known command gets its
/// name (and descriptor) without decoding (and allocating) a new string every time. Indexed once,
/// by the UTF-8 bytes: a lookup hashes the request's name span and allocates nothing, however
/// many commands a registry has.
/// </summary>
internal sealed class CommandNameCache
{
    private readonly FrozenDictionary<byte[], CommandDescriptor>.AlternateLookup<ReadOnlySpan<byte>> _byName;

    public CommandNameCache(ICommandRegistry registry)
    {
        // The first of two commands with one name wins, as the registry's own dispatch would find it.
        var commands = new Dictionary<byte[], CommandDescriptor>(Utf8NameComparer.Instance);
        foreach (var command in registry.Commands)
        {
            commands.TryAdd(Encoding.UTF8.GetBytes(command.Name), command);
        }

        _byName = commands.ToFrozenDictionary(Utf8NameComparer.Instance).GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The name as a string: the cached instance for a known command, else a new one.</summary>
    public string GetString(ReadOnlySpan<byte> utf8Name) =>
        Find(utf8Name)?.Name ?? Encoding.UTF8.GetString(utf8Name);

    /// <summary>The descriptor of the command named <paramref name="utf8Name"/>, or <c>null</c>.</summary>
    public CommandDescriptor? Find(ReadOnlySpan<byte> utf8Name) =>
        _byName.TryGetValue(utf8Name, out var command) ? command : null;

    /// <summary>Compares names by their bytes, as arrays (the keys) or spans (a request's name, looked up without a copy).</summary>
    private sealed class Utf8NameComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static Utf8NameComparer Instance { get; } = new();

        public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = default(HashCode);
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        // Never called: the index is only read by span, and built from arrays.
        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}

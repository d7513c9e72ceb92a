namespace GuestAgent.Daemon.Tests.Layout;

// Types whose NativeAOT names NativeAotNamesTests knows. The member order matters: the compiler numbers
// a state machine, an iterator and a lambda by their method's place among the type's members, and the
// overloads of the constructor by their place in metadata.
#pragma warning disable CA1812, CA1822, IDE0060

/// <summary>Three constructors, an async method, a lambda, an iterator and a nested generic type.</summary>
internal sealed class ManglingFixture
{
    public ManglingFixture()
    {
    }

    public ManglingFixture(int value) => Value = value;

    public ManglingFixture(string value) => Value = value.Length;

    public static async Task<int> WaitAsync()
    {
        await Task.Yield();
        return 1;
    }

    public static Func<int, int> Twice() => static x => x * 2;

    public static IEnumerable<int> Numbers()
    {
        yield return 1;
    }

    public int Value { get; }

    /// <summary>Named <c>Inner_1</c>: a generic type's name carries its arity.</summary>
    internal static class Inner<T>
    {
        public static T? Default() => default;
    }
}

/// <summary>Named <c>Clash_1</c> as <see cref="Clash_1"/> is: one of the two gets <c>_0</c>.</summary>
internal static class Clash<T>
{
    public static T? FromGeneric() => default;
}

/// <summary>See <see cref="Clash{T}"/>.</summary>
internal static class Clash_1
{
    public static int FromPlain() => 1;
}
#pragma warning restore CA1812, CA1822, IDE0060
